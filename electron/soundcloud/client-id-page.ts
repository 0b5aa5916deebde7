// Reading SoundCloud's public client_id out of its home page: the hydration data, else the web app's bundles.
import { z } from 'zod';

export const CLIENT_ID = /^[0-9a-zA-Z]{32}$/;
const ASSET_CLIENT_ID = /client_id\s*:\s*"([0-9a-zA-Z]{32})"/;
/*
 * The page is remote text: it is read by scanning forward with indexOf, and the patterns left run on one
 * tag at a time with no nested or adjacent unbounded repeats, so a hostile page costs linear time. (The
 * regular expressions these replace, `…=\s*(\[[\s\S]*?\])\s*;?\s*<\/script>` and
 * `<script\b[^>]*?\bsrc…`, took minutes on a few hundred kilobytes of bait.)
 */
const HYDRATION_MARK = 'window.__sc_hydration';
const SCRIPT_END = '</script>';
const ASSET_PREFIX = 'https://a-v2.sndcdn.com/assets/';
const SCRIPT_OPEN = /<script\b/gi;
/** A `src` attribute's quoted value inside one `<script …>` tag. */
const SRC_ATTRIBUTE = /\bsrc\s*=\s*["']([^"']*)["']/gi;

const hydrationSchema = z.array(z.object({ hydratable: z.string(), data: z.unknown() }));
const apiClientSchema = z.object({ id: z.string().regex(CLIENT_ID) });

/** `= [ … ] ;` between the mark and `</script>`: the array's text, or null. */
function arrayAssigned(text: string): string | null {
  let body = text.trim();
  if (!body.startsWith('=')) return null;
  body = body.slice(1).trim();
  if (body.endsWith(';')) body = body.slice(0, -1).trimEnd();
  return body.startsWith('[') && body.endsWith(']') ? body : null;
}

/** The text of the array assigned to `window.__sc_hydration` in the first script that assigns one. */
function hydrationSource(html: string): string | null {
  for (let mark = html.indexOf(HYDRATION_MARK); mark !== -1;) {
    const end = html.indexOf(SCRIPT_END, mark);
    if (end === -1) return null;
    const source = arrayAssigned(html.slice(mark + HYDRATION_MARK.length, end));
    if (source !== null) return source;
    // Another mention in the same script is not the assignment either: the next script is looked at.
    mark = html.indexOf(HYDRATION_MARK, end);
  }
  return null;
}

/** The id in the page's `window.__sc_hydration` (its `apiClient` entry), or null. */
export function clientIdFromHydration(html: string): string | null {
  const source = hydrationSource(html);
  if (source === null) return null;
  let entries: unknown;
  try {
    entries = JSON.parse(source);
  } catch {
    return null;
  }
  const parsed = hydrationSchema.safeParse(entries);
  if (!parsed.success) return null;
  const apiClient = parsed.data.find((entry) => entry.hydratable === 'apiClient');
  const data = apiClientSchema.safeParse(apiClient?.data);
  return data.success ? data.data.id : null;
}

/** The web app's bundle URL in one `<script …>` tag's attributes, or undefined. */
function assetUrlOf(attributes: string): string | undefined {
  for (const [, value = ''] of attributes.matchAll(SRC_ATTRIBUTE)) {
    if (value.startsWith(ASSET_PREFIX) && value.length > ASSET_PREFIX.length + 3 && value.endsWith('.js'))
      return value;
  }
  return undefined;
}

/** The web app's bundle URLs in page order (the caller scans them from the last). */
export function assetUrls(html: string): string[] {
  const urls: string[] = [];
  const opens = new RegExp(SCRIPT_OPEN.source, SCRIPT_OPEN.flags);
  for (let open = opens.exec(html); open !== null; open = opens.exec(html)) {
    const after = open.index + open[0].length;
    const close = html.indexOf('>', after);
    if (close === -1) break;
    const url = assetUrlOf(html.slice(after, close));
    if (url !== undefined) urls.push(url);
    // The next tag starts after this one ends: each character is looked at once.
    opens.lastIndex = close;
  }
  return urls;
}

export function clientIdFromAsset(source: string): string | null {
  return ASSET_CLIENT_ID.exec(source)?.[1] ?? null;
}
