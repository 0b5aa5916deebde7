// The app:// scheme the window loads from: one standard, secure origin (app://cloudcue) that serves the built
// renderer's files and nothing else, with the page's Content-Security-Policy sent as a header too.
import { readFile as fsReadFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative } from 'node:path';
import { pagePolicy, withMediaSource, withPagePolicy } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'cloudcue';
/** The page's origin as Chromium names it (Node's URL gives non-special schemes an opaque origin instead). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before the app is ready. `standard`: a real origin for 'self', relative URLs and storage; `secure`:
 * a secure context, as https is; `supportFetchAPI`: the page's module scripts load through fetch. Not
 * `corsEnabled` (no other origin may read the app's files), not `bypassCSP`, no service workers.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/** What the built renderer is made of; any other kind of file is not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
};

/** The content type the app serves a file with, or null for a kind of file it does not serve. */
export function contentTypeOf(file: string): string | null {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? null;
}

/**
 * The file under `rendererDir` that an app:// URL names, or null when it names none: another host, a path
 * that would leave the folder (`..`, encoded or not), an encoded separator or backslash, a drive letter, an
 * empty segment (`//etc`), or a hidden file.
 */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  const path = parsed.pathname === '/' || parsed.pathname === '' ? '/index.html' : parsed.pathname;
  const names: string[] = [];
  // Each segment is decoded on its own, so an encoded `/` or `\` cannot create a segment of its own.
  for (const segment of path.slice(1).split('/')) {
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (name === '' || name.startsWith('.') || /[/\\:\0]/.test(name)) return null;
    names.push(name);
  }
  const file = join(rendererDir, ...names);
  const inside = relative(rendererDir, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}

export interface AppHandlerOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /**
   * The loopback origin the page must reach (CLOUDCUE_SC_ORIGIN, in an unpackaged app only): added to the
   * policy's media directives. Null: the policy exactly as built.
   */
  mediaOrigin?: string | null;
  readFile?: (file: string) => Promise<Buffer>;
}

function refuse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** Answers app:// requests (protocol.handle's handler) from the built renderer's files. */
export function createAppHandler(options: AppHandlerOptions): (request: Request) => Promise<Response> {
  const { rendererDir } = options;
  const mediaOrigin = options.mediaOrigin ?? null;
  const readFile = options.readFile ?? ((file: string) => fsReadFile(file));

  /** The page under its policy, the same in the header as in the meta tag; null when it declares none. */
  function policed(html: string): { body: string; policy: string } | null {
    const declared = pagePolicy(html);
    if (declared === null) return null;
    const policy = mediaOrigin === null ? declared : withMediaSource(declared, mediaOrigin);
    return { body: withPagePolicy(html, policy), policy };
  }

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    const file = resolveAppFile(rendererDir, request.url);
    const type = file === null ? null : contentTypeOf(file);
    if (file === null || type === null) return refuse(404, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return refuse(404, 'Not found');
    }
    const headers = { 'content-type': type, 'x-content-type-options': 'nosniff' };
    if (extname(file).toLowerCase() !== '.html') return new Response(new Uint8Array(body), { headers });
    // A page without a policy is a broken build: refuse it rather than run it unprotected.
    const page = policed(body.toString('utf8'));
    if (page === null) return refuse(500, 'The page declares no Content-Security-Policy.');
    return new Response(page.body, { headers: { ...headers, 'content-security-policy': page.policy } });
  };
}
