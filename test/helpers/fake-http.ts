// A fake of the resolver's Http interface that answers from a route function and records every request,
// for provider tests that need answers the simulator does not give (or before it gives them).
import type { Http, HttpRequestInit, HttpResponse, JsonResponse } from '../../electron/soundcloud/http';
import { fail, statusError } from '../../electron/soundcloud/http';

export interface FakeAnswer {
  status?: number;
  /** Sent as the body, JSON-encoded. */
  json?: unknown;
  /** Sent as the body as it is (when `json` is absent). */
  text?: string;
  headers?: Record<string, string>;
}

/** Answers a request; may throw a SoundCloudError, as the real client does for a bot check. */
export type FakeRoute = (url: URL, init: HttpRequestInit) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
}

export interface FakeHttp {
  http: Http;
  requests: FakeRequest[];
  /** The requests whose path matches. */
  hits(path: string | RegExp): FakeRequest[];
}

export function fakeHttp(route: FakeRoute): FakeHttp {
  const requests: FakeRequest[] = [];

  async function request(href: string, init: HttpRequestInit = {}): Promise<HttpResponse> {
    const url = new URL(href);
    requests.push({ url, method: init.method ?? 'GET', headers: init.headers ?? {} });
    const answer = await route(url, init);
    const status = answer.status ?? 200;
    // The real client throws what it retries in vain: these fakes stand for the last attempt.
    if (status === 429) fail('RATE_LIMITED', undefined, 429);
    if (status >= 500) fail('SERVER', `SoundCloud answered ${status}. Try again later.`, status);
    const text = answer.json === undefined ? (answer.text ?? '') : JSON.stringify(answer.json);
    return { status, headers: new Headers(answer.headers ?? {}), url: href, text };
  }

  async function getJson(href: string, init?: HttpRequestInit): Promise<JsonResponse> {
    const response = await request(href, init);
    if (response.status < 200 || response.status >= 300) statusError(response.status);
    return {
      status: response.status,
      body: JSON.parse(response.text) as unknown,
      date: response.headers.get('date'),
      url: response.url,
    };
  }

  // Built apart, so the fake also carries what newer versions of the interface add (pauses, bounds).
  const http = {
    request,
    getJson,
    withinMs: <T>(_ms: number, work: () => Promise<T>): Promise<T> => work(),
    pause: () => null,
    onPause: () => () => undefined,
  };
  return {
    http,
    requests,
    hits: (path) =>
      requests.filter((r) =>
        typeof path === 'string' ? r.url.pathname === path : path.test(r.url.pathname),
      ),
  };
}

/** Answers as the route table says (keyed by pathname), else 404 `{}`. */
export function byPath(table: Record<string, FakeRoute | FakeAnswer>): FakeRoute {
  return (url, init) => {
    const entry = table[url.pathname];
    if (entry === undefined) return { status: 404, json: {} };
    return typeof entry === 'function' ? entry(url, init) : entry;
  };
}
