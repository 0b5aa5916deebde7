// electron-updater's own GitHub provider reads a release feed served on loopback (the Atom list, the latest
// release's tag and its latest-linux.yml, as GitHub serves them), and the update policy around it offers the
// newer version and downloads nothing before the user says yes.
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, request, type ClientRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metadata } from 'app-builder-lib';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { getRepositoryInfo } from 'app-builder-lib/out/util/repositoryInfo.js';
import { HttpExecutor, type GithubOptions, type UpdateInfo } from 'builder-util-runtime';
import { GitHubProvider } from 'electron-updater/out/providers/GitHubProvider.js';
import type { AppUpdater } from 'electron-updater';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUpdates, type UpdateQuestion } from '../../electron/updates';
import { ROOT } from '../helpers/built-app';

const OWNER = 'cloudcue';
const REPO = 'cloudcue';

/**
 * electron-updater's executor speaks through Electron's net; outside Electron, Node's http does the same job
 * (a fresh connection each time, as the executor adds its timeout handlers to every request's socket).
 */
class NodeExecutor extends HttpExecutor<ClientRequest> {
  override createRequest(options: object, callback: (response: IncomingMessage) => void): ClientRequest {
    return request({ ...options, agent: false }, callback);
  }
}

function releaseFeed(tag: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry>
    <link rel="alternate" type="text/html" href="https://github.com/${OWNER}/${REPO}/releases/tag/${tag}"/>
    <title>Cloudcue ${tag}</title>
    <content type="html">Faster starts.</content>
  </entry>
</feed>`;
}

function latestLinuxYml(version: string): string {
  return [
    `version: ${version}`,
    'files:',
    `  - url: Cloudcue-${version}.AppImage`,
    `    sha512: ${'A'.repeat(86)}==`,
    '    size: 104857600',
    `path: Cloudcue-${version}.AppImage`,
    `sha512: ${'A'.repeat(86)}==`,
    "releaseDate: '2026-11-30T12:00:00.000Z'",
    '',
  ].join('\n');
}

let server: Server;
let host: string;
let published = '0.2.0';
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requested.push(path);
    const tag = `v${published}`;
    if (path === `/${OWNER}/${REPO}/releases.atom`) res.end(releaseFeed(tag));
    // A host other than github.com is asked through the Enterprise-style API path.
    else if (path === `/api/v3/repos/${OWNER}/${REPO}/releases/latest`)
      res.end(JSON.stringify({ tag_name: tag }));
    else if (path === `/${OWNER}/${REPO}/releases/download/${tag}/latest-linux.yml`)
      res.end(latestLinuxYml(published));
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

/** The real provider, pointed at the loopback feed, for an app at `currentVersion`. */
function provider(currentVersion: string): GitHubProvider {
  const options: GithubOptions = { provider: 'github', owner: OWNER, repo: REPO, host, protocol: 'http' };
  const updater = { currentVersion, channel: null, allowPrerelease: false, fullChangelog: false };
  return new GitHubProvider(options, updater as unknown as AppUpdater, {
    platform: 'linux',
    executor: new NodeExecutor() as never,
    isUseMultipleRangeRequest: false,
  });
}

/** autoUpdater's shape, its check answered by the real provider and its download and install recorded. */
function updaterOn(currentVersion: string) {
  const feed = provider(currentVersion);
  return {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    checkForUpdates: async () => ({ updateInfo: (await feed.getLatestVersion()) as UpdateInfo }),
    downloadUpdate: vi.fn(() => Promise.resolve([])),
    quitAndInstall: vi.fn(),
  };
}

describe('the GitHub release feed, read by electron-updater', () => {
  it('finds the latest release and its Linux file', async () => {
    published = '0.2.0';
    requested.length = 0;
    const info = await provider('0.1.0').getLatestVersion();
    expect(info.version).toBe('0.2.0');
    expect(info.releaseName).toBe('Cloudcue v0.2.0');
    expect(info.files.map((file) => file.url)).toEqual(['Cloudcue-0.2.0.AppImage']);
    expect(requested).toContain(`/${OWNER}/${REPO}/releases/download/v0.2.0/latest-linux.yml`);
  });
});

describe('the policy around the real feed', () => {
  const run = async (currentVersion: string, answers: boolean[]) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cloudcue-updates-'));
    const updater = updaterOn(currentVersion);
    const questions: UpdateQuestion[] = [];
    const ask = vi.fn((question: UpdateQuestion) => {
      questions.push(question);
      // The download must not have started while the first question is open.
      if (question.step === 'download') expect(updater.downloadUpdate).not.toHaveBeenCalled();
      return Promise.resolve(answers.shift() ?? false);
    });
    const updates = createUpdates({
      updater,
      packaged: true,
      currentVersion,
      settings: () => ({ checkForUpdates: true }),
      ask,
      dataDir,
      log: () => {},
    });
    const outcome = await updates.checkIfDue();
    await rm(dataDir, { recursive: true });
    return { outcome, questions, updater };
  };

  it('asks before downloading a newer version, and downloads nothing on "no"', async () => {
    published = '0.2.0';
    const { outcome, questions, updater } = await run('0.1.0', [false]);
    expect(outcome).toBe('declined');
    expect(questions).toEqual([{ step: 'download', version: '0.2.0', currentVersion: '0.1.0' }]);
    expect(updater.autoDownload).toBe(false);
    expect(updater.downloadUpdate).not.toHaveBeenCalled();
  });

  it('downloads on "yes", and installs only on a second "yes"', async () => {
    published = '0.2.0';
    const later = await run('0.1.0', [true, false]);
    expect(later.outcome).toBe('downloaded');
    expect(later.updater.autoInstallOnAppQuit).toBe(false);
    expect(later.updater.quitAndInstall).not.toHaveBeenCalled();
    const now = await run('0.1.0', [true, true]);
    expect(now.outcome).toBe('installing');
    expect(now.questions.map((q) => q.step)).toEqual(['download', 'install']);
    expect(now.updater.quitAndInstall).toHaveBeenCalledOnce();
  });

  it('asks nothing when the published version is not newer (same, or older)', async () => {
    for (const [current, release] of [
      ['0.2.0', '0.2.0'],
      ['0.10.0', '0.9.0'],
    ] as const) {
      published = release;
      const { outcome, questions } = await run(current, [true]);
      expect(outcome).toBe('up-to-date');
      expect(questions).toEqual([]);
    }
  });
});

describe('where the packaged app looks for releases', () => {
  it('publishes to GitHub under the repository package.json names, with no owner written twice', async () => {
    const config = await getConfig(ROOT, null, null);
    expect([config.publish].flat()).toEqual([{ provider: 'github', releaseType: 'release' }]);
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Metadata;
    const repository = await getRepositoryInfo(ROOT, pkg);
    expect([repository?.user, repository?.project]).toEqual([OWNER, REPO]);
  });
});
