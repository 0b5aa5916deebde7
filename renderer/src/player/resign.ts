// An HLS playlist and its segments share one signed query (one CloudFront policy). When the policy is
// renewed, the requests still to come go out under the new query: the same paths, a fresh signature.

/** `url` split at its query (the query without '?', exactly as written). */
function split(url: string): { path: string; query: string } {
  const at = url.indexOf('?');
  return at === -1 ? { path: url, query: '' } : { path: url.slice(0, at), query: url.slice(at + 1) };
}

/** Whether `next` signs the same stream as `current` (same address, another query). */
export function sameStream(current: string, next: string): boolean {
  const a = split(current);
  const b = split(next);
  return a.path === b.path && a.query !== '' && b.query !== '';
}

/** The signed query of a stream URL. */
export const signedQuery = (url: string): string => split(url).query;

/** `url` under the query `to` when it is signed with `from` (a segment of the same stream), else as is. */
export function resign(url: string, from: string, to: string): string {
  if (from === to) return url;
  const { path, query } = split(url);
  return query === from ? `${path}?${to}` : url;
}
