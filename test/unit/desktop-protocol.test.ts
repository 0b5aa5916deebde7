// Covers electron/desktop/protocol.ts: cloudcue:// registered for a packaged app, and for `electron .` with
// the app's absolute path; Electron's app fits the interface.
import { resolve } from 'node:path';
import type { App } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { registerProtocol, type ProtocolApp } from '../../electron/desktop/protocol';

function fakeApp(answer = true) {
  const calls: unknown[][] = [];
  const app: ProtocolApp = {
    setAsDefaultProtocolClient: (...args: unknown[]) => {
      calls.push(args);
      return answer;
    },
  };
  return { app, calls };
}

describe('registerProtocol', () => {
  it('Electron’s app fits the interface', () => {
    expectTypeOf<App>().toExtend<ProtocolApp>();
  });

  it('registers a packaged app as it is', () => {
    const { app, calls } = fakeApp();
    expect(
      registerProtocol(app, { execPath: '/opt/Cloudcue/cloudcue', argv: ['/opt/Cloudcue/cloudcue'] }),
    ).toBe(true);
    expect(calls).toEqual([['cloudcue']]);
  });

  it('in development, names Electron and the app’s absolute path, past Chromium’s switches', () => {
    const { app, calls } = fakeApp();
    const proc = {
      defaultApp: true,
      execPath: '/repo/electron',
      argv: ['/repo/electron', '--inspect', '.', 'x'],
    };
    expect(registerProtocol(app, proc)).toBe(true);
    expect(calls).toEqual([['cloudcue', '/repo/electron', [resolve('.')]]]);
  });

  it('says when the OS did not take it, or there is no app path to give', () => {
    const { app, calls } = fakeApp(false);
    expect(registerProtocol(app, { execPath: '/x', argv: ['/x'] })).toBe(false);
    expect(registerProtocol(app, { defaultApp: true, execPath: '/x', argv: ['/x', '--flag'] })).toBe(false);
    expect(calls).toHaveLength(1);
  });
});
