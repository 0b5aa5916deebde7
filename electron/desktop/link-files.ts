// The link inside a link file: what a browser makes when a link is dragged out of it (.url on Windows,
// .webloc on macOS, .desktop on Linux), and what the OS hands the app when one is dropped on its icon.
import type { FileSystem } from '../state/atomic-file';
import { soundCloudLink, type LaunchLinks } from './launch-links';

/** A link file is a few hundred bytes; anything much larger is not one and is not read. */
export const MAX_LINK_FILE_BYTES = 64 * 1024;

const LINK_FILE = /\.(?:url|webloc|desktop)$/i;

export function isLinkFile(path: string): boolean {
  return LINK_FILE.test(path);
}

/** `URL=` in the `[InternetShortcut]` (.url) or `[Desktop Entry]` (.desktop, Type=Link) section. */
function iniUrl(text: string, section: string): string | null {
  let inSection = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) inSection = line.toLowerCase() === section.toLowerCase();
    else if (inSection && /^url\s*=/i.test(line)) return line.slice(line.indexOf('=') + 1).trim();
  }
  return null;
}

/** The string after `<key>URL</key>` in an XML property list. */
function xmlPlistUrl(text: string): string | null {
  const match = /<key>\s*URL\s*<\/key>\s*<string>([^<]{1,8192})<\/string>/i.exec(text);
  if (match?.[1] === undefined) return null;
  return match[1]
    .trim()
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * The first http(s) string object in a binary property list (what newer macOS writes to .webloc files):
 * an ASCII string is a marker byte 0x5N holding its length N (below 15), or 0x5F then an integer object.
 */
function binaryPlistUrl(bytes: Uint8Array): string | null {
  for (let at = 1; at < bytes.length - 4; at++) {
    // "http"
    if (bytes[at] !== 0x68 || bytes[at + 1] !== 0x74 || bytes[at + 2] !== 0x74 || bytes[at + 3] !== 0x70)
      continue;
    const marker = bytes[at - 1] ?? 0;
    let length = -1;
    if (marker > 0x50 && marker < 0x5f) length = marker - 0x50;
    else if (bytes[at - 3] === 0x5f && bytes[at - 2] === 0x10) length = marker;
    else if (at >= 4 && bytes[at - 4] === 0x5f && bytes[at - 3] === 0x11)
      length = ((bytes[at - 2] ?? 0) << 8) | marker;
    if (length > 0 && at + length <= bytes.length) {
      return Buffer.from(bytes.subarray(at, at + length)).toString('latin1');
    }
  }
  return null;
}

/** The URL a link file holds, by its kind (from the name), or null when it holds none. */
export function linkFileUrl(name: string, bytes: Uint8Array): string | null {
  const kind = /\.(url|webloc|desktop)$/i.exec(name)?.[1]?.toLowerCase();
  if (kind === undefined || bytes.length > MAX_LINK_FILE_BYTES) return null;
  if (kind === 'webloc') {
    const binary = Buffer.from(bytes.subarray(0, 8)).toString('latin1') === 'bplist00';
    return binary ? binaryPlistUrl(bytes) : xmlPlistUrl(Buffer.from(bytes).toString('utf8'));
  }
  const text = Buffer.from(bytes).toString('utf8');
  return iniUrl(text, kind === 'url' ? '[InternetShortcut]' : '[Desktop Entry]');
}

/** The SoundCloud link in a link file, as a launch's links; anything else is refused, never thrown. */
export async function readLinkFile(path: string, fs: Pick<FileSystem, 'open'>): Promise<LaunchLinks> {
  const none: LaunchLinks = { links: [], play: false, refused: [] };
  if (!isLinkFile(path)) return none;
  // One byte more than allowed is read, to tell a file at the limit from a larger one.
  const buffer = Buffer.alloc(MAX_LINK_FILE_BYTES + 1);
  let length: number;
  try {
    const handle = await fs.open(path, 'r');
    try {
      ({ bytesRead: length } = await handle.read(buffer, 0, buffer.length, 0));
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { ...none, refused: [`Cannot read the link file: ${String(error)}`] };
  }
  const url = linkFileUrl(path, buffer.subarray(0, length));
  if (url === null) return { ...none, refused: ['This file holds no link.'] };
  const one = soundCloudLink(url);
  return 'link' in one ? { ...none, links: [one.link] } : { ...none, refused: [one.reason] };
}
