// Covers the page's Content-Security-Policy: the production one in renderer/index.html (what the build copies
// into the packaged app) has no loopback or plain-http source, and electron/csp.ts widens it by one loopback
// origin only, in the media directives only.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isLoopbackOrigin,
  pagePolicy,
  shippingPolicyProblem,
  withMediaSource,
  withPagePolicy,
} from '../../electron/csp';

const INDEX_HTML = join(import.meta.dirname, '../../renderer/index.html');

/** The policy's directives by name: `{'img-src': ["'self'", ...]}`. */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), sources);
  }
  return map;
}

describe('the production policy (renderer/index.html)', () => {
  it('allows no plain http and no loopback source', async () => {
    const html = await readFile(INDEX_HTML, 'utf8');
    const policy = pagePolicy(html);
    expect(policy).not.toBeNull();
    expect(policy).not.toMatch(/http:|ws:|127\.0\.0\.1|localhost|\[::1\]|\*:\*/i);
    // The check the build runs on the page it writes (electron.vite.config.ts) passes it.
    expect(shippingPolicyProblem(html)).toBeNull();
  });

  it.each([
    ['http://127.0.0.1:*', 'http://127.0.0.1:*'],
    ['http://localhost:*', 'http://localhost:*'],
    ['https://localhost:8443', 'https://localhost:8443'],
    ['wss://[::1]:9000', 'wss://[::1]:9000'],
    ['127.0.0.1:8123', '127.0.0.1:8123'],
    ['http:', 'http:'],
    ['http://cdn.example', 'http://cdn.example'],
    ['ws://cdn.example', 'ws://cdn.example'],
    ['*', '*'],
  ])('stops a build whose policy allows %s', async (source, named) => {
    const html = (await readFile(INDEX_HTML, 'utf8')).replace(
      "connect-src 'self'",
      `connect-src 'self' ${source}`,
    );
    expect(shippingPolicyProblem(html)).toBe(
      `The page's Content-Security-Policy allows ${named}: not in a build.`,
    );
  });

  it('stops a build whose page declares no policy', () => {
    expect(shippingPolicyProblem('<html><head></head></html>')).toBe(
      'The page declares no Content-Security-Policy.',
    );
  });

  it('runs only the app’s own scripts: no inline code, no eval, no plugins, no base or form targets', async () => {
    const policy = directives(pagePolicy(await readFile(INDEX_HTML, 'utf8')) ?? '');
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    for (const sources of policy.values()) {
      expect(sources.join(' ')).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|^\*$| \* /);
    }
  });

  it('reaches SoundCloud’s media over https only', async () => {
    const policy = directives(pagePolicy(await readFile(INDEX_HTML, 'utf8')) ?? '');
    for (const name of ['img-src', 'media-src', 'connect-src']) {
      const remote = (policy.get(name) ?? []).filter((source) => source.includes('.'));
      expect(remote.length).toBeGreaterThan(0);
      for (const source of remote) expect(source).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]+$/);
    }
  });
});

describe('widening the policy for a loopback stand-in', () => {
  const POLICY =
    "default-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; frame-src 'none'";

  it('adds the origin to img-src, media-src and connect-src, and to nothing else', () => {
    const widened = directives(withMediaSource(POLICY, 'http://127.0.0.1:8123'));
    expect(widened.get('img-src')).toEqual(["'self'", 'data:', 'http://127.0.0.1:8123']);
    expect(widened.get('media-src')).toEqual(["'self'", 'http://127.0.0.1:8123']);
    expect(widened.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:8123']);
    expect(widened.get('default-src')).toEqual(["'self'"]);
    expect(widened.get('frame-src')).toEqual(["'none'"]);
  });

  it.each(['http://localhost:5199', 'http://[::1]:4000', 'https://127.0.0.1:8443'])(
    'accepts %s',
    (origin) => {
      expect(isLoopbackOrigin(origin)).toBe(true);
      expect(withMediaSource(POLICY, origin)).toContain(`connect-src 'self' ${origin}`);
    },
  );

  it.each([
    'http://10.1.2.3:8123',
    'https://soundcloud.com',
    'http://127.0.0.1:8123/',
    'http://127.0.0.1:8123/path',
    'http://127.0.0.1.evil.com:80',
    'http://*:*',
    "http://127.0.0.1:1; script-src 'unsafe-inline'",
    'ws://127.0.0.1:8123',
    'not a url',
  ])('refuses %s', (origin) => {
    expect(isLoopbackOrigin(origin)).toBe(false);
    expect(() => withMediaSource(POLICY, origin)).toThrow(/Not a loopback origin/);
  });

  it('rewrites the meta tag’s policy and leaves the rest of the page as it was', () => {
    const page = `<head>\n<meta\n  http-equiv="Content-Security-Policy"\n  content="${POLICY}"\n/>\n<title>x</title></head>`;
    expect(pagePolicy(page)).toBe(POLICY);
    const rewritten = withPagePolicy(page, "default-src 'none'");
    expect(pagePolicy(rewritten)).toBe("default-src 'none'");
    expect(rewritten.replace("default-src 'none'", POLICY)).toBe(page);
    expect(pagePolicy('<head><title>x</title></head>')).toBeNull();
  });
});
