// The installers' icons are made from the one source image by scripts/icons.ts: every size is what its name
// says, the macOS and Windows containers hold the sizes their systems ask for, and build/ is up to date.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILD, LINUX_SIZES, SOURCE, makeIcons } from '../../scripts/icons';

let made: Map<string, Buffer>;

beforeAll(async () => {
  made = makeIcons(await readFile(SOURCE, 'utf8'));
}, 60_000);

/** A PNG's width and height, from its header chunk. */
function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(data.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** The entries of an ICNS file: type and payload. */
function icnsEntries(data: Buffer): Map<string, Buffer> {
  expect(data.toString('latin1', 0, 4)).toBe('icns');
  expect(data.readUInt32BE(4)).toBe(data.length);
  const entries = new Map<string, Buffer>();
  for (let at = 8; at < data.length;) {
    const length = data.readUInt32BE(at + 4);
    entries.set(data.toString('latin1', at, at + 4), data.subarray(at + 8, at + length));
    at += length;
  }
  return entries;
}

/** The sizes in an ICO file's directory (0 stands for 256). */
function icoSizes(data: Buffer): number[] {
  expect(data.readUInt16LE(0)).toBe(0);
  expect(data.readUInt16LE(2)).toBe(1);
  const count = data.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => data.readUInt8(6 + i * 16) || 256);
}

describe('scripts/icons.ts', () => {
  it('draws each Linux size at exactly that size, and the 1024 px icon electron-builder starts from', () => {
    for (const size of LINUX_SIZES) {
      expect(pngSize(made.get(`icons/${size}x${size}.png`) ?? Buffer.alloc(0))).toEqual({
        width: size,
        height: size,
      });
    }
    expect(pngSize(made.get('icon.png') ?? Buffer.alloc(0))).toEqual({ width: 1024, height: 1024 });
  });

  it('makes an ICNS with the retina and standard sizes macOS asks for', () => {
    const entries = icnsEntries(made.get('icon.icns') ?? Buffer.alloc(0));
    // ic07–ic10: 128, 256, 512 and 1024 px, stored as PNGs.
    for (const [type, size] of [
      ['ic07', 128],
      ['ic08', 256],
      ['ic09', 512],
      ['ic10', 1024],
    ] as const) {
      expect(pngSize(entries.get(type) ?? Buffer.alloc(0))).toEqual({ width: size, height: size });
    }
  });

  it('makes an ICO with the sizes Windows shows, from 16 to 256 px', () => {
    expect(icoSizes(made.get('icon.ico') ?? Buffer.alloc(0))).toEqual(
      expect.arrayContaining([16, 24, 32, 48, 64, 256]),
    );
  });

  it('matches what is committed in build/: the icons there are made from the current source', async () => {
    for (const [name, data] of made) {
      const committed = await readFile(join(BUILD, name));
      expect({ name, same: committed.equals(data) }).toEqual({ name, same: true });
    }
  });
});
