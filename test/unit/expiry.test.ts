// Covers electron/soundcloud/expiry.ts: reading when a signed media URL expires, corrected for server clock skew.
import { describe, expect, it } from 'vitest';
import { UNKNOWN_EXPIRY_MS, expiresAtFromUrl } from '../../electron/soundcloud/expiry';

// A local clock reading on a whole second, so Date headers (one-second resolution) represent it exactly.
const NOW = 1_700_000_000_000;

// This resource makes the standard base64 of the policy contain '+', '/' and '=' padding, so all three
// CloudFront substitutions are exercised.
const RESOURCE = 'https://cf-media.sndcdn.com/a?bb>';

function standardBase64Policy(epochSeconds: number): string {
  const policy = {
    Statement: [{ Resource: RESOURCE, Condition: { DateLessThan: { 'AWS:EpochTime': epochSeconds } } }],
  };
  return Buffer.from(JSON.stringify(policy)).toString('base64');
}

/** CloudFront's URL-safe base64: '+' → '-', '=' → '_', '/' → '~'. */
function cloudFrontPolicy(epochSeconds: number): string {
  return standardBase64Policy(epochSeconds).replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~');
}

const hlsUrl = (query: string): string =>
  `https://cf-hls-media.sndcdn.com/media/0/31762/LnTrnHm0aB1c.128.mp3?${query}`;

describe('expiresAtFromUrl', () => {
  it('builds a policy that needs every CloudFront substitution', () => {
    const raw = standardBase64Policy(1_700_000_300);
    expect(raw).toContain('+');
    expect(raw).toContain('/');
    expect(raw).toMatch(/=$/);
    expect(cloudFrontPolicy(1_700_000_300)).toMatch(/^[A-Za-z0-9~_-]+$/);
  });

  it('reads the DateLessThan of a CloudFront Policy', () => {
    const url = hlsUrl(
      `Policy=${cloudFrontPolicy(1_700_000_300)}&Signature=abc~def&Key-Pair-Id=APKAJAAAAAAAAAAAAAAA`,
    );
    expect(expiresAtFromUrl(url, NOW)).toBe(1_700_000_300_000);
  });

  it('prefers the Policy over an Expires parameter in the same URL', () => {
    const url = hlsUrl(`Policy=${cloudFrontPolicy(1_700_000_300)}&Expires=1700009999`);
    expect(expiresAtFromUrl(url, NOW)).toBe(1_700_000_300_000);
  });

  it('falls back to Expires when the Policy cannot be read', () => {
    const url = hlsUrl('Policy=not~base64~json&Expires=1700000200');
    expect(expiresAtFromUrl(url, NOW)).toBe(1_700_000_200_000);
  });

  it('reads an S3-style Expires parameter', () => {
    const url =
      'https://cf-media.sndcdn.com/LnTrnHm0aB1c.128.mp3?Expires=1700000144&Signature=s&AWSAccessKeyId=AK';
    expect(expiresAtFromUrl(url, NOW)).toBe(1_700_000_144_000);
  });

  it('reads the lower-case expires of the AAC host', () => {
    const url =
      'https://playback.media-streaming.soundcloud.cloud/x/aac_160k/y/playlist.m3u8?expires=1700000150';
    expect(expiresAtFromUrl(url, NOW)).toBe(1_700_000_150_000);
  });

  it.each([
    ['no expiry at all', 'https://cf-media.sndcdn.com/x.128.mp3?Signature=s'],
    ['an Expires that is not a number', 'https://cf-media.sndcdn.com/x.128.mp3?Expires=soon'],
    ['an Expires in milliseconds', 'https://cf-media.sndcdn.com/x.128.mp3?Expires=1700000144000'],
    ['an Expires too short to be an epoch', 'https://cf-media.sndcdn.com/x.128.mp3?Expires=12345'],
    ['an unreadable Policy alone', hlsUrl('Policy=%%%garbage')],
    ['a Policy without an EpochTime', hlsUrl(`Policy=${Buffer.from('{"Statement":[]}').toString('base64')}`)],
    ['something that is not a URL', 'not a url'],
  ])('trusts %s for UNKNOWN_EXPIRY_MS from now', (_label, url) => {
    expect(expiresAtFromUrl(url, NOW)).toBe(NOW + UNKNOWN_EXPIRY_MS);
  });

  it('moves the expiry earlier when the server clock runs ahead of ours', () => {
    // The server thinks it is a minute later than we do, and signs the URL for 300 s of its time.
    const serverNow = NOW + 60_000;
    const url = `https://cf-media.sndcdn.com/x.128.mp3?Expires=${serverNow / 1000 + 300}`;
    expect(expiresAtFromUrl(url, NOW, new Date(serverNow).toUTCString())).toBe(NOW + 300_000);
  });

  it('moves the expiry later when the server clock runs behind ours', () => {
    const serverNow = NOW - 120_000;
    const url = hlsUrl(`Policy=${cloudFrontPolicy(serverNow / 1000 + 300)}`);
    expect(expiresAtFromUrl(url, NOW, new Date(serverNow).toUTCString())).toBe(NOW + 300_000);
  });

  it('ignores skews of up to a second, the resolution of a Date header', () => {
    const url = 'https://cf-media.sndcdn.com/x.128.mp3?Expires=1700000300';
    // Our clock is 999 ms past the second the server's Date header names.
    expect(expiresAtFromUrl(url, NOW + 999, new Date(NOW).toUTCString())).toBe(1_700_000_300_000);
    expect(expiresAtFromUrl(url, NOW, new Date(NOW + 1000).toUTCString())).toBe(1_700_000_300_000);
  });

  it('ignores a missing or unreadable Date header', () => {
    const url = 'https://cf-media.sndcdn.com/x.128.mp3?Expires=1700000300';
    expect(expiresAtFromUrl(url, NOW, null)).toBe(1_700_000_300_000);
    expect(expiresAtFromUrl(url, NOW, '')).toBe(1_700_000_300_000);
    expect(expiresAtFromUrl(url, NOW, 'yesterday-ish')).toBe(1_700_000_300_000);
  });

  it('does not shift the fallback expiry of an unreadable URL by the skew', () => {
    const serverDate = new Date(NOW + 3_600_000).toUTCString();
    expect(expiresAtFromUrl('https://cf-media.sndcdn.com/x.128.mp3', NOW, serverDate)).toBe(
      NOW + UNKNOWN_EXPIRY_MS,
    );
  });
});
