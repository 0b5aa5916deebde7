// Covers the headless CLI (electron/cli.ts): `cloudcue resolve` and `cloudcue links` against the simulator:
// output, concurrency through the shared limit, ids on every line, and the environment it reads.
import { execFile } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli, type CliIo } from '../../electron/cli';
import { appErrorSchema, streamGrantSchema } from '../../shared/ipc';
import { buildCatalogue, permalinkOf, playlistPermalinkOf, type SimTrack } from '../simulator/catalogue';
import { useSimulator } from '../helpers/simulator';

const CATALOGUE = buildCatalogue();
const ORDINARY = CATALOGUE.tracks.filter((t) => t.role === null);
const SET = CATALOGUE.playlists[0];

function ordinary(index: number): SimTrack {
  const track = ORDINARY[index];
  if (track === undefined) throw new Error(`no ordinary track ${index}`);
  return track;
}

/** One line of `resolve --json` for a track that resolved. */
const trackLineSchema = z.strictObject({
  id: z.number(),
  title: z.string(),
  artist: z.string(),
  duration: z.number(),
  permalink: z.string(),
  stream: streamGrantSchema.strict(),
});

/** One line of `resolve --json` for a link that failed (with the track's id when it is known). */
const errorLineSchema = z.strictObject({
  id: z.number().optional(),
  permalink: z.string(),
  error: appErrorSchema,
});

interface Run {
  code: number;
  stdout: string[];
  stderr: string[];
}

const sim = useSimulator();
let cacheHome: string;

beforeAll(async () => {
  cacheHome = await mkdtemp(join(tmpdir(), 'cloudcue-cli-'));
});

afterAll(async () => {
  await rm(cacheHome, { recursive: true, force: true });
});

async function run(
  argv: string[],
  options: { stdin?: string; env?: Record<string, string | undefined> } = {},
): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    readStdin: () => Promise.resolve(options.stdin ?? ''),
    env: { CLOUDCUE_SC_ORIGIN: sim.origin, XDG_CACHE_HOME: cacheHome, ...options.env },
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** The JSON lines of a `--json` run, as track lines. */
function trackLines(result: Run): z.infer<typeof trackLineSchema>[] {
  return result.stdout.map((line) => trackLineSchema.parse(JSON.parse(line)));
}

describe('cloudcue resolve', () => {
  it('prints the track and a stream URL on the simulator origin', async () => {
    const track = ordinary(0);
    const result = await run(['resolve', permalinkOf(track)]);
    expect(result.stderr).toEqual([]);
    expect(result.code).toBe(0);
    const text = result.stdout.join('\n');
    expect(text).toContain(`${track.title} — ${track.user.username}`);
    expect(text).toContain(permalinkOf(track));
    const urls = text.split(/\s+/).filter((word) => word.startsWith('http://'));
    expect(urls).toHaveLength(1);
    expect(urls[0]?.startsWith(`${sim.origin}/`)).toBe(true);
    // The api-v2 client_id found on the (simulated) web app is cached under XDG_CACHE_HOME.
    await expect(access(join(cacheHome, 'cloudcue', 'client-id.simulator.json'))).resolves.toBeUndefined();
  });

  it('resolves an embed code and a profile tab as it resolves a permalink', async () => {
    const track = ordinary(0);
    const embed = `<iframe src="https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/${track.id}"></iframe>`;
    const result = await run(['resolve', '--json', '--cap', '2', '-'], {
      stdin: `${embed}\nhttps://soundcloud.com/${track.user.permalink}/popular-tracks`,
    });
    expect(result.stderr).toEqual([]);
    expect(result.code).toBe(0);
    const lines = trackLines(result);
    expect(lines).toHaveLength(3);
    expect(lines[0]?.id).toBe(track.id);
  });

  it('prints one JSON line per track with --json', async () => {
    const track = ordinary(1);
    const before = Date.now();
    const result = await run(['resolve', '--json', permalinkOf(track)]);
    expect(result.code).toBe(0);
    const lines = trackLines(result);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({
      id: track.id,
      title: track.title,
      artist: track.user.username,
      duration: track.durationMs,
      permalink: permalinkOf(track),
      stream: { preview: false },
    });
    expect(line?.stream.url.startsWith(`${sim.origin}/`)).toBe(true);
    expect(line?.stream.expiresAt).toBeGreaterThan(before);
  });

  it('prints a title’s line breaks and terminal escapes as spaces, in JSON too (cleaned where it entered)', async () => {
    const chosen = ordinary(2);
    const live = sim.catalogue.tracks.find((t) => t.id === chosen.id);
    if (live === undefined) throw new Error('the simulator lacks the track');
    const original = live.title;
    const hostile = 'Red\u001b[31m\r\nFAKE ROW\u009b2J\u0007\u202e';
    live.title = hostile;
    try {
      const text = await run(['resolve', permalinkOf(chosen)]);
      expect(text.code).toBe(0);
      const lines = text.stdout.join('\n').split('\n');
      // The track's line and the stream's two: no line of the title's own.
      expect(lines).toHaveLength(3);
      expect(lines[0]).toContain(`Red [31m FAKE ROW 2J  — ${chosen.user.username}`);
      const json = await run(['resolve', '--json', permalinkOf(chosen)]);
      expect(json.stdout).toHaveLength(1);
      expect(trackLines(json)[0]?.title).toBe('Red [31m FAKE ROW 2J ');
      for (const line of [...lines, ...json.stdout]) {
        expect([...line].filter((c) => c < ' ' || (c >= '\u007f' && c <= '\u009f'))).toEqual([]);
      }
    } finally {
      live.title = original;
    }
  });

  it('prints one line per track of a set, in the set’s order', async () => {
    if (SET === undefined) throw new Error('the catalogue has no set');
    const result = await run(['resolve', playlistPermalinkOf(SET), '--json']);
    expect(result.code).toBe(0);
    expect(trackLines(result).map((line) => line.id)).toEqual(SET.tracks.map((t) => t.id));
  });

  it('prints the error of a link that fails and exits 1', async () => {
    const missing = 'https://soundcloud.com/nobody-here/no-such-track';
    const result = await run(['resolve', missing, '--json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toHaveLength(1);
    expect(errorLineSchema.parse(JSON.parse(result.stdout[0] ?? ''))).toMatchObject({
      permalink: missing,
      error: { code: 'NOT_FOUND' },
    });

    const text = await run(['resolve', missing]);
    expect(text.code).toBe(1);
    expect(text.stdout.join('\n')).toMatch(/^✗ .*no-such-track: .* \[NOT_FOUND\]$/);
  });

  it('resolves through the legacy provider with --provider legacy', async () => {
    const track = ordinary(2);
    // The seed's chain as it answered before its retirement (the simulator's default is 2026's 401).
    sim.configure({ legacyApi: 'historical' });
    const result = await run(['resolve', '--provider', 'legacy', '--json', permalinkOf(track)]).finally(() =>
      sim.configure({ legacyApi: 'retired' }),
    );
    expect(result.code).toBe(0);
    expect(trackLines(result)).toEqual([
      expect.objectContaining({
        id: track.id,
        title: track.title,
        stream: expect.objectContaining({ protocol: 'progressive', mimeType: 'audio/mpeg' }) as unknown,
      }),
    ]);
    expect(trackLines(result)[0]?.stream.url.startsWith(`${sim.origin}/cf-media.sndcdn.com/`)).toBe(true);
  });

  it('reads text with several links from standard input with -', async () => {
    const first = ordinary(3);
    const second = ordinary(4);
    const stdin = `My picks:\n- ${permalinkOf(first)} (great)\n- "${permalinkOf(second)}"\nthanks!\n`;
    const result = await run(['resolve', '-', '--json'], { stdin });
    expect(result.code).toBe(0);
    expect(trackLines(result).map((line) => line.id)).toEqual([first.id, second.id]);
  });

  it('asks for stream URLs six at a time as links resolve, and prints in the order of the links', async () => {
    const tracks = Array.from({ length: 12 }, (_, i) => ordinary(i));
    await run(['resolve', permalinkOf(ordinary(12))]); // the client_id is found and cached first
    sim.configure({ latencyMs: 60 });
    const start = sim.requests.length;
    let most = 0;
    let mostMedia = 0;
    const watch = setInterval(() => {
      const open = sim.requests.slice(start).filter((r) => r.status === null);
      most = Math.max(most, open.length);
      mostMedia = Math.max(mostMedia, open.filter((r) => r.path.startsWith('/media/')).length);
    }, 5);
    const result = await run(['resolve', '-', '--json'], {
      stdin: tracks.map((t) => permalinkOf(t)).join('\n'),
    }).finally(() => {
      clearInterval(watch);
      sim.configure({ latencyMs: 0 });
    });
    expect(result.code).toBe(0);
    expect(trackLines(result).map((line) => line.id)).toEqual(tracks.map((t) => t.id));
    const requests = sim.requests.slice(start).filter((r) => r.host === 'api-v2.soundcloud.com');
    expect(requests.filter((r) => r.path === '/resolve')).toHaveLength(12);
    expect(requests.filter((r) => r.path.startsWith('/media/'))).toHaveLength(12);
    // Stream URLs are asked for several at a time (one after another before), never past the limit of six.
    expect(most).toBeLessThanOrEqual(6);
    expect(mostMedia).toBeGreaterThan(1);
  });

  it("puts the track's id on the line of a set's track that failed", async () => {
    const large = CATALOGUE.playlists.find((p) => p.tracks.length > 100);
    if (large === undefined) throw new Error('the catalogue has no large set');
    sim.addFault({ route: 'api-v2.soundcloud.com/tracks*', kind: '500' });
    const result = await run(['resolve', playlistPermalinkOf(large), '--json']).finally(() =>
      sim.clearFaults(),
    );
    expect(result.code).toBe(1);
    const lines = result.stdout.map((line) => JSON.parse(line) as { id?: number; error?: unknown });
    expect(lines).toHaveLength(large.tracks.length);
    expect(lines.map((line) => line.id)).toEqual(large.tracks.map((t) => t.id));
    const failed = lines.filter((line) => line.error !== undefined);
    expect(failed.length).toBeGreaterThan(0);
    for (const line of failed) expect(errorLineSchema.parse(line).error.code).toBe('SERVER');
  });

  it('takes CLOUDCUE_CLIENT_ID as the Web API client id, without looking for one on soundcloud.com', async () => {
    const emptyCache = await mkdtemp(join(tmpdir(), 'cloudcue-cli-id-'));
    const start = sim.requests.length;
    try {
      const result = await run(['resolve', '--json', permalinkOf(ordinary(5))], {
        env: { CLOUDCUE_CLIENT_ID: sim.clientId, XDG_CACHE_HOME: emptyCache },
      });
      expect(result.code).toBe(0);
    } finally {
      await rm(emptyCache, { recursive: true, force: true });
    }
    const requests = sim.requests.slice(start);
    expect(requests.filter((r) => r.host === 'soundcloud.com')).toEqual([]);
    const api = requests.filter((r) => r.host === 'api-v2.soundcloud.com');
    expect(api.length).toBeGreaterThan(0);
    for (const record of api) expect(record.query).toContain(`client_id=${sim.clientId}`);
  });

  it('names the environment variables where the app would point to Settings', async () => {
    const link = permalinkOf(ordinary(6));
    const official = await run(['resolve', '--provider', 'official', link], {
      env: { CLOUDCUE_OFFICIAL_CLIENT_ID: undefined, CLOUDCUE_OFFICIAL_CLIENT_SECRET: undefined },
    });
    expect(official.code).toBe(1);
    expect(official.stdout.join('\n')).toContain(
      'set CLOUDCUE_OFFICIAL_CLIENT_ID and CLOUDCUE_OFFICIAL_CLIENT_SECRET',
    );
    expect(official.stdout.join('\n')).not.toContain('Settings');

    const refused = await run(['resolve', link], { env: { CLOUDCUE_CLIENT_ID: 'x'.repeat(32) } });
    expect(refused.code).toBe(1);
    expect(refused.stdout.join('\n')).toContain('SoundCloud refused the client id in CLOUDCUE_CLIENT_ID');
  });

  it('says on standard error when SoundCloud asks it to slow down, and still resolves', async () => {
    sim.addFault({
      route: 'api-v2.soundcloud.com/media/*',
      kind: '429-retry-after',
      retryAfter: 1,
      count: 1,
    });
    const result = await run(['resolve', '--json', permalinkOf(ordinary(6))]).finally(() =>
      sim.clearFaults(),
    );
    expect(result.code).toBe(0);
    expect(trackLines(result)).toHaveLength(1);
    expect(result.stderr).toEqual(['SoundCloud asks Cloudcue to slow down; resuming in 1 s.']);
  });

  it.each<[string, string[]]>([
    ['no arguments', []],
    ['no link', ['resolve']],
    ['an unknown command', ['play', 'https://soundcloud.com/a/b']],
    ['an extra argument', ['resolve', 'https://soundcloud.com/a/b', 'https://soundcloud.com/a/c']],
    ['an unknown option', ['resolve', '--loud', 'https://soundcloud.com/a/b']],
    ['an unknown provider', ['resolve', '--provider', 'v3', 'https://soundcloud.com/a/b']],
    ['a cap of 0', ['resolve', '--cap', '0', 'https://soundcloud.com/a/b']],
    ['a cap that is not a number', ['resolve', '--cap', 'many', 'https://soundcloud.com/a/b']],
  ])('exits 2 with the usage for %s', async (_label, argv) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toEqual([]);
    expect(result.stderr.join('\n')).toContain('Usage:');
  });

  it('prints the usage with --help, naming the environment variables it reads', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    const usage = result.stdout.join('\n');
    expect(usage).toContain('cloudcue resolve <url|->');
    for (const name of [
      'CLOUDCUE_CLIENT_ID',
      'CLOUDCUE_OFFICIAL_CLIENT_ID',
      'CLOUDCUE_OFFICIAL_CLIENT_SECRET',
      'CLOUDCUE_SC_ORIGIN',
      'XDG_CACHE_HOME',
    ]) {
      expect(usage).toContain(name);
    }
  });

  it('exits 2 when CLOUDCUE_SC_ORIGIN is not a loopback origin', async () => {
    const result = await run(['resolve', permalinkOf(ordinary(0))], {
      env: { CLOUDCUE_SC_ORIGIN: 'http://10.1.2.3:8123' },
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toEqual([]);
    expect(result.stderr.join('\n')).toMatch(/CLOUDCUE_SC_ORIGIN must point at this machine/);
  });
});

describe('cloudcue links', () => {
  it('prints the normalized links found in the text', async () => {
    const result = await run([
      'links',
      'Try <https://www.SoundCloud.com/Night-Owl-Radio/Lantern-Hum?si=abc#t=1:30>, and soundcloud.com/tideline/sets/harbour-evenings.',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toEqual([
      'https://soundcloud.com/night-owl-radio/lantern-hum#t=90',
      'https://soundcloud.com/tideline/sets/harbour-evenings',
    ]);
  });

  it('prints every form of the issue in its canonical form, and explains an old share link', async () => {
    const result = await run(['links', '-'], {
      stdin: [
        '<iframe width="100%" height="166" src="https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/soundcloud%253Atracks%253A42&color=%23ff5500"></iframe><div><a href="https://soundcloud.com/a">A</a></div>',
        'https://api-v2.soundcloud.com/playlists/soundcloud%3Aplaylists%3A7?secret_token=s-Ab1&client_id=x',
        'https://api.soundcloud.com/users/9',
        'https://soundcloud.com/Night-Owl-Radio/likes https://soundcloud.com/a/one/recommended',
        'https://soundcloud.com/stations/artist/a https://soundcloud.com/discover/sets/weekly::a',
        'https://soundcloud.app.goo.gl/Xy12',
      ].join('\n'),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toEqual([
      'https://api.soundcloud.com/tracks/42',
      'https://api.soundcloud.com/playlists/7?secret_token=s-Ab1',
      'https://api.soundcloud.com/users/9',
      'https://soundcloud.com/night-owl-radio/likes',
      'https://soundcloud.com/a/one/recommended',
      'https://soundcloud.com/stations/artist/a',
      'https://soundcloud.com/discover/sets/weekly::a',
    ]);
    expect(result.stderr).toEqual([
      expect.stringMatching(/goo\.gl\/Xy12 \(This old SoundCloud share link no longer works/),
    ]);
  });

  it('reports refused links on standard error', async () => {
    const result = await run(['links', '-'], {
      stdin: 'https://soundcloud.com/a/b and https://soundcloud.com/discover',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toEqual(['https://soundcloud.com/a/b']);
    expect(result.stderr).toEqual([expect.stringMatching(/^refused: https:\/\/soundcloud\.com\/discover/)]);
  });

  it('exits 1 when the text holds no playable link', async () => {
    const none = await run(['links', 'nothing to see on example.com']);
    expect(none.code).toBe(1);
    expect(none.stdout).toEqual([]);
    expect(none.stderr).toEqual(['No SoundCloud links found.']);

    const refusedOnly = await run(['links', 'https://soundcloud.com/discover']);
    expect(refusedOnly.code).toBe(1);
    expect(refusedOnly.stdout).toEqual([]);
  });
});

describe('the cloudcue program', () => {
  it('runs as a program: prints to stdout and sets the exit code', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const program = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', join(root, 'electron/cli.ts'), ...args],
          { cwd: root, timeout: 20_000 },
          (error, stdout, stderr) => {
            const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
            done({ code, stdout, stderr });
          },
        );
      });
    await expect(program(['links', 'https://soundcloud.com/a/b'])).resolves.toEqual({
      code: 0,
      stdout: 'https://soundcloud.com/a/b\n',
      stderr: '',
    });
    await expect(program(['links', 'no links here'])).resolves.toMatchObject({ code: 1 });
    await expect(program(['bogus'])).resolves.toMatchObject({ code: 2 });
  }, 30_000);
});
