// package.json's engines promise no Node.js that an installed package refuses: every version it allows is one
// that each package's own `engines.node` allows (Electron's installer and the test tools included).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/built-app';

interface LockEntry {
  engines?: { node?: unknown } | unknown[];
  optional?: boolean;
}

async function json<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(join(ROOT, file), 'utf8')) as T;
}

/** Each installed package's own Node.js range, as package-lock.json records it. */
async function dependencyRanges(): Promise<{ name: string; range: string }[]> {
  const lock = await json<{ packages: Record<string, LockEntry> }>('package-lock.json');
  return Object.entries(lock.packages).flatMap(([path, entry]) => {
    const engines = entry.engines;
    const node = engines !== undefined && !Array.isArray(engines) ? engines.node : undefined;
    // Optional packages for other platforms are skipped by npm where they do not fit; the rest must install.
    if (path === '' || typeof node !== 'string' || entry.optional === true) return [];
    return [{ name: path.replace(/^.*node_modules\//, ''), range: node }];
  });
}

/** The last version before `version` (22.13.0 → 22.12.999). */
function justBelow(version: string): string {
  const v = semver.parse(version);
  if (v === null) throw new Error(`not a version: ${version}`);
  if (v.patch > 0) return `${v.major}.${v.minor}.${v.patch - 1}`;
  if (v.minor > 0) return `${v.major}.${v.minor - 1}.999`;
  return `${v.major - 1}.999.999`;
}

describe("package.json's engines", () => {
  it('allow only Node.js versions that every installed package allows', async () => {
    const ours = (await json<{ engines: { node: string } }>('package.json')).engines.node;
    expect(semver.validRange(ours)).not.toBeNull();
    const ranges = await dependencyRanges();
    expect(ranges.map((entry) => entry.name)).toContain('electron');
    const refused = ranges.filter((entry) => !semver.subset(ours, entry.range));
    expect(refused).toEqual([]);
  });

  it('are as wide as the dependencies allow: the oldest version they name is one the packages all take', async () => {
    const ours = (await json<{ engines: { node: string } }>('package.json')).engines.node;
    const oldest = semver.minVersion(ours)?.version ?? '';
    const ranges = await dependencyRanges();
    expect(ranges.filter((entry) => !semver.satisfies(oldest, entry.range))).toEqual([]);
    // Just below it, some package refuses: the bound is the dependencies', not a guess.
    const below = justBelow(oldest);
    expect(ranges.filter((entry) => !semver.satisfies(below, entry.range)).length).toBeGreaterThan(0);
  });
});
