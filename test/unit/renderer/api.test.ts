// The renderer's border with main: a call that fails to reach main answers lost contact, and leaves at once.
import { describe, expect, it } from 'vitest';
import { bordered, lostContact } from '../../../renderer/src/api';
import { appError } from '../../../shared/errors';
import { fakeApi } from './fakes';

describe('bordered', () => {
  it('turns a rejected call into a lost-contact answer', async () => {
    const api = fakeApi({});
    api.addLinks.mockRejectedValueOnce(new Error('bridge down'));
    expect(await bordered(api).addLinks({ text: 'x' })).toEqual({ ok: false, error: lostContact() });
  });

  it('turns a call that throws at once into a lost-contact answer', async () => {
    const api = fakeApi({});
    api.getSettings.mockImplementationOnce(() => {
      throw new Error('no bridge');
    });
    expect(await bordered(api).getSettings({})).toEqual({ ok: false, error: lostContact() });
  });

  it('passes main’s answers through, failures included', async () => {
    const api = fakeApi({});
    const refused = { ok: false as const, error: appError('SERVER') };
    api.getSettings.mockResolvedValueOnce(refused);
    expect(await bordered(api).getSettings({})).toEqual(refused);
    expect(await bordered(api).saveSession({ session: { version: 1 } as never })).toEqual({
      ok: true,
      value: { accepted: true },
    });
  });

  it('sends the call in the same tick, so a save made while the window closes still leaves', () => {
    const api = fakeApi({});
    void bordered(api).saveSession({ session: { version: 1 } as never });
    expect(api.saveSession).toHaveBeenCalledTimes(1);
  });

  it('wraps once: bordering a bordered API returns it unchanged', () => {
    const once = bordered(fakeApi({}));
    expect(bordered(once)).toBe(once);
  });

  it('passes main’s events through', () => {
    const api = fakeApi({});
    const seen: string[] = [];
    const stop = bordered(api).onEvent((event) => seen.push(event.type));
    api.emit({ type: 'status', pause: null });
    stop();
    api.emit({ type: 'status', pause: null });
    expect(seen).toEqual(['status']);
  });
});
