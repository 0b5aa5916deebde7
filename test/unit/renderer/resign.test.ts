// Renewing an HLS stream's signature: the segments of the same stream go out under the fresh query.
import { describe, expect, it } from 'vitest';
import { resign, sameStream, signedQuery } from '../../../renderer/src/player/resign';

const OLD = 'expires=100&Policy=eyJ~abc_&Signature=s1~x&Key-Pair-Id=APKA1';
const NEW = 'expires=400&Policy=eyJ~def_&Signature=s2~y&Key-Pair-Id=APKA1';
const BASE = 'https://playback.media-streaming.soundcloud.cloud/AbC123dEf456/aac_160k/1b2c';

describe('resign', () => {
  it('moves a segment signed with the old query onto the new one, byte for byte', () => {
    expect(resign(`${BASE}/data3.m4s?${OLD}`, OLD, NEW)).toBe(`${BASE}/data3.m4s?${NEW}`);
    expect(resign(`${BASE}/init.mp4?${OLD}`, OLD, NEW)).toBe(`${BASE}/init.mp4?${NEW}`);
  });

  it('leaves alone URLs signed otherwise, or not at all', () => {
    expect(resign(`${BASE}/data3.m4s?other=1`, OLD, NEW)).toBe(`${BASE}/data3.m4s?other=1`);
    expect(resign(`${BASE}/data3.m4s`, OLD, NEW)).toBe(`${BASE}/data3.m4s`);
    expect(resign(`${BASE}/data3.m4s?${OLD}&more`, OLD, NEW)).toBe(`${BASE}/data3.m4s?${OLD}&more`);
  });

  it('changes nothing before any renewal', () => {
    expect(resign(`${BASE}/data3.m4s?${OLD}`, OLD, OLD)).toBe(`${BASE}/data3.m4s?${OLD}`);
  });
});

describe('sameStream and signedQuery', () => {
  it('knows a fresh signature of the same playlist from another playlist', () => {
    expect(sameStream(`${BASE}/playlist.m3u8?${OLD}`, `${BASE}/playlist.m3u8?${NEW}`)).toBe(true);
    expect(sameStream(`${BASE}/playlist.m3u8?${OLD}`, `${BASE}x/playlist.m3u8?${NEW}`)).toBe(false);
    expect(sameStream(`${BASE}/playlist.m3u8`, `${BASE}/playlist.m3u8?${NEW}`)).toBe(false);
  });

  it('reads the query as written', () => {
    expect(signedQuery(`${BASE}/playlist.m3u8?${OLD}`)).toBe(OLD);
    expect(signedQuery(`${BASE}/playlist.m3u8`)).toBe('');
  });
});
