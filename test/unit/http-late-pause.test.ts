// A request that got its slot before a bot check paused its route, but had not left yet when the check was
// read, does not go out into the pause: it is asked again just before it is sent.
import { expect, it } from 'vitest';
import type { CookieStore } from '../../electron/soundcloud/browser';
import { createHttp } from '../../electron/soundcloud/http';
import { codeOf } from '../helpers/errors';

it('does not send a request into a bot check pause that began while its headers were made', async () => {
  const sent: string[] = [];
  let openGate = (): void => undefined;
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  const fetchFake = (async (input: string | URL | Request) => {
    const url = String(input);
    sent.push(url);
    if (url.includes('first')) {
      const captcha = { url: 'https://geo.captcha-delivery.com/captcha/?initialCid=x' };
      return new Response(JSON.stringify(captcha), {
        status: 403,
        headers: { 'content-type': 'application/json' },
      });
    }
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  // The second request's cookies are looked up slowly: until the first one's bot check has been read.
  const cookies: CookieStore = {
    header: async (url) => {
      if (url.includes('second')) await gate;
      return null;
    },
    keep: () => Promise.resolve(),
    has: () => Promise.resolve(true),
    forget: () => {
      openGate();
      return Promise.resolve();
    },
  };
  const http = createHttp({ origin: null, fetch: fetchFake, cookies });
  const first = codeOf(http.request('https://api-v2.soundcloud.com/resolve?url=first'));
  const second = codeOf(http.request('https://api-v2.soundcloud.com/resolve?url=second'));
  expect(await first).toBe('CHALLENGED');
  expect(await second).toBe('CHALLENGED');
  expect(sent).toEqual(['https://api-v2.soundcloud.com/resolve?url=first']);
});
