// Covers electron/desktop/link-files.ts: the link inside .url, .desktop and .webloc files (XML and binary
// property lists), read from disk with a size bound, and such files handed to the running app.
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEEP_LINK_REFUSALS } from '../../electron/desktop/launch-links';
import {
  MAX_LINK_FILE_BYTES,
  isLinkFile,
  linkFileUrl,
  readLinkFile,
} from '../../electron/desktop/link-files';
import { installSingleInstance, type InstanceApp } from '../../electron/desktop/single-instance';
import { useTempFolder } from '../helpers/temp-folder';

const LINK = 'https://soundcloud.com/night-owl/lantern-hum?si=1&utm_source=x';
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

const windowsUrl = (url: string): string =>
  `[{000214A0-0000-0000-C000-000000000046}]\r\nProp3=19,11\r\n[InternetShortcut]\r\nIDList=\r\nURL=${url}\r\n`;
const linuxDesktop = (url: string): string =>
  `[Desktop Entry]\nEncoding=UTF-8\nName=Lantern Hum\nType=Link\nURL=${url}\nIcon=text-html\n`;
const xmlWebloc = (url: string): string =>
  '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" ' +
  '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n\t<key>URL</key>\n' +
  `\t<string>${url.replaceAll('&', '&amp;')}</string>\n</dict>\n</plist>\n`;

/** A binary property list `{URL: url}`, laid out as macOS writes one (objects, offset table, trailer). */
function binaryWebloc(url: string): Uint8Array {
  const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));
  const stringObject = (text: string): number[] =>
    text.length < 15
      ? [0x50 + text.length, ...ascii(text)]
      : text.length < 256
        ? [0x5f, 0x10, text.length, ...ascii(text)]
        : [0x5f, 0x11, text.length >> 8, text.length & 0xff, ...ascii(text)];
  const objects = [[0xd1, 0x01, 0x02], stringObject('URL'), stringObject(url)];
  const out: number[] = ascii('bplist00');
  const offsets: number[] = [];
  for (const object of objects) {
    offsets.push(out.length);
    out.push(...object);
  }
  const tableAt = out.length;
  const size = tableAt > 255 ? 2 : 1;
  for (const offset of offsets) out.push(...(size === 2 ? [offset >> 8, offset & 0xff] : [offset]));
  const be64 = (n: number): number[] => [
    0,
    0,
    0,
    0,
    (n >>> 24) & 0xff,
    (n >>> 16) & 0xff,
    (n >>> 8) & 0xff,
    n & 0xff,
  ];
  out.push(0, 0, 0, 0, 0, 0, size, 1, ...be64(objects.length), ...be64(0), ...be64(tableAt));
  return Uint8Array.from(out);
}

describe('linkFileUrl', () => {
  it.each([
    ['Lantern Hum.url', bytes(windowsUrl(LINK))],
    ['Lantern Hum.desktop', bytes(linuxDesktop(LINK))],
    ['Lantern Hum.webloc', bytes(xmlWebloc(LINK))],
    ['Lantern Hum.webloc', binaryWebloc(LINK)],
    ['LANTERN.URL', bytes(windowsUrl(LINK))],
  ])('reads the link in %s', (name, content) => {
    expect(linkFileUrl(name, content)).toBe(LINK);
  });

  it('reads a binary .webloc whose link is longer than 255 characters', () => {
    const long = `https://soundcloud.com/a/b?${'x'.repeat(300)}`;
    expect(linkFileUrl('a.webloc', binaryWebloc(long))).toBe(long);
  });

  it('finds nothing in other files, other sections, or files over the size bound', () => {
    expect(linkFileUrl('notes.txt', bytes(LINK))).toBeNull();
    expect(linkFileUrl('a.url', bytes(`[Other]\nURL=${LINK}\n`))).toBeNull();
    expect(linkFileUrl('a.desktop', bytes('[Desktop Entry]\nType=Application\nExec=rm -rf ~\n'))).toBeNull();
    expect(
      linkFileUrl('a.webloc', bytes('<plist><dict><key>Name</key><string>x</string></dict></plist>')),
    ).toBeNull();
    const huge = bytes(windowsUrl(LINK) + ' '.repeat(MAX_LINK_FILE_BYTES));
    expect(linkFileUrl('a.url', huge)).toBeNull();
    expect(isLinkFile('/music/a.mp3')).toBe(false);
    expect(isLinkFile('C:\\Users\\me\\Desktop\\a.URL')).toBe(true);
  });
});

describe('readLinkFile', () => {
  const folder = useTempFolder('cloudcue-linkfile-');

  it('gives the canonical SoundCloud link in a file', async () => {
    const path = join(folder(), 'a.webloc');
    await fsp.writeFile(path, binaryWebloc(LINK));
    expect(await readLinkFile(path, fsp)).toEqual({
      links: ['https://soundcloud.com/night-owl/lantern-hum'],
      play: false,
      refused: [],
    });
  });

  it('refuses, never throws, for another site, no link, a missing or an oversized file', async () => {
    const other = join(folder(), 'other.url');
    await fsp.writeFile(other, windowsUrl('https://example.com/a/b'));
    expect((await readLinkFile(other, fsp)).refused).toEqual([DEEP_LINK_REFUSALS.notSoundCloud]);
    const empty = join(folder(), 'empty.desktop');
    await fsp.writeFile(empty, '[Desktop Entry]\nType=Link\n');
    expect((await readLinkFile(empty, fsp)).refused).toEqual(['This file holds no link.']);
    const missing = await readLinkFile(join(folder(), 'gone.url'), fsp);
    expect(missing.links).toEqual([]);
    expect(missing.refused[0]).toMatch(/ENOENT/);
    const big = join(folder(), 'big.url');
    await fsp.writeFile(big, windowsUrl(LINK) + '\n'.repeat(MAX_LINK_FILE_BYTES));
    expect((await readLinkFile(big, fsp)).links).toEqual([]);
    expect(await readLinkFile(join(folder(), 'song.mp3'), fsp)).toEqual({
      links: [],
      play: false,
      refused: [],
    });
  });

  it('reaches the running app from a second launch (relative to its folder) and from open-file', async () => {
    const path = join(folder(), 'a.url');
    await fsp.writeFile(path, windowsUrl(LINK));
    const listeners = new Map<string, (...args: never[]) => void>();
    const app: InstanceApp = {
      requestSingleInstanceLock: () => true,
      quit: () => undefined,
      isReady: () => false,
      on: (event: string, listener: (...args: never[]) => void) => listeners.set(event, listener),
    };
    const delivered: string[][] = [];
    const instance = installSingleInstance({
      app,
      argv: ['/app'],
      shape: { defaultApp: false },
      window: () => null,
      openWindow: () => undefined,
      deliver: (links) => delivered.push(links),
      readLinkFile: (file) => readLinkFile(file, fsp),
    });
    instance.rendererReady();
    const second = listeners.get('second-instance') as (e: unknown, argv: string[], cwd: string) => void;
    second({}, ['/app', 'a.url'], folder());
    let prevented = false;
    const openFile = listeners.get('open-file') as (e: { preventDefault(): void }, path: string) => void;
    openFile({ preventDefault: () => (prevented = true) }, path);
    expect(prevented).toBe(true);
    await expect.poll(() => delivered.length).toBe(2);
    expect(delivered).toEqual([
      ['https://soundcloud.com/night-owl/lantern-hum'],
      ['https://soundcloud.com/night-owl/lantern-hum'],
    ]);
    // Other files opened on macOS are left alone.
    let otherPrevented = false;
    openFile({ preventDefault: () => (otherPrevented = true) }, join(folder(), 'song.mp3'));
    expect(otherPrevented).toBe(false);
  });
});
