// Covers electron/soundcloud/hosts.ts: the loopback-only CLOUDCUE_SC_ORIGIN and the SoundCloud-only wire URLs.
import { describe, expect, it } from 'vitest';
import { OriginError, isSoundCloudHost, parseScOrigin, toWireUrl } from '../../electron/soundcloud/hosts';
import { itDecides } from '../helpers/ipc-decides';

function originError(value: string): OriginError {
  try {
    parseScOrigin(value);
  } catch (error) {
    if (error instanceof OriginError) return error;
    throw error;
  }
  throw new Error(`parseScOrigin accepted ${value}`);
}

describe('parseScOrigin', () => {
  it('gives null when the variable is unset or blank', () => {
    expect(parseScOrigin(undefined)).toBeNull();
    expect(parseScOrigin('')).toBeNull();
    expect(parseScOrigin('   ')).toBeNull();
  });

  it.each([
    ['http://127.0.0.1:8123', 'http://127.0.0.1:8123'],
    ['http://127.0.0.1:8123/', 'http://127.0.0.1:8123'],
    ['  http://127.0.0.1:8123  ', 'http://127.0.0.1:8123'],
    ['http://localhost:5000', 'http://localhost:5000'],
    ['http://LOCALHOST:5000', 'http://localhost:5000'],
    ['http://[::1]:9000', 'http://[::1]:9000'],
    ['http://127.0.0.1', 'http://127.0.0.1'],
  ])('accepts the loopback origin %s as %s', (value, origin) => {
    expect(parseScOrigin(value)).toBe(origin);
  });

  // What is wrong, and the value (or its host) it is wrong about.
  it.each<[string, string[]]>([
    // Not this machine.
    ['http://10.0.0.1:8123', ['must point at this machine', '10.0.0.1']],
    ['http://example.com', ['must point at this machine', 'example.com']],
    ['https://api.soundcloud.com', ['must point at this machine', 'api.soundcloud.com']],
    ['http://127.0.0.2:8123', ['must point at this machine', '127.0.0.2']],
    // More than an origin.
    ['http://127.0.0.1:8123/api', ['must be an origin', '"http://127.0.0.1:8123/api"']],
    ['http://127.0.0.1:8123/?x=1', ['must be an origin', '"http://127.0.0.1:8123/?x=1"']],
    ['http://127.0.0.1:8123/#x', ['must be an origin', '"http://127.0.0.1:8123/#x"']],
    ['http://user@127.0.0.1:8123', ['must be an origin', '"http://user@127.0.0.1:8123"']],
    // Not http.
    ['ftp://127.0.0.1:21', ['must be an origin']],
    ['file:///tmp/x', ['must be an origin']],
    ['javascript:alert(1)', ['must be an origin']],
    // Not a URL.
    ['127.0.0.1:8123', ['CLOUDCUE_SC_ORIGIN']],
    ['not a url', ['CLOUDCUE_SC_ORIGIN']],
    ['//127.0.0.1:8123', ['CLOUDCUE_SC_ORIGIN']],
  ])('refuses %s, saying %j', (value, says) => {
    const { message } = originError(value);
    for (const part of says) expect(message).toContain(part);
  });

  it('says a value with no scheme is not a URL', () => {
    expect(originError('not a url').message).toBe('CLOUDCUE_SC_ORIGIN is not a URL: "not a url"');
  });
});

describe('isSoundCloudHost', () => {
  // SoundCloud and its CDN hosts, in any case; look-alikes refused.
  itDecides('isSoundCloudHost', isSoundCloudHost, {
    'soundcloud.com': true,
    'api.soundcloud.com': true,
    'API.SoundCloud.com': true,
    'api.sndcdn.com': true,
    'cf-media.sndcdn.com': true,
    'playback.media-streaming.soundcloud.cloud': true,
    'notsoundcloud.com': false,
    'soundcloud.com.evil.com': false,
    'evilsndcdn.com': false,
    'sndcdn.com.evil.com': false,
    'soundcloud.cloud': false,
    'example.com': false,
  });
});

describe('toWireUrl', () => {
  const origin = 'http://127.0.0.1:8123';

  it('rewrites https://HOST/path?query to ORIGIN/HOST/path?query', () => {
    expect(toWireUrl('https://api.sndcdn.com/resolve?url=x&client_id=y', origin)).toBe(
      'http://127.0.0.1:8123/api.sndcdn.com/resolve?url=x&client_id=y',
    );
    expect(toWireUrl('https://cf-media.sndcdn.com/AbC.128.mp3?Expires=1&Signature=s', origin)).toBe(
      'http://127.0.0.1:8123/cf-media.sndcdn.com/AbC.128.mp3?Expires=1&Signature=s',
    );
  });

  it('lower-cases the host and drops the fragment when rewriting', () => {
    expect(toWireUrl('https://API.SNDCDN.com/i1/tracks/1/streams?a=b#frag', origin)).toBe(
      'http://127.0.0.1:8123/api.sndcdn.com/i1/tracks/1/streams?a=b',
    );
  });

  it('leaves a SoundCloud URL unchanged without an origin', () => {
    const url = 'https://api.soundcloud.com/tracks/310001?client_id=abc';
    expect(toWireUrl(url, null)).toBe(url);
  });

  it.each([
    'http://api.soundcloud.com/tracks/1',
    'https://example.com/tracks/1',
    'https://soundcloud.com.evil.com/tracks/1',
    'https://notsoundcloud.com/tracks/1',
    'https://api.soundcloud.com:8443/tracks/1',
    'https://user@api.soundcloud.com/tracks/1',
    'https://user:pw@api.soundcloud.com/tracks/1',
    'ftp://api.soundcloud.com/tracks/1',
    'not a url',
    '/tracks/1',
  ])('returns null for %s, with or without an origin', (url) => {
    expect(toWireUrl(url, null)).toBeNull();
    expect(toWireUrl(url, origin)).toBeNull();
  });
});
