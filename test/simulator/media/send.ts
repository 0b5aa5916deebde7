// Sends media bodies as a CDN does: Range requests answered with 206, an optional bandwidth cap,
// and the refusal of an expired or tampered signed URL.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from '../context';
import type { Verdict } from '../signing';

function corsHeaders(ctx: SimContext): Record<string, string> {
  return ctx.settings.mediaCors
    ? { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Content-Length, Content-Range' }
    : {};
}

/** Answers a refused signed URL the way CloudFront does: an XML AccessDenied (403, or 410 if so set). */
export function refuse(res: ServerResponse, ctx: SimContext, verdict: Exclude<Verdict, 'ok'>): void {
  const status = verdict === 'expired' ? ctx.settings.expiredStatus : 403;
  const message = verdict === 'expired' ? 'Request has expired' : 'Access denied';
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>${message}</Message></Error>`;
  res.writeHead(status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(body),
    ...corsHeaders(ctx),
  });
  res.end(body);
}

/** Writes `body` no faster than `bytesPerSecond`, in ~50 ms slices. */
async function throttled(res: ServerResponse, body: Buffer, bytesPerSecond: number): Promise<void> {
  const slice = Math.max(1, Math.floor(bytesPerSecond / 20));
  for (let offset = 0; offset < body.length && !res.destroyed; offset += slice) {
    res.write(body.subarray(offset, offset + slice));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  res.end();
}

/** Answers a media body, honouring a single `Range: bytes=a-b` (or `bytes=-n`) request with 206. */
export async function sendMedia(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: SimContext,
  body: Buffer,
  type: string,
): Promise<void> {
  const headers: Record<string, string | number> = {
    'content-type': type,
    'accept-ranges': 'bytes',
    'cache-control': 'max-age=0, private',
    'last-modified': 'Tue, 14 May 2024 18:22:05 GMT',
    etag: `"${body.length.toString(16)}"`,
    ...corsHeaders(ctx),
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  let start = 0;
  let end = body.length - 1;
  let status = 200;
  if (range && (range[1] !== '' || range[2] !== '')) {
    if (range[1] === '') {
      start = Math.max(0, body.length - Number(range[2]));
    } else {
      start = Number(range[1]);
      end = range[2] === '' ? end : Math.min(end, Number(range[2]));
    }
    if (start >= body.length || start > end) {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${body.length}`, 'content-length': 0 });
      res.end();
      return;
    }
    status = 206;
    headers['content-range'] = `bytes ${start}-${end}/${body.length}`;
  }
  headers['content-length'] = end - start + 1;
  res.writeHead(status, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const part = body.subarray(start, end + 1);
  const cap = ctx.settings.mediaBytesPerSecond;
  if (cap === null) res.end(part);
  else await throttled(res, part, cap);
}
