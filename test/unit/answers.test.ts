// Covers what the three providers share (electron/soundcloud/answers.ts, paging.ts): previews told by URL,
// missing pages told by kind, permalinks, artwork, the format order, the grant choice and page budgets.
import { describe, expect, it } from 'vitest';
import {
  artworkOf,
  chooseGrant,
  fetchAnswer,
  formatOrder,
  isPreviewUrl,
  JSON_ATTEMPTS,
  NOT_JSON_MESSAGE,
  notFoundMessage,
  permalinkWithSecret,
  PROFILE_NOT_FOUND_MESSAGE,
  SET_NOT_FOUND_MESSAGE,
  trackPermalink,
  withoutTrailingSlashes,
} from '../../electron/soundcloud/answers';
import type { HttpResponse } from '../../electron/soundcloud/http';
import { MAX_PAGES, pageBudget } from '../../electron/soundcloud/paging';
import { DEFAULT_MESSAGES } from '../../shared/errors';
import type { StreamGrant } from '../../shared/ipc';
import { failure } from '../helpers/errors';
import { itDecides } from '../helpers/ipc-decides';

describe('isPreviewUrl', () => {
  itDecides('is a preview stream', isPreviewUrl, {
    'https://cf-preview-media.sndcdn.com/preview/0/30/abc.128.mp3?Policy=x': true,
    'https://cf-preview-media.sndcdn.com/abc.128.mp3': true,
    'https://cf-hls-media.sndcdn.com/playlist/0/30/abc.128.mp3/playlist.m3u8?Policy=x': true,
    'https://cf-media.sndcdn.com/preview/abc.128.mp3': true,
    'https://cf-media.sndcdn.com/abc.128.mp3?Policy=x': false,
    'https://cf-hls-media.sndcdn.com/playlist/abc.128.mp3/playlist.m3u8': false,
    'https://playback.media-streaming.soundcloud.cloud/abc/aac_160k/u/playlist.m3u8?expires=1': false,
    'not a url': false,
  });
});

describe('notFoundMessage', () => {
  it.each([
    ['https://soundcloud.com/someone', PROFILE_NOT_FOUND_MESSAGE],
    ['https://soundcloud.com/someone/sets/demos', SET_NOT_FOUND_MESSAGE],
    ['https://soundcloud.com/someone/sets/demos/s-AbC', SET_NOT_FOUND_MESSAGE],
    ['https://soundcloud.com/someone/a-track', DEFAULT_MESSAGES.NOT_FOUND],
    ['https://soundcloud.com/someone/a-track/s-AbC', DEFAULT_MESSAGES.NOT_FOUND],
  ])('%s', (permalink, message) => {
    expect(notFoundMessage(permalink)).toBe(message);
  });
});

describe('permalinks and artwork', () => {
  it('keeps a secret track’s token on its permalink, once', () => {
    expect(permalinkWithSecret('https://soundcloud.com/a/b', 's-Tok')).toBe(
      'https://soundcloud.com/a/b/s-Tok',
    );
    expect(permalinkWithSecret('https://soundcloud.com/a/b/', 's-Tok')).toBe(
      'https://soundcloud.com/a/b/s-Tok',
    );
    expect(permalinkWithSecret('https://soundcloud.com/a/b/s-Tok', 's-Tok')).toBe(
      'https://soundcloud.com/a/b/s-Tok',
    );
    expect(permalinkWithSecret('https://soundcloud.com/a/b', null)).toBe('https://soundcloud.com/a/b');
  });

  it('takes 500 px artwork, else the avatar, else nothing', () => {
    expect(artworkOf('https://i1.sndcdn.com/artworks-1-large.jpg', 'x')).toBe(
      'https://i1.sndcdn.com/artworks-1-t500x500.jpg',
    );
    expect(artworkOf(null, 'https://i1.sndcdn.com/avatars-2-large.jpg?x=1')).toBe(
      'https://i1.sndcdn.com/avatars-2-t500x500.jpg?x=1',
    );
    expect(artworkOf('', null)).toBeNull();
  });

  it.each([
    'javascript:alert(1)//i1.sndcdn.com/a-large.jpg',
    'http://i1.sndcdn.com/artworks-1-large.jpg',
    'https://evil.example/artworks-1-large.jpg',
    'https://i1.sndcdn.com.evil.example/a-large.jpg',
    'https://user@i1.sndcdn.com/a-large.jpg',
    'https://i1.sndcdn.com:8443/a-large.jpg',
    'https://i1.sndcdn.com/a\n#EXTINF:0,x-large.jpg',
  ])('drops artwork that is not https on the image CDN, for the avatar: %s', (bad) => {
    const avatar = 'https://i1.sndcdn.com/avatars-2-large.jpg';
    expect(artworkOf(bad, avatar)).toBe('https://i1.sndcdn.com/avatars-2-t500x500.jpg');
    expect(artworkOf(bad, bad)).toBeNull();
  });

  it('keeps SoundCloud’s https permalink, with the secret token', () => {
    expect(trackPermalink('https://soundcloud.com/a/b', 's-Tok', 7)).toBe('https://soundcloud.com/a/b/s-Tok');
    expect(trackPermalink('https://m.soundcloud.com/a/b', null, 7)).toBe('https://m.soundcloud.com/a/b');
    // What is not shaped as a token (or would make the link too long to trust) stays out of it.
    expect(trackPermalink('https://soundcloud.com/a/b', `s-${'x'.repeat(5000)}`, 7)).toBe(
      'https://soundcloud.com/a/b',
    );
    expect(trackPermalink('https://soundcloud.com/a/b', '../../evil', 7)).toBe('https://soundcloud.com/a/b');
  });

  it.each([
    'javascript:alert(document.domain)',
    'https://evil.example/a/b',
    'http://soundcloud.com/a/b',
    'https://soundcloud.com.evil.example/a/b',
    'https://soundcloud.com/a/b\n#EXTINF:0,injected',
    'https://soundcloud.com:444/a/b',
    'data:text/html,hi',
    '',
  ])('replaces a permalink it cannot trust by the track’s API URL: %j', (bad) => {
    expect(trackPermalink(bad, null, 42)).toBe('https://api.soundcloud.com/tracks/42');
    expect(trackPermalink(bad, 's-Tok_1', 42)).toBe(
      'https://api.soundcloud.com/tracks/42?secret_token=s-Tok_1',
    );
    // A token that is not one is not written into the link either.
    expect(trackPermalink(bad, 's-a&b=c', 42)).toBe('https://api.soundcloud.com/tracks/42');
  });

  it('trims trailing slashes only', () => {
    expect(withoutTrailingSlashes('https://soundcloud.com/a/b///')).toBe('https://soundcloud.com/a/b');
    expect(withoutTrailingSlashes('/a//b')).toBe('/a//b');
    expect(withoutTrailingSlashes('///')).toBe('');
  });
});

describe('the format order', () => {
  it('puts AAC first by default and progressive MP3 first for MP3', () => {
    expect(formatOrder('aac')).toEqual(['aac-hls', 'mp3-hls', 'mp3-progressive']);
    expect(formatOrder('mp3')).toEqual(['mp3-progressive', 'mp3-hls', 'aac-hls']);
  });
});

describe('chooseGrant', () => {
  const grant = (url: string, preview: boolean): StreamGrant => ({
    url,
    protocol: 'hls',
    mimeType: 'audio/mpeg',
    expiresAt: 1,
    preview,
  });
  type C = { name: string; preview: boolean; answer: StreamGrant | null };

  async function choose(candidates: C[]): Promise<{ chosen: string | null; signed: string[] }> {
    const signed: string[] = [];
    const chosen = await chooseGrant(
      candidates,
      (c) => c.preview,
      (c) => {
        signed.push(c.name);
        return Promise.resolve(c.answer);
      },
    );
    return { chosen: chosen?.url ?? null, signed };
  }

  it('takes the first whole stream, passing over gone ones and previews in disguise', async () => {
    expect(
      await choose([
        { name: 'a', preview: false, answer: null },
        { name: 'b', preview: false, answer: grant('b', true) },
        { name: 'c', preview: false, answer: grant('c', false) },
        { name: 'd', preview: true, answer: grant('d', true) },
      ]),
    ).toEqual({ chosen: 'c', signed: ['a', 'b', 'c'] });
  });

  it('falls back to the first preview had, and asks declared previews only when none is', async () => {
    expect(
      await choose([
        { name: 'a', preview: false, answer: grant('a', true) },
        { name: 'b', preview: true, answer: grant('b', true) },
      ]),
    ).toEqual({ chosen: 'a', signed: ['a'] });
    expect(
      await choose([
        { name: 'a', preview: false, answer: null },
        { name: 'b', preview: true, answer: null },
        { name: 'c', preview: true, answer: grant('c', true) },
      ]),
    ).toEqual({ chosen: 'c', signed: ['a', 'b', 'c'] });
    expect(await choose([{ name: 'a', preview: false, answer: null }])).toEqual({
      chosen: null,
      signed: ['a'],
    });
  });
});

describe('fetchAnswer', () => {
  const response = (status: number, text: string): HttpResponse => ({
    status,
    text,
    headers: new Headers({ date: 'Sat, 21 Feb 2026 01:08:24 GMT' }),
    url: 'https://api-v2.soundcloud.com/x',
  });

  it('fetches a 2xx body cut short again, and gives up after JSON_ATTEMPTS', async () => {
    const bodies = ['{"a":', '{"a":1}'];
    let sent = 0;
    const answer = await fetchAnswer(() => Promise.resolve(response(200, bodies[sent++] ?? '')));
    expect(answer).toMatchObject({ status: 200, body: { a: 1 }, date: 'Sat, 21 Feb 2026 01:08:24 GMT' });
    sent = 0;
    const error = await failure(
      fetchAnswer(() => {
        sent += 1;
        return Promise.resolve(response(200, '{"cut'));
      }),
    );
    expect(error.toAppError()).toEqual({ code: 'SERVER', message: NOT_JSON_MESSAGE });
    expect(sent).toBe(JSON_ATTEMPTS);
  });

  it('hands other statuses back as they are, once', async () => {
    let sent = 0;
    const answer = await fetchAnswer(() => {
      sent += 1;
      return Promise.resolve(response(404, '{}'));
    });
    expect(answer).toMatchObject({ status: 404, body: undefined });
    expect(sent).toBe(1);
  });
});

describe('pageBudget', () => {
  it('allows twice the pages the cap needs, and some, within MAX_PAGES', () => {
    expect(pageBudget(500, 50)).toBe(30);
    expect(pageBudget(1, 50)).toBe(12);
    expect(pageBudget(Number.POSITIVE_INFINITY, 50)).toBe(MAX_PAGES);
  });
});
