// Queue export: M3U and JSON hold every item's link (with its offset) in order, and read back through
// the link finder as the same queue.
import { describe, expect, it } from 'vitest';
import type { Track } from '../../shared/ipc';
import { findLinks } from '../../shared/links';
import { toJson, toM3u, type ExportItem } from '../../shared/playlist-files';

const track = (slug: string, title: string): Track => ({
  id: title.length,
  permalink: `https://soundcloud.com/someone/${slug}`,
  title,
  artist: 'Some One',
  durationMs: 125_400,
  artworkUrl: null,
  waveformUrl: null,
  access: 'playable',
});

const items: ExportItem[] = [
  {
    link: 'https://soundcloud.com/someone/first',
    kind: 'track',
    startSeconds: 0,
    track: track('first', 'First'),
  },
  { link: 'https://soundcloud.com/someone/sets/pack', kind: 'set', startSeconds: 0 },
  {
    link: 'https://soundcloud.com/someone/third',
    kind: 'track',
    startSeconds: 90,
    track: track('third', 'Third\nline'),
  },
  {
    link: 'https://soundcloud.com/someone/first',
    kind: 'track',
    startSeconds: 0,
    track: track('first', 'First'),
  },
];

const expectedLinks = [
  'https://soundcloud.com/someone/first',
  'https://soundcloud.com/someone/sets/pack',
  'https://soundcloud.com/someone/third',
  'https://soundcloud.com/someone/first',
];

describe('M3U export', () => {
  it('writes #EXTM3U, an #EXTINF per resolved track and the links in order', () => {
    const m3u = toM3u(items);
    expect(m3u.split('\n').slice(0, 4)).toEqual([
      '#EXTM3U',
      '#EXTINF:125,Some One - First',
      'https://soundcloud.com/someone/first',
      'https://soundcloud.com/someone/sets/pack',
    ]);
    expect(m3u).toContain('#EXTINF:125,Some One - Third line\nhttps://soundcloud.com/someone/third#t=90\n');
  });

  it('reads back as the same links, offsets and duplicates included', () => {
    const found = findLinks(toM3u(items));
    expect(found.map((f) => f.link)).toEqual(expectedLinks);
    expect(found.map((f) => f.startSeconds)).toEqual([0, 0, 90, 0]);
  });
});

describe('JSON export', () => {
  it('is versioned JSON with each link and what is known of its track', () => {
    const parsed = JSON.parse(toJson(items)) as {
      format: string;
      version: number;
      tracks: { link: string; title?: string }[];
    };
    expect(parsed.format).toBe('cloudcue-queue');
    expect(parsed.version).toBe(1);
    expect(parsed.tracks.map((t) => t.title ?? null)).toEqual(['First', null, 'Third\nline', 'First']);
  });

  it('reads back as the same links in order', () => {
    expect(findLinks(toJson(items)).map((f) => f.link)).toEqual(expectedLinks);
  });
});

describe('a private track', () => {
  // Its token is what lets whoever the export is shared with open it: dropping it leaves a dead link.
  const privateTrack: ExportItem = {
    link: 'https://soundcloud.com/someone/sets/hidden/s-SetToken1',
    kind: 'set',
    startSeconds: 0,
    track: {
      ...track('hidden-song', 'Hidden Song'),
      permalink: 'https://soundcloud.com/someone/hidden-song/s-Tr4ck_Tok-en',
    },
  };
  const withToken = 'https://soundcloud.com/someone/hidden-song/s-Tr4ck_Tok-en';

  it('keeps its secret token in the M3U, and reads back with it', () => {
    const m3u = toM3u([privateTrack, { ...privateTrack, startSeconds: 12 }]);
    expect(m3u).toContain(`\n${withToken}\n#EXTINF:125,Some One - Hidden Song\n${withToken}#t=12\n`);
    expect(findLinks(m3u).map((f) => [f.link, f.startSeconds])).toEqual([
      [withToken, 0],
      [withToken, 12],
    ]);
  });

  it('keeps its secret token in the JSON, and reads back with it', () => {
    const json = toJson([privateTrack]);
    expect((JSON.parse(json) as { tracks: { link: string }[] }).tracks[0]?.link).toBe(withToken);
    expect(findLinks(json).map((f) => f.link)).toEqual([withToken]);
  });
});

describe('M3U export of what SoundCloud or a damaged save said', () => {
  const hostile = (title: string, permalink: string, link = permalink): ExportItem => ({
    link,
    kind: 'track',
    startSeconds: 0,
    track: { ...track('x', title), permalink },
  });
  /** The lines a player reads as entries: neither empty nor comments. */
  const entries = (m3u: string): string[] =>
    m3u.split('\n').filter((line) => line !== '' && !line.startsWith('#'));

  it('keeps each title on its own #EXTINF line, whatever line breaks and controls it holds', () => {
    const title = 'A\r\n#EXTINF:1,Injected\rhttps://evil.example/x.mp3\u2028\u0085\u001b[31mred\u0000';
    const m3u = toM3u([hostile(title, 'https://soundcloud.com/someone/a')]);
    const lines = m3u.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]?.startsWith('#EXTINF:125,Some One - A ')).toBe(true);
    const controls = [...m3u].filter((c) => c !== '\n' && (c < ' ' || (c >= '\u007f' && c <= '\u009f')));
    expect(controls).toEqual([]);
    expect(entries(m3u)).toEqual(['https://soundcloud.com/someone/a']);
  });

  it.each([
    'javascript:alert(1)',
    'http://soundcloud.com/someone/a',
    'https://evil.example/someone/a',
    'https://soundcloud.com/a\n#EXTINF:0,x\nfile:///etc/passwd',
  ])('writes no entry for a link that is not https on SoundCloud: %j', (bad) => {
    const m3u = toM3u([hostile('T', bad, 'not a link')]);
    expect(entries(m3u)).toEqual([]);
    expect(m3u.split('\n')).toHaveLength(3);
  });

  it('falls back to the pasted link when the track’s permalink is not safe', () => {
    const m3u = toM3u([hostile('T', 'javascript:alert(1)', 'https://soundcloud.com/someone/t')]);
    expect(entries(m3u)).toEqual(['https://soundcloud.com/someone/t']);
  });
});
