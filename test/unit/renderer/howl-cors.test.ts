// @vitest-environment jsdom
// The howler Sound routed through the sound's graph: its element loads in CORS mode (set before howler gives
// it its source) and is handed to the graph, and let go when the sound unloads; after a failed CORS load from
// an origin never seen answering one, the next load from it (the engine's recovery) goes without CORS.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { MediaRouting } from '../../../renderer/src/audio/graph';
import type { SoundFactory } from '../../../renderer/src/player/sound';

let routedHowlSound: (routing: MediaRouting) => SoundFactory;
const loads: HTMLMediaElement[] = [];
/** Whether crossorigin was set when each load began (it decides the request's mode). */
const loadedWithCors: boolean[] = [];

beforeAll(async () => {
  vi.spyOn(HTMLMediaElement.prototype, 'canPlayType').mockReturnValue('probably');
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
  vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(function (this: HTMLMediaElement) {
    loads.push(this);
    loadedWithCors.push(this.crossOrigin !== null);
  });
  ({ routedHowlSound } = await import('../../../renderer/src/player/howl'));
});

/** A routed howler Sound of an MP3 on `host` (each test its own: the Sound learns which hosts answer CORS). */
function routed(host = 'cf-media.sndcdn.com') {
  const adopted: HTMLMediaElement[] = [];
  const released: HTMLMediaElement[] = [];
  const factory = routedHowlSound({ adopt: (e) => adopted.push(e), release: (e) => released.push(e) });
  const sound = factory({
    src: `https://${host}/${Math.random()}.128.mp3`,
    format: ['mp3'],
    html5: true,
  });
  const element = adopted[0];
  if (element === undefined) throw new Error('no element handed to the graph');
  return { sound, element, adopted, released };
}

describe('the routed howler Sound', () => {
  it('loads its element in CORS mode and hands it to the graph, then lets it go', () => {
    const { sound, element, adopted, released } = routed();
    expect(adopted).toEqual([element]);
    expect(element.crossOrigin).toBe('anonymous');
    expect(loadedWithCors.at(-1)).toBe(true);
    sound.unload();
    expect(released).toEqual([element]);
  });

  it('gives each sound an element of its own', () => {
    const first = routed();
    first.sound.unload();
    const second = routed();
    expect(second.element).not.toBe(first.element);
  });

  it('reports a failed CORS load at once (no request added), and loads from that origin without CORS next', async () => {
    const first = routed('no-cors.example');
    const loaderror = vi.fn();
    first.sound.on('loaderror', loaderror);
    first.element.dispatchEvent(new Event('error'));
    await vi.waitFor(() => expect(loaderror).toHaveBeenCalledTimes(1));
    expect(loads.filter((e) => e === first.element)).toHaveLength(1);

    const second = routed('no-cors.example');
    expect(second.element.crossOrigin).toBeNull();
    // It played: that origin's media go without CORS from now on (unprocessed).
    second.element.dispatchEvent(new Event('loadedmetadata'));
    expect(routed('no-cors.example').element.crossOrigin).toBeNull();
    // Another origin is not concerned.
    expect(routed('other.example').element.crossOrigin).toBe('anonymous');
  });

  it('goes back to CORS when the plain load fails too (CORS was not the cause)', () => {
    routed('down.example').element.dispatchEvent(new Event('error'));
    const plain = routed('down.example');
    expect(plain.element.crossOrigin).toBeNull();
    plain.element.dispatchEvent(new Event('error'));
    expect(routed('down.example').element.crossOrigin).toBe('anonymous');
  });

  it('keeps CORS for an origin that has answered a CORS load, whatever fails later (an expired URL, a 500)', () => {
    const first = routed('cors.example');
    first.element.dispatchEvent(new Event('loadedmetadata'));
    first.element.dispatchEvent(new Event('error'));
    expect(routed('cors.example').element.crossOrigin).toBe('anonymous');
  });
});
