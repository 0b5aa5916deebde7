// `npm run icons`: every icon the installers use, drawn from one source image (renderer/public/icon.svg) into
// build/: icon.png (1024 px), icons/NxN.png for Linux, icon.icns for macOS and icon.ico for Windows.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

const ROOT = resolve(import.meta.dirname, '..');
export const SOURCE = join(ROOT, 'renderer/public/icon.svg');
export const BUILD = join(ROOT, 'build');

/** The sizes Linux desktops look for in the hicolor theme, up to the 1024 px macOS and stores ask for. */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

/** The source drawn at `size` × `size` pixels (each size drawn from the vector, not scaled from another). */
export function renderPng(svg: string, size: number): Buffer {
  const drawing = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
  return drawing.render().asPng();
}

/** Every icon file, by its path under build/. */
export function makeIcons(svg: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const size of LINUX_SIZES) files.set(`icons/${size}x${size}.png`, renderPng(svg, size));
  const largest = renderPng(svg, 1024);
  files.set('icon.png', largest);
  // ICNS and ICO hold PNGs of every size they need, scaled by png2icons from the 1024 px drawing.
  const icns = png2icons.createICNS(largest, png2icons.BICUBIC, 0);
  const ico = png2icons.createICO(largest, png2icons.BICUBIC, 0, true, true);
  if (icns === null || ico === null) throw new Error('png2icons could not make the ICNS or ICO file');
  files.set('icon.icns', icns);
  files.set('icon.ico', ico);
  return files;
}

export async function writeIcons(folder = BUILD): Promise<string[]> {
  const files = makeIcons(await readFile(SOURCE, 'utf8'));
  for (const [name, data] of files) {
    await mkdir(dirname(join(folder, name)), { recursive: true });
    await writeFile(join(folder, name), data);
  }
  return [...files.keys()];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const written = await writeIcons();
  console.log(`icons: ${written.length} files in build/ from renderer/public/icon.svg`);
}
