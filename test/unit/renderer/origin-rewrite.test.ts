// HLS segment URLs follow the playlist to a loopback SoundCloud stand-in, and go to SoundCloud otherwise.
import { describe, expect, it } from 'vitest';
import { loopbackOriginOf, rewriteForOrigin } from '../../../renderer/src/player/origin-rewrite';

describe('HLS URL rewriting', () => {
  it('finds the loopback origin of a playlist handed out through CLOUDCUE_SC_ORIGIN', () => {
    expect(
      loopbackOriginOf('http://127.0.0.1:5288/cf-hls-media.sndcdn.com/playlist/x.128.mp3/playlist.m3u8?P=1'),
    ).toBe('http://127.0.0.1:5288');
    expect(
      loopbackOriginOf(
        'http://localhost:9/playback.media-streaming.soundcloud.cloud/a/aac_160k/b/playlist.m3u8',
      ),
    ).toBe('http://localhost:9');
  });

  it('finds none for SoundCloud itself, other hosts, or a loopback path that is not a SoundCloud host', () => {
    expect(loopbackOriginOf('https://cf-hls-media.sndcdn.com/playlist/x.128.mp3/playlist.m3u8')).toBeNull();
    expect(loopbackOriginOf('http://10.0.0.1:80/cf-hls-media.sndcdn.com/x')).toBeNull();
    expect(loopbackOriginOf('http://127.0.0.1:80/example.com/x')).toBeNull();
  });

  it('sends SoundCloud segment URLs to the loopback origin, keeping path and query', () => {
    const origin = 'http://127.0.0.1:5288';
    expect(
      rewriteForOrigin(
        'https://cf-hls-media.sndcdn.com/media/0/10000/x.128.mp3?Policy=a~b&Signature=c',
        origin,
      ),
    ).toBe('http://127.0.0.1:5288/cf-hls-media.sndcdn.com/media/0/10000/x.128.mp3?Policy=a~b&Signature=c');
  });

  it('leaves URLs alone without an origin, and never rewrites other hosts', () => {
    const url = 'https://cf-hls-media.sndcdn.com/media/0/1/x.128.mp3';
    expect(rewriteForOrigin(url, null)).toBe(url);
    expect(rewriteForOrigin('https://evil.example/x.mp3', 'http://127.0.0.1:1')).toBe(
      'https://evil.example/x.mp3',
    );
    expect(rewriteForOrigin('https://sndcdn.com.evil.example/x', 'http://127.0.0.1:1')).toBe(
      'https://sndcdn.com.evil.example/x',
    );
  });
});
