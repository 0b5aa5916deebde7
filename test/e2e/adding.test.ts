// End to end in Chromium: pasting text into the queue, and the messages users get for bad input.
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../simulator/server';
import { addLinks, catalogue, openApp, useChromium, withApp } from './harness';

const browser = useChromium();

describe('adding links', () => {
  it('turns pasted text with two links and some junk into two items, in order', async () => {
    await withApp(openApp(browser()), async (app) => {
      const [a, b] = await catalogue(app.simulator);
      if (!a || !b) throw new Error('catalogue too small');
      const text = `Tonight's picks:\n- ${b.permalink.replace('https://', 'www.')}?utm_source=share (great)\nnot a link, https://example.com/x\n<${a.permalink}>.`;
      await addLinks(app.page, text);
      const items = app.page.getByRole('grid', { name: 'Queue' }).getByRole('row');
      await items.filter({ hasText: a.title }).waitFor();
      await items.filter({ hasText: b.title }).waitFor();
      const rows = await items.allTextContents();
      expect(rows).toHaveLength(2);
      expect(rows[0]).toContain(b.title);
      expect(rows[1]).toContain(a.title);
      await expect(app.page.getByRole('textbox', { name: 'Add links' }).inputValue()).resolves.toBe('');
    });
  });

  it('says when the text holds no SoundCloud link, and keeps the text', async () => {
    await withApp(openApp(browser()), async (app) => {
      await addLinks(app.page, 'https://example.com/song and some words');
      await expect(app.page.getByRole('alert').textContent()).resolves.toMatch(/No SoundCloud links found/);
      await expect(app.page.getByRole('textbox', { name: 'Add links' }).inputValue()).resolves.toContain(
        'some words',
      );
      await expect(app.page.getByRole('row').count()).resolves.toBe(0);
    });
  });

  it('shows an unknown track’s error on its item and keeps the rest of the queue', async () => {
    await withApp(openApp(browser()), async (app) => {
      const [a] = await catalogue(app.simulator);
      if (!a) throw new Error('empty catalogue');
      await addLinks(app.page, a.permalink);
      await app.page.getByRole('row').filter({ hasText: a.title }).waitFor();
      await addLinks(app.page, 'https://soundcloud.com/nobody-here/no-such-track');
      const missing = app.page.getByRole('row').filter({ hasText: 'no-such-track' });
      await missing.getByText('This track does not exist or was removed.').waitFor();
      await expect(app.page.getByRole('row').count()).resolves.toBe(2);
      await expect(app.page.getByRole('row').first().textContent()).resolves.toContain(a.title);
    });
  });

  it('says SoundCloud cannot be reached when the server is down, on the item', async () => {
    const dead = await startSimulator();
    const deadOrigin = dead.origin;
    await dead.close();
    await withApp(openApp(browser(), { scOrigin: deadOrigin }), async (app) => {
      await addLinks(app.page, 'https://soundcloud.com/night-owl-radio/lantern-hum');
      const item = app.page.getByRole('row').filter({ hasText: 'lantern-hum' });
      await item.getByText('Cannot reach SoundCloud. Check your connection.').waitFor();
      await expect(app.page.getByRole('row').count()).resolves.toBe(1);
    });
  });
});
