// The simulator's track descriptions: served as they are on api-v2 and on the official API, with the long
// tracks' tracklists reading as exactly the chapters the catalogue means and the other times as none.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseChapters } from '../../shared/chapters';
import { LONG_TRACKS } from '../simulator/catalogue-descriptions';
import { isLongForm, permalinkOf, type SimTrack } from '../simulator/catalogue';
import {
  CATALOGUE,
  LANTERN,
  LIVE_SCHEDULE,
  LONG_PLAY,
  LONG_PODCAST,
  NIGHT_SHIFT_MIX,
  RADIO_SHOW,
} from '../helpers/sim-catalogue';
import { getV2, officialToken, useSimulator } from '../helpers/simulator';

const seconds = (track: SimTrack): number => track.durationMs / 1000;
const meant = (track: SimTrack) => LONG_TRACKS.find((spec) => spec.title === track.title)?.chapters;

describe('descriptions in the catalogue', () => {
  it.each([
    ['brackets', NIGHT_SHIFT_MIX, /^\[\d\d:\d\d\] /m],
    ['h:mm:ss', RADIO_SHOW, /^\d:\d\d:\d\d /m],
    ['numbered, times at the end', LONG_PLAY, /^\d\. .+ \(\d+:\d\d\)$/m],
  ])('a tracklist with %s reads as the chapters it lists, among prose', (_shape, track, shape) => {
    expect(track.description).toMatch(shape);
    const chapters = meant(track) ?? [];
    expect(chapters.length).toBeGreaterThanOrEqual(7);
    expect(parseChapters(track.description ?? '', seconds(track))).toEqual(chapters);
    // The list stands between paragraphs of prose, not alone.
    const lines = (track.description ?? '').split('\n');
    expect(lines[0]).not.toMatch(/\d:\d\d/);
    expect(lines.at(-1)).not.toMatch(/\d:\d\d/);
  });

  it('the radio show runs past its first hour, and its chapters reach into the second', () => {
    expect(seconds(RADIO_SHOW)).toBeGreaterThanOrEqual(7200);
    const chapters = parseChapters(RADIO_SHOW.description ?? '', seconds(RADIO_SHOW));
    expect(chapters.at(-1)?.startSeconds).toBeGreaterThan(6000);
    expect(chapters.find((c) => c.title === 'Copper Wire - Live in Leeds')?.startSeconds).toBe(3733);
  });

  it.each([
    ['a podcast whose times stand in prose (and one stray timed line)', LONG_PODCAST],
    ['a live recording whose description is a line-up schedule', LIVE_SCHEDULE],
  ])('%s has times but no chapters', (_what, track) => {
    expect(seconds(track)).toBeGreaterThanOrEqual(3600);
    expect(track.description?.match(/\d{1,2}:\d\d/g)?.length).toBeGreaterThanOrEqual(3);
    expect(meant(track)).toEqual([]);
    expect(parseChapters(track.description ?? '')).toEqual([]);
  });

  it('every other track has a short description, null or empty, and none of them lists chapters', () => {
    const others = CATALOGUE.tracks.filter((t) => !isLongForm(t));
    expect(new Set(others.map((t) => t.description))).toContain(null);
    expect(new Set(others.map((t) => t.description))).toContain('');
    expect(others.filter((t) => /\d:\d\d/.test(t.description ?? '')).length).toBeGreaterThan(10);
    for (const track of others) {
      expect(track.description === null || track.description.length <= 200).toBe(true);
      expect(parseChapters(track.description ?? '', seconds(track)), track.title).toEqual([]);
    }
  });

  it('the long tracks are all long form, and no list or chart draws them', () => {
    for (const spec of LONG_TRACKS)
      expect(CATALOGUE.tracks.find((t) => t.title === spec.title)).toBeDefined();
    expect([NIGHT_SHIFT_MIX, RADIO_SHOW, LONG_PLAY, LONG_PODCAST, LIVE_SCHEDULE].every(isLongForm)).toBe(
      true,
    );
    expect(isLongForm(LANTERN!)).toBe(false);
  });
});

describe('descriptions served', () => {
  const sim = useSimulator({ botCheck: 'off' });
  const v2Track = z.object({ id: z.number(), description: z.string().nullable() });
  const officialTrack = z.object({ id: z.number(), description: z.string().nullable() });

  const officialGet = async (path: string): Promise<unknown> => {
    const response = await fetch(`${sim.origin}/api.soundcloud.com${path}`, {
      headers: { authorization: `OAuth ${await officialToken(sim)}` },
    });
    expect(response.status).toBe(200);
    return response.json();
  };

  const named = (tracks: SimTrack[]) => tracks.map((t) => [t.title, t] as const);

  it.each(named([NIGHT_SHIFT_MIX, LONG_PODCAST, LANTERN!]))(
    'api-v2 sends the text of %s',
    async (_title, track) => {
      const { status, body } = await getV2(sim, '/resolve', { url: permalinkOf(track) });
      expect(status).toBe(200);
      expect(v2Track.parse(body)).toEqual({ id: track.id, description: track.description });
    },
  );

  it('api-v2 sends null and empty descriptions as they are', async () => {
    const none = CATALOGUE.tracks.find((t) => t.description === null && !isLongForm(t) && t.role === null);
    const empty = CATALOGUE.tracks.find((t) => t.description === '' && t.role === null);
    for (const track of [none!, empty!]) {
      const { body } = await getV2(sim, `/tracks/${track.id}`);
      expect(v2Track.parse(body).description).toBe(track.description);
    }
  });

  it.each(named([RADIO_SHOW, LIVE_SCHEDULE, LANTERN!]))(
    'the official API sends the text of %s',
    async (_title, track) => {
      const body = officialTrack.parse(await officialGet(`/tracks/${encodeURIComponent(track.urn)}`));
      expect(body).toEqual({ id: track.id, description: track.description });
      expect(parseChapters(body.description ?? '', seconds(track))).toEqual(meant(track) ?? []);
    },
  );
});
