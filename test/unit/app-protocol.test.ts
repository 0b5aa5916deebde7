// Covers electron/app-protocol.ts: app:// URLs resolved to files inside the built renderer only (every way of
// climbing out refused), the content types served, and the page sent under its policy (header and meta alike).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, contentTypeOf, createAppHandler, resolveAppFile } from '../../electron/app-protocol';
import { useTempFolder } from '../helpers/temp-folder';

const POLICY =
  "default-src 'self'; img-src 'self' https://*.sndcdn.com; connect-src 'self'; object-src 'none'";
const PAGE = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${POLICY}" /></head></html>`;

const folder = useTempFolder('cloudcue-app-protocol-');
let root: string;
let rendererDir: string;

beforeEach(async () => {
  root = folder();
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), PAGE);
  await writeFile(join(rendererDir, 'assets', 'index-1a2b.js'), 'console.log("app")');
  await writeFile(join(rendererDir, 'assets', 'index-1a2b.css'), 'body{}');
  await writeFile(join(rendererDir, 'icon.svg'), '<svg/>');
  await writeFile(join(rendererDir, '.env'), 'SECRET=1');
  await writeFile(join(rendererDir, 'notes.txt'), 'not served');
  // Beside the renderer: what a traversal would be after.
  await writeFile(join(root, 'secret.json'), '{"secret":true}');
  await mkdir(join(root, 'renderer-evil'), { recursive: true });
  await writeFile(join(root, 'renderer-evil', 'index.html'), 'evil');
});

describe('resolveAppFile', () => {
  // Each URL and the file it names inside the built renderer (a path within it), or null for one refused.
  it.each<[string, string | null]>([
    // The files of the built renderer; / is index.html.
    [APP_INDEX_URL, 'index.html'],
    ['app://cloudcue/', 'index.html'],
    ['app://cloudcue/assets/index-1a2b.js?v=1#x', 'assets/index-1a2b.js'],
    ['app://cloudcue/assets/a%20b.png', 'assets/a b.png'],
    // ../, literal or encoded as a whole segment, stays inside the folder (URL parsing folds both).
    ['app://cloudcue/../secret.json', 'secret.json'],
    ['app://cloudcue/assets/../../../secret.json', 'secret.json'],
    ['app://cloudcue/%2e%2e/secret.json', 'secret.json'],
    ['app://cloudcue/assets/%2E%2E/.%2e/secret.json', 'secret.json'],
    // Folded the same way, a sibling folder's name becomes a path inside the renderer, never the sibling.
    ['app://cloudcue/../renderer-evil/index.html', 'renderer-evil/index.html'],
    // Every other way of climbing out, hidden files, other hosts and schemes: refused.
    ['app://cloudcue/assets/%2e%2e%2f%2e%2e%2fsecret.json', null],
    ['app://cloudcue/..%2fsecret.json', null],
    ['app://cloudcue/..%5csecret.json', null],
    ['app://cloudcue/assets%5c..%5c..%5csecret.json', null],
    ['app://cloudcue/a\\..\\..\\secret.json', null],
    ['app://cloudcue//etc/passwd', null],
    ['app://cloudcue/%2fetc%2fpasswd', null],
    ['app://cloudcue/C:/Windows/win.ini', null],
    ['app://cloudcue/C%3a%5cWindows%5cwin.ini', null],
    ['app://cloudcue/.env', null],
    ['app://cloudcue/assets/%00.js', null],
    ['app://cloudcue/%E0%A4%A', null],
    ['app://other/index.html', null],
    ['app://user@cloudcue/index.html', null],
    ['file:///etc/passwd', null],
    ['https://cloudcue/index.html', null],
    ['not a url', null],
  ])('%s → %s', (url, file) => {
    expect(resolveAppFile(rendererDir, url)).toBe(
      file === null ? null : join(rendererDir, ...file.split('/')),
    );
  });
});

describe('contentTypeOf', () => {
  it('names the types a module script, a style sheet and the page need', () => {
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('assets/index-1a2b.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('assets/index-1a2b.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('icon.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('icon.png')).toBe('image/png');
  });

  it('serves no other kind of file', () => {
    for (const file of ['notes.txt', 'main.cjs', 'app.asar', 'Makefile', 'index.html.bak']) {
      expect(contentTypeOf(file)).toBeNull();
    }
  });
});

describe('the app:// handler', () => {
  const get = (url: string, options: Parameters<typeof createAppHandler>[0] = { rendererDir }) =>
    createAppHandler(options)(new Request(url));

  it('serves the page under its own policy, in the header and the meta tag alike', async () => {
    const response = await get(APP_INDEX_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(PAGE);
  });

  it('adds the loopback media origin to the media directives only, when it is given one', async () => {
    const response = await get(APP_INDEX_URL, { rendererDir, mediaOrigin: 'http://127.0.0.1:8123' });
    const widened =
      "default-src 'self'; img-src 'self' https://*.sndcdn.com http://127.0.0.1:8123; " +
      "connect-src 'self' http://127.0.0.1:8123; object-src 'none'";
    expect(response.headers.get('content-security-policy')).toBe(widened);
    expect(await response.text()).toContain(`content="${widened}"`);
  });

  it('refuses to serve a page that declares no policy', async () => {
    await writeFile(join(rendererDir, 'index.html'), '<html><body>bare</body></html>');
    const response = await get(APP_INDEX_URL);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('bare');
  });

  it('serves scripts and styles with their types', async () => {
    const script = await get('app://cloudcue/assets/index-1a2b.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBeNull();
    expect(await script.text()).toBe('console.log("app")');
    const style = await get('app://cloudcue/assets/index-1a2b.css');
    expect(await style.text()).toBe('body{}');
  });

  it.each([
    'app://cloudcue/%2e%2e/secret.json',
    'app://cloudcue/..%2fsecret.json',
    'app://cloudcue/.env',
    'app://cloudcue/notes.txt',
    'app://cloudcue/missing.js',
    'app://cloudcue/assets',
  ])('answers 404 for %s, without its content', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not found');
  });

  it('answers only GET and HEAD', async () => {
    const handler = createAppHandler({ rendererDir });
    const post = await handler(new Request(APP_INDEX_URL, { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    expect((await handler(new Request(APP_INDEX_URL, { method: 'HEAD' }))).status).toBe(200);
  });
});
