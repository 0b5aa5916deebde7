// Covers electron/soundcloud/short-links.ts: on.soundcloud.com links expanded against the simulator, and
// redirects that must be refused, with a fake fetch.
import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_USER_AGENT, createHttp, type Http } from '../../electron/soundcloud/http';
import { expandShortLink } from '../../electron/soundcloud/short-links';
import { permalinkOf, playlistPermalinkOf, userPermalinkOf } from '../simulator/catalogue';
import { shortLinkCode } from '../simulator/routes/web';
import { useSimulator } from '../helpers/simulator';
import { failure } from '../helpers/errors';

/** A client whose every request is answered by `answer`; the URLs asked for are recorded. */
function fakeHttp(answer: () => Response): { http: Http; asked: string[]; agents: (string | null)[] } {
  const asked: string[] = [];
  const agents: (string | null)[] = [];
  const http = createHttp({
    origin: null,
    retries: 0,
    fetch: (input, init) => {
      asked.push(String(input));
      agents.push(new Headers(init?.headers).get('user-agent'));
      return Promise.resolve(answer());
    },
  });
  return { http, asked, agents };
}

const redirectTo = (location: string, status = 302): (() => Response) => {
  return () => new Response(null, { status, headers: { location } });
};

describe('expandShortLink against the simulator', () => {
  const sim = useSimulator();
  let http: Http;

  beforeAll(async () => {
    http = createHttp({ origin: sim.origin, retries: 0 });
  });

  it("expands a track's short link to its permalink, without the tracking query", async () => {
    const track = sim.catalogue.tracks.find((t) => t.role === null);
    if (track === undefined) throw new Error('no ordinary track');
    const short = `https://on.soundcloud.com/${shortLinkCode('track', track.id)}`;
    await expect(expandShortLink(http, short)).resolves.toEqual({
      raw: short,
      link: permalinkOf(track),
      kind: 'track',
      startSeconds: 0,
      refusal: null,
    });
    // The redirect was read, not followed: the permalink page itself was never asked for.
    const asked = sim.requests.map((r) => `${r.host}${r.path}`);
    expect(asked).toContain(`on.soundcloud.com/${shortLinkCode('track', track.id)}`);
    expect(asked.some((a) => a.startsWith('soundcloud.com/'))).toBe(false);
  });

  it('keeps the secret token of a secret track', async () => {
    const track = sim.catalogue.tracks.find((t) => t.role === 'secret');
    if (track === undefined || track.secretToken === null) throw new Error('no secret track');
    const expanded = await expandShortLink(http, `on.soundcloud.com/${shortLinkCode('track', track.id)}`);
    expect(expanded.link).toBe(permalinkOf(track));
    expect(expanded.link?.endsWith(track.secretToken)).toBe(true);
  });

  it.each(['set', 'user'] as const)("expands a %s's short link", async (kind) => {
    const playlist = sim.catalogue.playlists[0];
    const user = sim.catalogue.users[0];
    if (playlist === undefined || user === undefined) throw new Error('no set or user');
    const [code, link] =
      kind === 'set'
        ? [shortLinkCode('playlist', playlist.id), playlistPermalinkOf(playlist)]
        : [shortLinkCode('user', user.id), userPermalinkOf(user)];
    const expanded = await expandShortLink(http, `https://on.soundcloud.com/${code}`);
    expect(expanded).toMatchObject({ link, kind, refusal: null });
  });

  it('keeps the start offset of the short link as pasted', async () => {
    const track = sim.catalogue.tracks.find((t) => t.role === null);
    if (track === undefined) throw new Error('no ordinary track');
    const code = shortLinkCode('track', track.id);
    const expanded = await expandShortLink(http, `https://on.soundcloud.com/${code}?si=abc#t=1:30`);
    expect(expanded).toMatchObject({ link: permalinkOf(track), startSeconds: 90 });
    // The request carried neither the tracking query nor the fragment.
    expect(sim.requests.at(-1)?.query).toBe('');
  });

  it('answers NOT_FOUND for an unknown code', async () => {
    const error = await failure(expandShortLink(http, 'https://on.soundcloud.com/Zzzzzzzz'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.status).toBe(404);
  });
});

describe('expandShortLink with a fake fetch', () => {
  it('asks with a browser User-Agent and does not follow the redirect', async () => {
    const fake = fakeHttp(redirectTo('https://soundcloud.com/A/One?si=x&utm_source=clipboard'));
    const expanded = await expandShortLink(fake.http, 'https://on.soundcloud.com/abc123');
    expect(expanded).toMatchObject({ link: 'https://soundcloud.com/a/one', kind: 'track' });
    expect(fake.asked).toEqual(['https://on.soundcloud.com/abc123']);
    expect(fake.agents).toEqual([BROWSER_USER_AGENT]);
  });

  it('accepts a list page (a profile tab, a station) as the target', async () => {
    const fake = fakeHttp(redirectTo('https://soundcloud.com/A/likes?si=x'));
    await expect(expandShortLink(fake.http, 'https://on.soundcloud.com/abc123')).resolves.toMatchObject({
      link: 'https://soundcloud.com/a/likes',
      kind: 'list',
      startSeconds: 0,
    });
  });

  it('accepts a target on m.soundcloud.com and takes its #t= when the short link has none', async () => {
    const fake = fakeHttp(redirectTo('https://m.soundcloud.com/a/one#t=45', 301));
    await expect(expandShortLink(fake.http, 'on.soundcloud.com/abc123')).resolves.toMatchObject({
      link: 'https://soundcloud.com/a/one',
      startSeconds: 45,
    });
  });

  it.each([
    'https://evil.example/a/one',
    'https://soundcloud.com.evil.com/a/one',
    'javascript:alert(1)',
    'https://soundcloud.com/discover',
    'https://soundcloud.com/a/followers',
    'https://on.soundcloud.com/other',
    'https://api.soundcloud.com/tracks/1',
    'https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/1',
    '/relative/path/only',
    'http://[::1',
  ])('refuses a redirect to %s as NOT_FOUND', async (location) => {
    const fake = fakeHttp(redirectTo(location));
    const error = await failure(expandShortLink(fake.http, 'https://on.soundcloud.com/abc123'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('This short link does not lead to a SoundCloud track.');
    expect(fake.asked).toHaveLength(1);
  });

  it('refuses an answer that is not a redirect', async () => {
    const fake = fakeHttp(() => new Response('<html></html>', { status: 200 }));
    expect((await failure(expandShortLink(fake.http, 'https://on.soundcloud.com/abc123'))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('maps a 410 to NOT_FOUND and a 403 to UNAUTHORIZED', async () => {
    const gone = fakeHttp(() => new Response('', { status: 410 }));
    expect((await failure(expandShortLink(gone.http, 'https://on.soundcloud.com/abc'))).code).toBe(
      'NOT_FOUND',
    );
    const forbidden = fakeHttp(() => new Response('', { status: 403 }));
    expect((await failure(expandShortLink(forbidden.http, 'https://on.soundcloud.com/abc'))).code).toBe(
      'UNAUTHORIZED',
    );
  });

  it.each(['https://soundcloud.com/a/one', 'https://example.com/abc', 'no link here', ''])(
    'refuses %j, which is not a short link, without a request',
    async (input) => {
      const fake = fakeHttp(redirectTo('https://soundcloud.com/a/one'));
      const error = await failure(expandShortLink(fake.http, input));
      expect(error.code).toBe('INVALID_LINK');
      expect(fake.asked).toEqual([]);
    },
  );
});
