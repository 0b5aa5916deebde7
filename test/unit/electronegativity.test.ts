// Covers scripts/electronegativity.ts: the real tool over small apps of the test's own finds what it must (and
// the judgement fails on it), and the judgement of findings against the reviewed allow-list.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, readAllowList, scan, type AllowEntry, type Finding } from '../../scripts/electronegativity';
import { useTempFolder } from '../helpers/temp-folder';

const folder = useTempFolder('cloudcue-electronegativity-');

/** A one-window app: its main file and its page, written into a fresh folder. */
async function app(main: string, page: string): Promise<string> {
  const root = folder();
  await mkdir(join(root, 'electron'), { recursive: true });
  await writeFile(join(root, 'electron', 'main.ts'), main);
  await writeFile(join(root, 'index.html'), page);
  return root;
}

const pageWith = (policy: string): string =>
  `<html><head><meta http-equiv="Content-Security-Policy" content="${policy}" /></head><body></body></html>`;

const STRICT = "default-src 'none'; script-src 'sha256-AAAA'; object-src 'none'; base-uri 'none'";

const finding = (check: string, severity: Finding['severity'], file = 'electron/main.ts'): Finding => ({
  check,
  severity,
  confidence: 'FIRM',
  file,
  line: 1,
  description: 'd',
  review: false,
});

describe('the scan (Electronegativity itself, offline)', () => {
  it('finds isolation off, a missing permission handler and a plain-http CSP, and the judgement fails', async () => {
    const root = await app(
      `import { BrowserWindow } from 'electron';
new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });
`,
      pageWith("default-src 'self'; connect-src 'self' http://127.0.0.1:*"),
    );
    const findings = await scan(root);
    const checks = findings.map((f) => f.check);
    expect(checks).toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(checks).toContain('SANDBOX_JS_CHECK');
    expect(checks).toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK');
    expect(findings.find((f) => f.check === 'CSP_GLOBAL_CHECK')).toMatchObject({
      file: 'index.html',
      review: false,
    });
    const { failures } = judge(findings, []);
    expect(failures.join('\n')).toMatch(/CONTEXT_ISOLATION_JS_CHECK \(HIGH\) at electron\/main\.ts:2/);
    expect(failures.join('\n')).toMatch(/PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK.*never allowed/);
    expect(failures.join('\n')).toMatch(/CSP_GLOBAL_CHECK.*never allowed/);
  }, 120_000);

  it('finds neither a permission nor a CSP fault in an app that denies permissions under a strict policy', async () => {
    const root = await app(
      `import { BrowserWindow, session } from 'electron';
session.defaultSession.setPermissionRequestHandler((_c, _p, callback) => callback(false));
new BrowserWindow({ webPreferences: { contextIsolation: true, sandbox: true, disableBlinkFeatures: 'Auxclick' } });
`,
      pageWith(STRICT),
    );
    const checks = (await scan(root)).map((f) => f.check);
    expect(checks).not.toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK');
    expect(checks).not.toContain('CSP_GLOBAL_CHECK');
    expect(checks).not.toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(checks).not.toContain('SANDBOX_JS_CHECK');
  }, 120_000);
});

describe('the judgement', () => {
  const entry = (check: string, file = 'electron/main.ts'): AllowEntry => ({
    check,
    file,
    reason: 'reviewed: the call is guarded by a tested policy function',
  });

  it('passes low findings and listed ones; fails an unlisted medium or high one', () => {
    const findings = [
      finding('PRELOAD_JS_CHECK', 'MEDIUM'),
      finding('SANDBOX_JS_CHECK', 'LOW'),
      finding('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM'),
      finding('NODE_INTEGRATION_JS_CHECK', 'HIGH'),
    ];
    const { failures, accepted } = judge(findings, [entry('PRELOAD_JS_CHECK')]);
    expect(accepted.map((f) => f.check)).toEqual(['PRELOAD_JS_CHECK', 'SANDBOX_JS_CHECK']);
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatch(/^OPEN_EXTERNAL_JS_CHECK \(MEDIUM\) at electron\/main\.ts:1/);
    expect(failures[1]).toMatch(/^NODE_INTEGRATION_JS_CHECK \(HIGH\)/);
  });

  it('matches an entry by check and file both', () => {
    const { failures } = judge(
      [finding('PRELOAD_JS_CHECK', 'MEDIUM', 'electron/other.ts')],
      [entry('PRELOAD_JS_CHECK')],
    );
    expect(failures.join('\n')).toMatch(/PRELOAD_JS_CHECK \(MEDIUM\) at electron\/other\.ts/);
    expect(failures.join('\n')).toMatch(/nothing matches PRELOAD_JS_CHECK in electron\/main\.ts/);
  });

  it('never lets the permission handler or a definite CSP weakness pass, listed or low', () => {
    const findings = [
      finding('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'LOW', 'N/A'),
      finding('CSP_GLOBAL_CHECK', 'LOW', 'renderer/index.html'),
    ];
    const allowList = [
      entry('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'N/A'),
      entry('CSP_GLOBAL_CHECK', 'renderer/index.html'),
    ];
    const { failures, accepted } = judge(findings, allowList);
    expect(accepted).toEqual([]);
    expect(failures.filter((f) => f.includes('never allowed'))).toHaveLength(2);
    expect(failures).toContain('allow-list: PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK cannot be allowed');
  });

  it('asks a listed reason for a CSP finding that calls for review, even a low one', () => {
    const review = { ...finding('CSP_GLOBAL_CHECK', 'LOW', 'renderer/index.html'), review: true };
    expect(judge([review], []).failures).toHaveLength(1);
    expect(judge([review], [entry('CSP_GLOBAL_CHECK', 'renderer/index.html')])).toEqual({
      failures: [],
      accepted: [review],
    });
  });

  it('reads the reviewed allow-list: each entry names a check and a file, with a reason', async () => {
    const allowList = await readAllowList();
    expect(allowList.length).toBeGreaterThan(0);
    for (const { check, file, reason } of allowList) {
      expect(check).toMatch(/^[A-Z_]+_CHECK$/);
      expect(file).not.toMatch(/^\/|\\/);
      expect(reason.length).toBeGreaterThanOrEqual(20);
    }
  });
});
