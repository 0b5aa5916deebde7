// Covers the official API's token store (electron/soundcloud/oauth.ts) against the simulator's OAuth endpoint.
import { afterEach, describe, expect, it } from 'vitest';
import { createHttp, type Http } from '../../electron/soundcloud/http';
import {
  MISSING_CREDENTIALS,
  REFUSED_CREDENTIALS,
  createTokenStore,
  type ClientCredentials,
  type TokenStore,
} from '../../electron/soundcloud/oauth';
import { LASTING_FAULTS, TRANSIENT_FAULTS } from '../helpers/faults';
import { useSimulator } from '../helpers/simulator';
import { failure } from '../helpers/errors';

/** One POST to the token endpoint as it left the client. */
interface TokenCall {
  authorization: string | null;
  contentType: string | null;
  form: URLSearchParams;
  /** The answer's refresh token, when it carried one. */
  issuedRefreshToken: string | null;
}

/** A fetch that passes everything through and records the token requests (even failed ones) and answers. */
function recordingFetch(calls: TokenCall[]): typeof fetch {
  return async (input, init) => {
    if (!String(input).includes('/secure.soundcloud.com/oauth/token')) return fetch(input, init);
    const headers = new Headers(init?.headers);
    const call: TokenCall = {
      authorization: headers.get('authorization'),
      contentType: headers.get('content-type'),
      form: new URLSearchParams(typeof init?.body === 'string' ? init.body : ''),
      issuedRefreshToken: null,
    };
    calls.push(call);
    const response = await fetch(input, init);
    try {
      const body = JSON.parse(await response.clone().text()) as { refresh_token?: string };
      call.issuedRefreshToken = body.refresh_token ?? null;
    } catch {
      // A fault cut the answer short: nothing was issued that the client could read.
    }
    return response;
  };
}

describe('createTokenStore against the simulator', () => {
  const sim = useSimulator();
  let calls: TokenCall[];
  let http: Http;
  /** The store's clock: moved by hand, so expiry is tested without waiting. */
  let clock: number;

  afterEach(() => {
    sim.clearFaults();
    sim.configure({ tokenTtlSeconds: 3599 });
  });

  function freshStore(credentials: () => ClientCredentials | null = () => sim.officialApp): TokenStore {
    calls = [];
    clock = Date.now();
    http = createHttp({
      origin: sim.origin,
      backoffBaseMs: 1,
      backoffMaxMs: 5,
      connectTimeoutMs: 300,
      waitBoundMs: 2_000,
      // A bot check pauses its route for a moment only, so each test starts clear.
      challengeBaseMs: 1,
      challengeMaxMs: 2,
      fetch: recordingFetch(calls),
    });
    return createTokenStore({ http, credentials, now: () => clock });
  }

  function tokenPosts(since: number): number {
    return sim.requests
      .slice(since)
      .filter((r) => r.host === 'secure.soundcloud.com' && r.path === '/oauth/token' && r.method === 'POST')
      .length;
  }

  /** True when the API accepts the token. */
  async function accepted(token: string): Promise<boolean> {
    const response = await http.request('https://api.soundcloud.com/users/1', {
      headers: { authorization: `OAuth ${token}` },
    });
    return response.status !== 401;
  }

  it('shares one token request among many concurrent callers, and caches the token', async () => {
    const store = freshStore();
    const start = sim.requests.length;
    const tokens = await Promise.all(Array.from({ length: 25 }, () => store.token()));
    expect(new Set(tokens).size).toBe(1);
    expect(await store.token()).toBe(tokens[0]);
    expect(tokenPosts(start)).toBe(1);
    expect(await accepted(tokens[0] ?? '')).toBe(true);
  });

  it('asks with the client credentials grant, Basic authorization and a form body', async () => {
    const store = freshStore();
    await store.token();
    const [call] = calls;
    const basic = Buffer.from(`${sim.officialApp.clientId}:${sim.officialApp.clientSecret}`).toString(
      'base64',
    );
    expect(call?.authorization).toBe(`Basic ${basic}`);
    expect(call?.contentType).toBe('application/x-www-form-urlencoded');
    expect(call?.form.toString()).toBe('grant_type=client_credentials');
  });

  it('refreshes an expiring token with the newest refresh token, never one twice', async () => {
    sim.configure({ tokenTtlSeconds: 2 });
    const store = freshStore();
    const first = await store.token();
    clock += 1_500;
    expect(await store.token()).toBe(first);
    const seen: string[] = [];
    let previous = first;
    for (let round = 0; round < 3; round++) {
      clock += 2_000;
      const next = await store.token();
      expect(next).not.toBe(previous);
      expect(await accepted(next)).toBe(true);
      previous = next;
    }
    const refreshes = calls.filter((c) => c.form.get('grant_type') === 'refresh_token');
    expect(refreshes).toHaveLength(3);
    refreshes.forEach((call, index) => {
      // Each refresh spends the token the previous answer issued.
      expect(call.form.get('refresh_token')).toBe(calls[index]?.issuedRefreshToken);
      expect(call.form.get('client_id')).toBe(sim.officialApp.clientId);
      expect(call.form.get('client_secret')).toBe(sim.officialApp.clientSecret);
      seen.push(call.form.get('refresh_token') ?? '');
    });
    expect(new Set(seen).size).toBe(3);
  });

  it('refreshes after the API refused the current token (invalidate)', async () => {
    const store = freshStore();
    const first = await store.token();
    store.invalidate(first);
    const second = await store.token();
    expect(second).not.toBe(first);
    expect(calls.map((c) => c.form.get('grant_type'))).toEqual(['client_credentials', 'refresh_token']);
  });

  it('ignores invalidate for a token that is no longer current', async () => {
    const store = freshStore();
    const first = await store.token();
    store.invalidate(first);
    const second = await store.token();
    store.invalidate(first);
    expect(await store.token()).toBe(second);
    expect(calls).toHaveLength(2);
  });

  it('falls back to the client credentials when the refresh token is refused (invalid_grant)', async () => {
    const store = freshStore();
    const first = await store.token();
    // Someone else spends the refresh token first, as a second app instance or a lost answer would.
    const stolen = calls[0]?.issuedRefreshToken ?? '';
    const spent = await http.request('https://secure.soundcloud.com/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: stolen,
        client_id: sim.officialApp.clientId,
        client_secret: sim.officialApp.clientSecret,
      }).toString(),
    });
    expect(spent.status).toBe(200);
    store.invalidate(first);
    const second = await store.token();
    expect(await accepted(second)).toBe(true);
    const grants = calls.map((c) => c.form.get('grant_type'));
    expect(grants).toEqual(['client_credentials', 'refresh_token', 'refresh_token', 'client_credentials']);
  });

  it('never sends a refresh token twice, even when the request that spent it failed', async () => {
    const store = freshStore();
    store.invalidate(await store.token());
    sim.addFault({ route: 'secure.soundcloud.com/*', kind: 'reset' });
    expect((await failure(store.token())).code).toBe('NETWORK');
    sim.clearFaults();
    expect(await accepted(await store.token())).toBe(true);
    const sentRefreshTokens = calls.flatMap((c) => c.form.getAll('refresh_token'));
    expect(sentRefreshTokens).toHaveLength(1);
    expect(calls.at(-1)?.form.get('grant_type')).toBe('client_credentials');
  });

  it('asks for new credentials in Settings when there are none, without a request', async () => {
    for (const credentials of [null, { clientId: '', clientSecret: '' }]) {
      const store = freshStore(() => credentials);
      const start = sim.requests.length;
      const error = await failure(store.token());
      expect(error.code).toBe('UNAUTHORIZED');
      expect(error.message).toBe(MISSING_CREDENTIALS);
      expect(tokenPosts(start)).toBe(0);
    }
  });

  it('reports refused credentials, and does not ask again with the same ones for a while', async () => {
    let credentials: ClientCredentials = { clientId: sim.officialApp.clientId, clientSecret: 'wrong' };
    const store = freshStore(() => credentials);
    const start = sim.requests.length;
    for (let i = 0; i < 3; i++) {
      const error = await failure(store.token());
      expect(error.code).toBe('UNAUTHORIZED');
      expect(error.message).toBe(REFUSED_CREDENTIALS);
    }
    expect(tokenPosts(start)).toBe(1);
    clock += 61_000;
    expect((await failure(store.token())).message).toBe(REFUSED_CREDENTIALS);
    expect(tokenPosts(start)).toBe(2);
    // Corrected in Settings: taken at once.
    credentials = sim.officialApp;
    expect(await accepted(await store.token())).toBe(true);
  });

  it('fetches a new token when the credentials change', async () => {
    let credentials: ClientCredentials = sim.officialApp;
    const store = freshStore(() => credentials);
    const first = await store.token();
    credentials = { ...sim.officialApp };
    expect(await store.token()).toBe(first);
    credentials = { clientId: 'someone-else', clientSecret: 'other' };
    expect((await failure(store.token())).message).toBe(REFUSED_CREDENTIALS);
  });

  it.each(TRANSIENT_FAULTS)('recovers from one %s on the token endpoint', async (kind) => {
    const store = freshStore();
    sim.addFault({ route: 'secure.soundcloud.com/*', kind, count: 1, retryAfter: 0 });
    expect(await accepted(await store.token())).toBe(true);
  });

  it.each(TRANSIENT_FAULTS)(
    'recovers from one %s on a refresh by falling back to a new grant',
    async (kind) => {
      const store = freshStore();
      store.invalidate(await store.token());
      sim.addFault({ route: 'secure.soundcloud.com/*', kind, count: 1, retryAfter: 0 });
      expect(await accepted(await store.token())).toBe(true);
    },
  );

  it.each(LASTING_FAULTS)('answers %s on every token request with %s', async (kind, code, extra) => {
    const store = freshStore();
    sim.addFault({ route: 'secure.soundcloud.com/*', kind, ...extra });
    expect((await failure(store.token())).code).toBe(code);
    sim.clearFaults();
    if (kind === '429-retry-after') {
      // The 30 s asked for are honoured: the next call is refused at once, without a request.
      const before = tokenPosts(0);
      expect((await failure(store.token())).code).toBe('RATE_LIMITED');
      expect(tokenPosts(0)).toBe(before);
      return;
    }
    // Nothing is left stuck once the bot check's (here brief) pause is over: the next call succeeds.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await accepted(await store.token())).toBe(true);
  });
});
