// The simulator's switches: their defaults (the real service as of 2026) and the checking of changes sent
// to POST /_sim/settings or given on the command line.
import { CHALLENGE_SHAPES } from './challenges';

export interface Quota {
  /** Requests allowed within any window of `windowSeconds`. */
  limit: number;
  windowSeconds: number;
}

export const BOT_CHECKS = ['non-browser', 'off', 'always'] as const;
export const BOT_CHECK_SHAPES = CHALLENGE_SHAPES;
export const TRACK_AUTHORIZATIONS = ['optional', 'required'] as const;
export const OFFICIAL_STREAMS = ['aac-only', 'with-mp3'] as const;
export const LEGACY_APIS = ['retired', 'historical'] as const;
export const LABEL_PLAIN_STREAMS = ['missing', 'served'] as const;

export interface SimSettings {
  /** Lifetime of signed media URLs in seconds; null: the real service's track duration + 120 s. */
  ttlSeconds: number | null;
  /** Delay before every answer, in milliseconds. */
  latencyMs: number;
  /** Cap on media bodies, in bytes per second; null: unlimited. */
  mediaBytesPerSecond: number | null;
  /** Send CORS headers on media (SoundCloud's CDNs have not always done so). */
  mediaCors: boolean;
  /** Status of an expired media URL: 403, or 410 as some CDN nodes answer. */
  expiredStatus: 403 | 410;
  /** Lifetime of official-API access tokens, in seconds. */
  tokenTtlSeconds: number;
  /** Who DataDome challenges on api-v2's guarded paths: clients that do not look like a browser, nobody, everyone. */
  botCheck: (typeof BOT_CHECKS)[number];
  /** What a challenge looks like: DataDome's JSON, CloudFront's block page, or AWS WAF's empty 202. */
  botCheckShape: (typeof BOT_CHECK_SHAPES)[number];
  /** soundcloud.com pages answer everyone with DataDome's captcha page. */
  homeChallenge: boolean;
  /** The home page carries `window.__sc_hydration` (with the client_id); false: only the asset script has it. */
  homeHydration: boolean;
  /** Lists page over every upload and filter afterwards, so pages come back short or empty. */
  realisticPaging: boolean;
  /** Whether api-v2 serves public tracks' transcodings without `track_authorization`. */
  trackAuthorization: (typeof TRACK_AUTHORIZATIONS)[number];
  /** The official API's /streams since the 2025 deprecation (AAC only), or with the MP3 fields of before. */
  officialStreams: (typeof OFFICIAL_STREAMS)[number];
  /** api.sndcdn.com and bare-client_id calls to api.soundcloud.com: retired (401) or the 2012–2019 chain. */
  legacyApi: (typeof LEGACY_APIS)[number];
  /** Label tracks' plain (unencrypted) transcodings: missing (404 `{}`) or served. */
  labelPlainStreams: (typeof LABEL_PLAIN_STREAMS)[number];
  /** api-v2 stream requests (`/media/*`, all clients together) per sliding window; null: unlimited. */
  quota: Quota | null;
  /** Official-API stream requests (`/tracks/<urn>/streams*`) per sliding window; null: unlimited. */
  officialQuota: Quota | null;
  /** Rotate the api-v2 client_id after every N api-v2 requests; null: only when told to. */
  rotateClientIdEvery: number | null;
}

/** The real service as of 2026; the kinder modes are a switch away. */
export const DEFAULT_SETTINGS: Readonly<SimSettings> = {
  ttlSeconds: null,
  latencyMs: 0,
  mediaBytesPerSecond: null,
  mediaCors: true,
  expiredStatus: 403,
  tokenTtlSeconds: 3599,
  botCheck: 'non-browser',
  botCheckShape: 'challenge-json',
  homeChallenge: false,
  homeHydration: true,
  realisticPaging: true,
  trackAuthorization: 'optional',
  officialStreams: 'aac-only',
  legacyApi: 'retired',
  labelPlainStreams: 'missing',
  quota: { limit: 600, windowSeconds: 600 },
  officialQuota: { limit: 15_000, windowSeconds: 86_400 },
  rotateClientIdEvery: null,
};

type Input = Record<string, unknown>;
/** Reads one key into `out`; returns an error message, or null when the value is absent or fine. */
type Reader = (input: Input, out: Partial<SimSettings>) => string | null;

const isNonNegative = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isPositiveInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

function nonNegative(key: 'latencyMs' | 'tokenTtlSeconds'): Reader {
  return (input, out) => {
    const v = input[key];
    if (v === undefined) return null;
    if (!isNonNegative(v)) return `"${key}" must be a non-negative number`;
    out[key] = v;
    return null;
  };
}

function nullableNonNegative(key: 'ttlSeconds' | 'mediaBytesPerSecond'): Reader {
  return (input, out) => {
    const v = input[key];
    if (v === undefined) return null;
    if (v !== null && !isNonNegative(v)) return `"${key}" must be a non-negative number or null`;
    // A cap of 0 bytes per second would never finish: 1 is the slowest there is.
    out[key] = v === null || key === 'ttlSeconds' ? v : Math.max(1, v);
    return null;
  };
}

function boolean(key: 'mediaCors' | 'homeChallenge' | 'homeHydration' | 'realisticPaging'): Reader {
  return (input, out) => {
    const v = input[key];
    if (v === undefined) return null;
    if (typeof v !== 'boolean') return `"${key}" must be true or false`;
    out[key] = v;
    return null;
  };
}

type Choice =
  'botCheck' | 'botCheckShape' | 'trackAuthorization' | 'officialStreams' | 'legacyApi' | 'labelPlainStreams';

function oneOf<K extends Choice>(key: K, values: readonly SimSettings[K][]): Reader {
  return (input, out) => {
    const v = input[key];
    if (v === undefined) return null;
    if (!values.includes(v as SimSettings[K])) return `"${key}" must be one of ${values.join(', ')}`;
    out[key] = v as SimSettings[K];
    return null;
  };
}

function quota(key: 'quota' | 'officialQuota'): Reader {
  return (input, out) => {
    const v = input[key];
    if (v === undefined) return null;
    if (v === null) {
      out[key] = null;
      return null;
    }
    const q = (typeof v === 'object' ? v : {}) as Input;
    const extra = Object.keys(q).filter((k) => k !== 'limit' && k !== 'windowSeconds');
    if (!isPositiveInteger(q['limit']) || !isNonNegative(q['windowSeconds']) || q['windowSeconds'] === 0)
      return `"${key}" must be null or {"limit": a positive integer, "windowSeconds": a positive number}`;
    if (extra.length > 0) return `"${key}" has unknown fields: ${extra.join(', ')}`;
    out[key] = { limit: q['limit'], windowSeconds: q['windowSeconds'] };
    return null;
  };
}

const READERS: Record<keyof SimSettings, Reader> = {
  latencyMs: nonNegative('latencyMs'),
  tokenTtlSeconds: nonNegative('tokenTtlSeconds'),
  ttlSeconds: nullableNonNegative('ttlSeconds'),
  mediaBytesPerSecond: nullableNonNegative('mediaBytesPerSecond'),
  mediaCors: boolean('mediaCors'),
  homeChallenge: boolean('homeChallenge'),
  homeHydration: boolean('homeHydration'),
  realisticPaging: boolean('realisticPaging'),
  expiredStatus: (input, out) => {
    const v = input['expiredStatus'];
    if (v === undefined) return null;
    if (v !== 403 && v !== 410) return '"expiredStatus" must be 403 or 410';
    out.expiredStatus = v;
    return null;
  },
  botCheck: oneOf('botCheck', BOT_CHECKS),
  botCheckShape: oneOf('botCheckShape', BOT_CHECK_SHAPES),
  trackAuthorization: oneOf('trackAuthorization', TRACK_AUTHORIZATIONS),
  officialStreams: oneOf('officialStreams', OFFICIAL_STREAMS),
  legacyApi: oneOf('legacyApi', LEGACY_APIS),
  labelPlainStreams: oneOf('labelPlainStreams', LABEL_PLAIN_STREAMS),
  quota: quota('quota'),
  officialQuota: quota('officialQuota'),
  rotateClientIdEvery: (input, out) => {
    const v = input['rotateClientIdEvery'];
    if (v === undefined) return null;
    if (v !== null && !isPositiveInteger(v))
      return '"rotateClientIdEvery" must be a positive integer or null';
    out.rotateClientIdEvery = v;
    return null;
  },
};

/** Checks a settings patch: the valid changes, or a message naming the first thing wrong. */
export function parseSettings(value: unknown): Partial<SimSettings> | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'settings are a JSON object';
  const input = value as Input;
  const unknown = Object.keys(input).filter((k) => !(k in READERS));
  if (unknown.length > 0) return `unknown settings: ${unknown.join(', ')}`;
  const out: Partial<SimSettings> = {};
  for (const read of Object.values(READERS)) {
    const error = read(input, out);
    if (error !== null) return error;
  }
  return out;
}
