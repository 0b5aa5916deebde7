// Covers shared/safe-urls.ts: which permalinks, artwork and waveform URLs are let in, and text made fit for
// one line of a file or a terminal, on fixed cases and on arbitrary strings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneLine, safeArtworkUrl, safePermalink, safeWaveformUrl } from '../../shared/safe-urls';

const hasControl = (text: string): boolean =>
  [...text].some((char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });

describe('safePermalink', () => {
  it.each<[string, string | null]>([
    // Taken, in the form the page may link to.
    ['https://soundcloud.com/a/b', 'https://soundcloud.com/a/b'],
    ['https://SoundCloud.com/a/b/s-Tok', 'https://soundcloud.com/a/b/s-Tok'],
    ['https://m.soundcloud.com/a', 'https://m.soundcloud.com/a'],
    ['https://on.soundcloud.com/AbC', 'https://on.soundcloud.com/AbC'],
    [
      'https://api.soundcloud.com/tracks/1?secret_token=s-x',
      'https://api.soundcloud.com/tracks/1?secret_token=s-x',
    ],
    // Refused: other schemes and hosts (an image's too), credentials, ports, control characters and spaces,
    // a loopback wire URL, a runaway length.
    ['javascript:alert(1)', null],
    ['JavaScript://soundcloud.com/%0aalert(1)', null],
    ['data:text/html;base64,PHNjcmlwdD4=', null],
    ['http://soundcloud.com/a/b', null],
    ['https://soundcloud.com.evil.example/a', null],
    ['https://evil.example/soundcloud.com/a', null],
    ['https://soundcloud.com@evil.example/a', null],
    ['https://x:y@soundcloud.com/a', null],
    ['https://soundcloud.com:8443/a', null],
    ['https://i1.sndcdn.com/a.jpg', null],
    ['https://soundcloud.com/a\nb', null],
    ['https://soundcloud.com/a\tb', null],
    [' https://soundcloud.com/a', null],
    ['https://soundcloud.com/a\u0085b', null],
    ['http://127.0.0.1:9000/soundcloud.com/a', null],
    [`https://soundcloud.com/${'a'.repeat(3000)}`, null],
    ['not a url', null],
  ])('%j → %j', (text, href) => {
    expect(safePermalink(text)).toBe(href);
  });

  it('refuses what is not a string', () => {
    expect(safePermalink(null)).toBeNull();
    expect(safePermalink(undefined)).toBeNull();
  });
});

describe('safeArtworkUrl and safeWaveformUrl', () => {
  it('take SoundCloud’s image and waveform hosts over https, and their loopback wire form', () => {
    expect(safeArtworkUrl('https://i1.sndcdn.com/artworks-1-large.jpg')).toBe(
      'https://i1.sndcdn.com/artworks-1-large.jpg',
    );
    expect(safeArtworkUrl('https://i3.sndcdn.com/avatars-1-large.jpg')).toBe(
      'https://i3.sndcdn.com/avatars-1-large.jpg',
    );
    expect(safeArtworkUrl('http://127.0.0.1:4123/i1.sndcdn.com/a.jpg')).toBe(
      'http://127.0.0.1:4123/i1.sndcdn.com/a.jpg',
    );
    expect(safeWaveformUrl('https://wave.sndcdn.com/abc_m.png')).toBe('https://wave.sndcdn.com/abc_m.png');
    expect(safeWaveformUrl('https://w1.sndcdn.com/abc_m.png')).toBe('https://w1.sndcdn.com/abc_m.png');
    expect(safeWaveformUrl('http://localhost:4123/wave.sndcdn.com/abc_m.json')).toBe(
      'http://localhost:4123/wave.sndcdn.com/abc_m.json',
    );
  });

  it.each([
    'javascript:alert(1)',
    'http://i1.sndcdn.com/a.jpg',
    'https://cf-media.sndcdn.com/a.mp3',
    'https://wave.sndcdn.com/a.png',
    'https://i1.sndcdn.com.evil.example/a.jpg',
    'http://192.168.1.2:80/i1.sndcdn.com/a.jpg',
    'http://127.0.0.1:4123/evil.example/a.jpg',
    'https://i1.sndcdn.com/a.jpg\r\n#EXTINF',
    'file:///etc/passwd',
  ])('artwork refuses %j', (text) => {
    expect(safeArtworkUrl(text)).toBeNull();
  });

  it('a waveform is not artwork, and artwork no waveform', () => {
    expect(safeWaveformUrl('https://i1.sndcdn.com/a.jpg')).toBeNull();
    expect(safeWaveformUrl('https://wave.sndcdn.com.evil.example/a.png')).toBeNull();
  });

  it('whatever the string, an accepted URL is https on an allowed host, or loopback, with nothing hidden', () => {
    const hostPart = fc.constantFrom(
      'soundcloud.com',
      'i1.sndcdn.com',
      'wave.sndcdn.com',
      'evil.example',
      '127.0.0.1:1',
      'a@i1.sndcdn.com',
    );
    const candidate = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc
        .tuple(
          fc.constantFrom('https://', 'http://', 'javascript:', ''),
          hostPart,
          fc.string({ unit: 'binary', maxLength: 40 }),
        )
        .map(([scheme, host, rest]) => `${scheme}${host}/${rest}`),
    );
    fc.assert(
      fc.property(candidate, (text) => {
        for (const safe of [safePermalink(text), safeArtworkUrl(text), safeWaveformUrl(text)]) {
          if (safe === null) continue;
          expect(hasControl(safe) || /\s/.test(safe)).toBe(false);
          const url = new URL(safe);
          const loopback = url.protocol === 'http:' && url.hostname === '127.0.0.1';
          expect(url.protocol === 'https:' || loopback).toBe(true);
          expect(url.username + url.password).toBe('');
          if (!loopback)
            expect(url.hostname.endsWith('soundcloud.com') || url.hostname.endsWith('.sndcdn.com')).toBe(
              true,
            );
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('oneLine', () => {
  it('turns line breaks and terminal escapes into single spaces', () => {
    expect(oneLine('Title\r\n#EXTINF:0,evil\nhttps://evil.example')).toBe(
      'Title #EXTINF:0,evil https://evil.example',
    );
    expect(oneLine('\u001b[2J\u001b]0;pwned\u0007Song')).toBe(' [2J ]0;pwned Song');
    expect(oneLine('a\u009b31mb')).toBe('a 31mb');
    expect(oneLine('Ünïcødé — 日本語 🎵')).toBe('Ünïcødé — 日本語 🎵');
  });

  it('leaves no control character in any string, and changes none without one', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const line = oneLine(text);
        expect(hasControl(line)).toBe(false);
        if (!hasControl(text)) expect(line).toBe(text);
        else expect(line.length).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });
});
