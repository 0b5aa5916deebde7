// Reading an answer's body under a size cap and a deadline: bytes are counted as they arrive, after
// decompression, and the read stops at the cap, so neither a huge answer nor a gzip bomb can fill main's memory.
import { fail } from './errors';

const MIB = 1024 * 1024;

/**
 * The most each kind of answer may hold once decompressed: well above the largest real one (api-v2's 200-track
 * pages and 500-track sets stay under 3 MiB, soundcloud.com's pages with their hydration data under 2 MiB,
 * its largest script bundle under 4 MiB), and small enough that six read at once stay far from straining
 * main's memory.
 */
export const ANSWER_CAPS = { json: 8 * MIB, page: 8 * MIB, script: 8 * MIB } as const;

export type AnswerKind = keyof typeof ANSWER_CAPS;

const PAGE_HOSTS = new Set(['soundcloud.com', 'm.soundcloud.com', 'on.soundcloud.com']);

/** What an answer from `real` is expected to be: a web page, a script bundle or (everything else) JSON. */
export function answerKind(real: URL): AnswerKind {
  if (PAGE_HOSTS.has(real.hostname)) return 'page';
  if (real.pathname.endsWith('.js')) return 'script';
  return 'json';
}

export const TOO_LARGE = 'SoundCloud sent an answer too large to read.';

/**
 * The body as text (UTF-8, as `Response.text()` reads it), or SERVER TOO_LARGE as soon as more than
 * `maxBytes` have arrived. When `signal` aborts, the read is cancelled and the promise rejects with its reason,
 * even when the stream itself never answers again.
 */
export async function readCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  const body = response.body;
  if (body === null) return '';
  const declared = Number(response.headers.get('content-length') ?? NaN);
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  if (!encoded && declared > maxBytes) {
    await body.cancel().catch(() => undefined);
    fail('SERVER', TOO_LARGE, response.status);
  }
  const reader = body.getReader();
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  // The race below may be lost by this promise before anyone awaits it: that rejection is handled there.
  aborted.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) fail('SERVER', TOO_LARGE, response.status);
      chunks.push(value);
    }
  } catch (error) {
    // Cancelling tells the fetch to stop: the socket closes and no more is inflated.
    reader.cancel(error).catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  return new TextDecoder().decode(Buffer.concat(chunks, total));
}
