// The website hosts: soundcloud.com pages (where clients discover the api-v2 client_id), the web app's
// JS bundles on a-v2.sndcdn.com, m./www. redirects, and on.soundcloud.com short links.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import {
  permalinkOf,
  playlistPermalinkOf,
  resolvePermalink,
  userPermalinkOf,
  type Catalogue,
} from '../catalogue';
import { issuePageCookie } from '../botcheck';
import { sendCaptchaPage } from '../challenges';
import { text, type Handler, type SimContext, type SimRequest } from '../context';

const ASSET_HOST = 'https://a-v2.sndcdn.com/assets';

/**
 * The bundles the page lists, in page order. As on the real site the client_id sits in the last one, so
 * clients scan from the last to the first; the one before it holds only decoy `client_id:` strings.
 */
export const ASSETS = [
  '18-eb41c0d2',
  '56-5c7a9e13',
  '2-a0f4b6c8',
  '0-e3d9a271',
  '54-f1c08b5e',
  '53-a7b2d4c9',
];
const CLIENT_ASSET = '53-a7b2d4c9';
const DECOY_ASSET = '54-f1c08b5e';

function html(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  text(res, status, 'text/html; charset=utf-8', body, {
    'cache-control': 'private, max-age=0, no-cache, no-store',
    ...headers,
  });
}

/** soundcloud.com refuses clients that do not look like a browser (bot protection). */
function browserLike(req: SimRequest): boolean {
  return (req.headers['user-agent'] ?? '').includes('Mozilla/');
}

function hydration(ctx: SimContext): string {
  const entries = [
    { hydratable: 'anonymousId', data: '583012-114977-402886-917340' },
    {
      hydratable: 'features',
      data: { features: ['v2_use_drm_transcodings', 'v2_enable_crossfade', 'gql_tracks'] },
    },
    {
      hydratable: 'geoip',
      data: { country_code: 'GB', country_name: 'United Kingdom', region: 'ENG', city: 'Leeds' },
    },
    { hydratable: 'trackingBrowserTabId', data: '7c1e04' },
    { hydratable: 'apiClient', data: { id: ctx.clientId, isExpiring: false } },
  ];
  return `<script>window.__sc_hydration = ${JSON.stringify(entries)};</script>`;
}

/** The app shell every soundcloud.com page shares: a third-party tag, the hydration, the bundles. */
function page(ctx: SimContext, title: string): string {
  const scripts = ASSETS.map((name, i) =>
    // The real page writes one tag with its attributes the other way round; parsers must cope.
    i === 0
      ? `<script src="${ASSET_HOST}/${name}.js" crossorigin></script>`
      : `<script crossorigin src="${ASSET_HOST}/${name}.js"></script>`,
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${title}</title>`,
    '<link rel="dns-prefetch" href="//api-v2.soundcloud.com">',
    '<script src="https://dwt.soundcloud.com/tags.js" async></script>',
    '</head>',
    '<body>',
    '<div id="app"></div>',
    '<script>window.__sc_version="1771407416"</script>',
    // Without the hydration, the client_id is only in the asset script.
    ...(ctx.settings.homeHydration ? [hydration(ctx)] : []),
    ...scripts,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * soundcloud.com: the home page and permalink pages (200), anything unknown (404), non-browsers (403).
 * Every page a browser gets sets DataDome's cookie, which api-v2's guarded paths then ask for; with
 * `homeChallenge`, DataDome answers every page with its captcha instead.
 */
const website: Handler = (req, res, ctx) => {
  if (ctx.settings.homeChallenge) {
    sendCaptchaPage(res);
    return;
  }
  if (!browserLike(req)) {
    html(
      res,
      403,
      '<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body>Forbidden</body></html>\n',
    );
    return;
  }
  const cookie = { 'set-cookie': issuePageCookie(ctx) };
  if (req.path === '/') {
    html(res, 200, page(ctx, 'Stream and listen to music online for free with SoundCloud'), cookie);
    return;
  }
  const found = resolvePermalink(ctx.catalogue, `https://soundcloud.com${req.path}`);
  if (found === null) {
    html(res, 404, page(ctx, 'Something went wrong on SoundCloud'), cookie);
    return;
  }
  const title =
    found.kind === 'track'
      ? found.track.title
      : found.kind === 'playlist'
        ? found.playlist.title
        : found.user.username;
  html(res, 200, page(ctx, `${title} | Listen online for free on SoundCloud`), cookie);
};

/** m. and www.soundcloud.com/<path> → 301 to the same path on soundcloud.com. */
const toCanonical: Handler = (req, res) => {
  const search = req.query.toString();
  const location = `https://soundcloud.com${req.path}${search === '' ? '' : `?${search}`}`;
  html(res, 301, '', { location });
};

// --- Short links --------------------------------------------------------------------------------------

export type ShortLinkKind = 'track' | 'playlist' | 'user';

const KIND_LETTER: Record<ShortLinkKind, string> = { track: 'T', playlist: 'P', user: 'U' };
const CODE_SPACE = 36 ** 5;

/**
 * The on.soundcloud.com code of a catalogue item: a kind letter and five base-36 characters. The id is
 * scrambled by a multiplier coprime to 36, so codes look random yet never collide (ids < 36^5).
 */
export function shortLinkCode(kind: ShortLinkKind, id: number): string {
  const scrambled = (id * 7_919 + 104_729) % CODE_SPACE;
  return `${KIND_LETTER[kind]}${scrambled.toString(36).padStart(5, '0')}`;
}

/** Every short link the catalogue has: code → permalink (removed tracks too: the link outlives the track). */
export function shortLinks(catalogue: Catalogue): Map<string, string> {
  const links = new Map<string, string>();
  for (const t of catalogue.tracks) links.set(shortLinkCode('track', t.id), permalinkOf(t));
  for (const p of catalogue.playlists) links.set(shortLinkCode('playlist', p.id), playlistPermalinkOf(p));
  for (const u of catalogue.users) links.set(shortLinkCode('user', u.id), userPermalinkOf(u));
  return links;
}

/** The tracking query SoundCloud's share button appends; clients should drop it. */
function trackingQuery(code: string): string {
  const si = createHash('md5').update(code).digest('hex');
  return `?si=${si}&utm_source=clipboard&utm_medium=text&utm_campaign=social_sharing`;
}

/** on.soundcloud.com/<code> → 302 to the permalink plus a tracking query; an unknown code → 404. */
const shortLink: Handler = (req, res, ctx) => {
  const code = req.path.slice(1).replace(/\/$/, '');
  const permalink = shortLinks(ctx.catalogue).get(code);
  if (permalink === undefined) {
    html(
      res,
      404,
      '<!DOCTYPE html><html><head><title>Not Found</title></head><body>Not Found</body></html>\n',
    );
    return;
  }
  html(res, 302, '', { location: `${permalink}${trackingQuery(code)}` });
};

// --- Assets ---------------------------------------------------------------------------------------------

/** Deterministic minified-looking webpack filler of about `bytes` characters. */
function filler(seed: number, bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let n = seed; size < bytes; n += 1) {
    const part =
      `function(e,t,r){"use strict";var n=r(${(n * 7) % 1931}),i=r(${(n * 13) % 1931});` +
      `t.a=function(e){return n.a.get("m${n.toString(36)}",e)||i.b(e,${n % 97})}},`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

const DECOYS =
  'fb_app_id:"19507961798",google_client_id:"984739005367.apps.googleusercontent.com",' +
  'apple_id_client_id:"com.soundcloud.services.siwa",playHistoryLength:50,maxComments:200';

/** The config object of the client asset, as minified in the real bundle. */
function config(clientId: string): string {
  return (
    '{api_v2_host:"https://api-v2.soundcloud.com",repost_host:"https://repost.soundcloud.com",' +
    `client_application_id:46941,client_id:"${clientId}",client_is_expiring:!1,env:"production",` +
    `${DECOYS}}`
  );
}

const fillers = new Map<string, [string, string]>();

/** The fixed code around an asset's module of interest, made once per asset. */
function fillersOf(name: string): [string, string] {
  let pair = fillers.get(name);
  if (pair === undefined) {
    const index = ASSETS.indexOf(name);
    pair = [filler(index * 1000, 20_000), filler(index * 1000 + 500, 60_000)];
    fillers.set(name, pair);
  }
  return pair;
}

/**
 * An asset's body, made per request because the client_id can be rotated. The client asset keeps its
 * client_id within the first 50 kB, which real clients fetch with a Range request.
 */
function assetBody(name: string, ctx: SimContext): string {
  const head = `(window.webpackJsonp=window.webpackJsonp||[]).push([[${name.split('-')[0]}],[`;
  const [start, end] = fillersOf(name);
  if (name === CLIENT_ASSET)
    return `${head}${start}function(e,t,r){e.exports=${config(ctx.clientId)}},${end}]]);\n`;
  if (name === DECOY_ASSET) return `${head}${start}function(e,t,r){e.exports={${DECOYS}}},${end}]]);\n`;
  return `${head}${start}${end}]]);\n`;
}

/** A single `bytes=` range of a body this long, or null when absent; 'bad' when unsatisfiable. */
function parseRange(header: string | undefined, length: number): [number, number] | null | 'bad' {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'bad';
  const [, from = '', to = ''] = match;
  if (from === '') return Number(to) === 0 ? 'bad' : [Math.max(0, length - Number(to)), length - 1];
  const start = Number(from);
  const end = to === '' ? length - 1 : Math.min(Number(to), length - 1);
  return start >= length || end < start ? 'bad' : [start, end];
}

/** a-v2.sndcdn.com/assets/<name>.js, with Range support since clients read only the start. */
const assets: Handler = (req, res, ctx) => {
  const name = /^\/assets\/([\w-]+)\.js$/.exec(req.path)?.[1];
  if (name === undefined || !ASSETS.includes(name)) {
    text(res, 404, 'application/xml', '<?xml version="1.0"?><Error><Code>NoSuchKey</Code></Error>\n');
    return;
  }
  const body = Buffer.from(assetBody(name, ctx), 'utf8');
  const headers = {
    'accept-ranges': 'bytes',
    'access-control-allow-origin': '*',
    'cache-control': 'public, max-age=31536000, immutable',
  };
  const range = parseRange(req.headers.range, body.length);
  if (range === 'bad') {
    text(res, 416, 'application/xml', '', { ...headers, 'content-range': `bytes */${body.length}` });
  } else if (range === null) {
    text(res, 200, 'application/javascript', body, headers);
  } else {
    const [start, end] = range;
    text(res, 206, 'application/javascript', body.subarray(start, end + 1), {
      ...headers,
      'content-range': `bytes ${start}-${end}/${body.length}`,
    });
  }
};

export const routes: Record<string, Handler> = {
  'soundcloud.com': website,
  'www.soundcloud.com': toCanonical,
  'm.soundcloud.com': toCanonical,
  'on.soundcloud.com': shortLink,
  'a-v2.sndcdn.com': assets,
};
