// Covers electron/soundcloud/hosts.ts: the loopback-only CLOUDCUE_SC_ORIGIN and the SoundCloud-only wire URLs.
import { describe, expect, it } from 'vitest';
import { OriginError, isSoundCloudHost, parseScOrigin, toWireUrl } from '../../electron/soundcloud/hosts';

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

  it.each([
    'http://10.0.0.1:8123',
    'http://example.com',
    'https://api.soundcloud.com',
    'http://127.0.0.2:8123',
  ])('refuses the non-loopback host in %s, naming it', (value) => {
    const error = originError(value);
    const host = new URL(value).hostname;
    expect(error.message).toContain('must point at this machine');
    expect(error.message).toContain(host);
  });

  it.each([
    'http://127.0.0.1:8123/api',
    'http://127.0.0.1:8123/?x=1',
    'http://127.0.0.1:8123/#x',
    'http://user@127.0.0.1:8123',
  ])('refuses %s, which is more than an origin', (value) => {
    const error = originError(value);
    expect(error.message).toContain('must be an origin');
    expect(error.message).toContain(JSON.stringify(value));
  });

  it.each(['ftp://127.0.0.1:21', 'file:///tmp/x', 'javascript:alert(1)'])(
    'refuses the non-http scheme of %s',
    (value) => {
      expect(originError(value).message).toContain('must be an origin');
    },
  );

  it.each(['127.0.0.1:8123', 'not a url', '//127.0.0.1:8123'])('refuses %s, which is not a URL', (value) => {
    const error = originError(value);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/CLOUDCUE_SC_ORIGIN/);
  });

  it('says a value with no scheme is not a URL', () => {
    expect(originError('not a url').message).toBe('CLOUDCUE_SC_ORIGIN is not a URL: "not a url"');
  });
});

describe('isSoundCloudHost', () => {
  it('accepts SoundCloud and its CDN hosts, in any case', () => {
    for (const host of [
      'soundcloud.com',
      'api.soundcloud.com',
      'API.SoundCloud.com',
      'api.sndcdn.com',
      'cf-media.sndcdn.com',
      'playback.media-streaming.soundcloud.cloud',
    ]) {
      expect(isSoundCloudHost(host), host).toBe(true);
    }
  });

  it('refuses look-alikes', () => {
    for (const host of [
      'notsoundcloud.com',
      'soundcloud.com.evil.com',
      'evilsndcdn.com',
      'sndcdn.com.evil.com',
      'soundcloud.cloud',
      'example.com',
    ]) {
      expect(isSoundCloudHost(host), host).toBe(false);
    }
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
