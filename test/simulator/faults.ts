// Fault injection: rules that make matching requests fail the ways SoundCloud does (or a weak link
// between it and the listener), for the next N requests or a fraction of them.
import type { ServerResponse } from 'node:http';
import { CAPTCHA_PAGE, CHALLENGE_SHAPES, sendChallenge } from './challenges';
import type { SimRequest } from './context';

export const FAULT_KINDS = [
  '429',
  '429-retry-after',
  '500',
  '503',
  'reset',
  'hang',
  'truncated-json',
  'challenge',
  ...CHALLENGE_SHAPES,
] as const;
/**
 * Faults of the link rather than of the service: kept apart from FAULT_KINDS, which every API call
 * must get past, as they only make sense on a body long enough to cut.
 */
export const LINK_FAULT_KINDS = ['cut'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number] | (typeof LINK_FAULT_KINDS)[number];
const ALL_KINDS: readonly FaultKind[] = [...FAULT_KINDS, ...LINK_FAULT_KINDS];

export interface FaultSpec {
  /** Which requests: a glob on `host/path` (`*` matches anything), e.g. `api-v2.soundcloud.com/resolve`. */
  route: string;
  kind: FaultKind;
  /** Fail this many matching requests, then stop (default: every one). */
  count?: number;
  /** Fail this fraction (0–1) of matching requests, drawn from the simulator's seeded random source. */
  fraction?: number;
  /** Seconds for `Retry-After` on `429-retry-after` (default 1). */
  retryAfter?: number;
  /**
   * `cut` only: the answer is sent as usual (throttled, if media is) until this many bytes of its body
   * have gone, then its connection drops mid-body, as on a weak link. A shorter body ends whole (and
   * still counts as one of the `count`).
   */
  afterBytes?: number;
}

export interface FaultRule extends FaultSpec {
  id: number;
  /** How many requests this rule has failed. */
  hits: number;
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

export function parseFaultSpec(value: unknown): FaultSpec | string {
  if (typeof value !== 'object' || value === null) return 'a fault is a JSON object';
  const spec = value as Record<string, unknown>;
  if (typeof spec['route'] !== 'string' || spec['route'] === '') return '"route" must be a non-empty string';
  if (!ALL_KINDS.includes(spec['kind'] as FaultKind)) return `"kind" must be one of ${ALL_KINDS.join(', ')}`;
  const count = spec['count'];
  const fraction = spec['fraction'];
  const retryAfter = spec['retryAfter'];
  const afterBytes = spec['afterBytes'];
  if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count) || count < 1)) {
    return '"count" must be a positive integer';
  }
  if (fraction !== undefined && (typeof fraction !== 'number' || fraction < 0 || fraction > 1)) {
    return '"fraction" must be between 0 and 1';
  }
  if (retryAfter !== undefined && (typeof retryAfter !== 'number' || retryAfter < 0)) {
    return '"retryAfter" must be a non-negative number of seconds';
  }
  const cut = spec['kind'] === 'cut';
  if (cut !== (typeof afterBytes === 'number' && Number.isInteger(afterBytes) && afterBytes >= 1)) {
    return cut
      ? '"afterBytes" must be a positive integer for a cut'
      : '"afterBytes" belongs to the kind "cut" only';
  }
  return {
    route: spec['route'],
    kind: spec['kind'] as FaultKind,
    ...(count === undefined ? {} : { count }),
    ...(fraction === undefined ? {} : { fraction }),
    ...(retryAfter === undefined ? {} : { retryAfter }),
    ...(typeof afterBytes === 'number' ? { afterBytes } : {}),
  };
}

export interface Faults {
  add(spec: FaultSpec): FaultRule;
  clear(): void;
  list(): FaultRule[];
  /** The rule that fails this request, if any (counting it as a hit). */
  pick(req: SimRequest): FaultRule | null;
}

export function createFaults(random: () => number): Faults {
  let rules: (FaultRule & { pattern: RegExp })[] = [];
  let nextId = 1;
  return {
    add(spec) {
      const rule = { ...spec, id: nextId++, hits: 0, pattern: globToRegExp(spec.route) };
      rules.push(rule);
      return { ...spec, id: rule.id, hits: 0 };
    },
    clear() {
      rules = [];
    },
    list() {
      return rules.map(({ pattern: _pattern, ...rule }) => rule);
    },
    pick(req) {
      const target = `${req.host}${req.path}`;
      for (const rule of rules) {
        if (!rule.pattern.test(target)) continue;
        if (rule.count !== undefined && rule.hits >= rule.count) continue;
        if (rule.fraction !== undefined && random() >= rule.fraction) continue;
        rule.hits += 1;
        return { ...rule };
      }
      return null;
    },
  };
}

/** The body of a 429 in the shape each API uses. */
function rateLimitBody(host: string): { type: string; body: string } {
  if (host === 'api.soundcloud.com') {
    return {
      type: 'application/json; charset=utf-8',
      body: JSON.stringify({
        code: 429,
        message: 'rate_limit_exceeded',
        link: 'https://developers.soundcloud.com/docs/api/rate-limits',
        status: '429 - Too Many Requests',
        errors: [{ error_message: 'rate_limit_exceeded' }],
        error: null,
      }),
    };
  }
  if (host === 'api-v2.soundcloud.com') {
    return {
      type: 'application/json; charset=utf-8',
      body: JSON.stringify({ error: 'Rate Limit Exceeded' }),
    };
  }
  return { type: 'text/plain; charset=utf-8', body: 'Please slow down.' };
}

/**
 * Applies a fault. Returns 'answered' when the fault replaced the answer, 'truncate' when the real
 * handler should run with its body cut in half, or 'cut' when it should run with its connection
 * dropped after `afterBytes` of its body.
 */
export function applyFault(
  rule: FaultRule,
  req: SimRequest,
  res: ServerResponse,
): 'answered' | 'truncate' | 'cut' {
  const send = (status: number, type: string, body: string, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };
  switch (rule.kind) {
    case '429':
    case '429-retry-after': {
      const { type, body } = rateLimitBody(req.host);
      send(
        429,
        type,
        body,
        rule.kind === '429-retry-after' ? { 'retry-after': String(rule.retryAfter ?? 1) } : {},
      );
      return 'answered';
    }
    case '500':
      send(500, 'application/json; charset=utf-8', JSON.stringify({ error: 'Internal Server Error' }));
      return 'answered';
    case '503':
      send(503, 'text/html; charset=utf-8', '<html><body><h1>503 Service Unavailable</h1></body></html>');
      return 'answered';
    case 'reset':
      req.raw.socket.destroy();
      return 'answered';
    case 'hang':
      // Never answered; the connection stays open until the client gives up or the simulator closes.
      return 'answered';
    case 'challenge':
      send(403, 'text/html; charset=utf-8', CAPTCHA_PAGE);
      return 'answered';
    case 'challenge-json':
    case 'cloudfront-block':
    case 'waf-202':
      sendChallenge(rule.kind, req, res);
      return 'answered';
    case 'truncated-json':
      return 'truncate';
    case 'cut':
      return 'cut';
  }
}

/**
 * Makes `res` drop its connection once `afterBytes` of its body have been written: the bytes before
 * reach the client, then the transfer ends without its end, as when a weak link drops.
 */
export function cutBody(res: ServerResponse, afterBytes: number): void {
  const write = res.write.bind(res) as (chunk: Buffer, callback?: () => void) => boolean;
  const end = res.end.bind(res) as (chunk?: Buffer) => void;
  let sent = 0;
  const send = (chunk: string | Buffer | undefined): void => {
    if (chunk === undefined || res.destroyed || sent >= afterBytes) return;
    const body = Buffer.from(chunk);
    const part = body.subarray(0, afterBytes - sent);
    sent += part.length;
    if (sent < afterBytes) write(part);
    else write(part, () => res.destroy());
  };
  res.write = ((chunk: string | Buffer) => {
    send(chunk);
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: string | Buffer) => {
    send(chunk);
    if (sent < afterBytes) end();
    return res;
  }) as typeof res.end;
}

/** Makes `res` send only the first half of whatever body the handler writes. */
export function truncateBody(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (
    status: number,
    headers?: Record<string, string | number>,
  ) => void;
  const end = res.end.bind(res) as (chunk?: Buffer) => void;
  let status = 200;
  let headers: Record<string, string | number> = {};
  res.writeHead = ((code: number, h?: Record<string, string | number>) => {
    status = code;
    headers = { ...(h ?? {}) };
    return res;
  }) as typeof res.writeHead;
  res.end = ((chunk?: string | Buffer) => {
    const body = chunk === undefined ? Buffer.alloc(0) : Buffer.from(chunk);
    const half = body.subarray(0, Math.floor(body.length / 2));
    writeHead(status, { ...headers, 'content-length': half.length });
    end(half);
    return res;
  }) as typeof res.end;
}
