// `npm run lint:security`: Electronegativity over the app's sources (main, preload, shared, renderer); fails on
// a finding of medium severity or more that scripts/electronegativity-allow.json does not list with a reason,
// on a missing permission handler or a weak CSP at any severity, and on an allow-list entry nothing matches.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';

const ROOT = resolve(import.meta.dirname, '..');
export const ALLOW_LIST = join(ROOT, 'scripts', 'electronegativity-allow.json');

/** What the app ships, as sources: everything that runs in main, preload and the window. */
const SOURCES = ['electron', 'shared', 'renderer/src', 'renderer/index.html'];

/** The window's permissions and its CSP: what these checks find fails at any severity. */
const PERMISSIONS = 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK';
const CSP = 'CSP_GLOBAL_CHECK';

const SEVERITY = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 } as const;
type Severity = keyof typeof SEVERITY;

export interface Finding {
  check: string;
  severity: Severity;
  confidence: string;
  /** Relative to the scanned folder, with forward slashes ('N/A' for a global finding). */
  file: string;
  line: number;
  description: string;
  /** The tool asks for a person's review (a "may be weak" CSP) rather than stating a fault. */
  review: boolean;
}

const allowEntrySchema = z.strictObject({
  check: z.string().min(1),
  file: z.string().min(1),
  reason: z.string().trim().min(20, 'say why the finding is acceptable'),
});
export type AllowEntry = z.infer<typeof allowEntrySchema>;
const allowListSchema = z.array(allowEntrySchema);

const issueSchema = z.object({
  id: z.string(),
  file: z.string(),
  location: z.object({ line: z.number() }),
  severity: z.object({ name: z.enum(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH']) }),
  confidence: z.object({ name: z.string() }),
  description: z.string(),
  manualReview: z.boolean().optional(),
});
const reportSchema = z.object({
  atomicChecks: z.number(),
  globalChecks: z.number(),
  errors: z.array(z.object({ file: z.string(), message: z.string(), tolerable: z.boolean() })),
  issues: z.array(issueSchema),
});

type Runner = (options: Record<string, unknown>) => Promise<unknown>;

/**
 * Electronegativity's runner, made to work offline. Its start-up fetches updated translations from the network
 * (up to seconds without one): the package's own English messages are loaded instead, the same everywhere.
 */
function offlineRunner(): Runner {
  const require = createRequire(import.meta.url);
  const runnerPath = require.resolve('@doyensec/electronegativity/dist/runner.js');
  const fromTool = createRequire(runnerPath);
  const i18nPath = fromTool.resolve('./locales/i18n.js');
  const i18n = fromTool('i18n') as { configure(options: Record<string, unknown>): void };
  const configure = (): Promise<void> => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: dirname(i18nPath),
      updateFiles: false,
      objectNotation: true,
      register: globalThis,
    });
    return Promise.resolve();
  };
  const stub = new Module(i18nPath);
  stub.filename = i18nPath;
  stub.loaded = true;
  stub.exports = configure;
  fromTool.cache[i18nPath] = stub;
  return fromTool(runnerPath) as Runner;
}

/** The Electron version the app builds with (the installed package; its binary need not be there). */
function electronVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('electron/package.json') as { version: string }).version;
}

/** Runs Electronegativity over `folder` and gives its findings; a file it could not parse is an error. */
export async function scan(folder: string): Promise<Finding[]> {
  const run = offlineRunner();
  const report = reportSchema.parse(
    await run({
      input: folder,
      isRelative: true,
      electronVersionOverride: electronVersion(),
      // This check downloads Electron's release list; the version is pinned by package-lock.json instead.
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    }),
  );
  if (report.atomicChecks === 0 || report.globalChecks === 0)
    throw new Error('Electronegativity ran no checks.');
  const unreadable = report.errors.filter((error) => !error.tolerable);
  if (unreadable.length > 0) {
    throw new Error(unreadable.map((error) => `cannot parse ${error.file}: ${error.message}`).join('\n'));
  }
  return report.issues.map((issue) => ({
    check: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: issue.file.split('\\').join('/'),
    line: issue.location.line,
    description: issue.description,
    review: issue.manualReview === true,
  }));
}

export interface Verdict {
  /** Why the check fails, one line each; empty when it passes. */
  failures: string[];
  /** Findings accepted: below medium, or listed with a reason. */
  accepted: Finding[];
}

/**
 * Whether a finding can never be allow-listed: a missing permission handler, or a CSP that is missing or weak
 * for certain (a plain-http source, say). A CSP finding that asks for review may be listed with a reason.
 */
function neverAllowed(finding: Finding): boolean {
  return finding.check === PERMISSIONS || (finding.check === CSP && !finding.review);
}

/** Judges the findings against the reviewed allow-list. */
export function judge(findings: readonly Finding[], allowList: readonly AllowEntry[]): Verdict {
  const failures: string[] = [];
  const accepted: Finding[] = [];
  const used = new Set<AllowEntry>();
  for (const finding of findings) {
    const where = `${finding.check} (${finding.severity}) at ${finding.file}:${finding.line}: ${finding.description}`;
    if (neverAllowed(finding)) {
      failures.push(`${where} (never allowed: fix it)`);
      continue;
    }
    const entry = allowList.find((e) => e.check === finding.check && e.file === finding.file);
    if (entry !== undefined) {
      used.add(entry);
      accepted.push(finding);
    } else if (SEVERITY[finding.severity] >= SEVERITY.MEDIUM || finding.check === CSP) {
      failures.push(where);
    } else {
      accepted.push(finding);
    }
  }
  for (const entry of allowList) {
    if (entry.check === PERMISSIONS) failures.push(`allow-list: ${entry.check} cannot be allowed`);
    else if (!used.has(entry)) failures.push(`allow-list: nothing matches ${entry.check} in ${entry.file}`);
  }
  return { failures, accepted };
}

export async function readAllowList(file = ALLOW_LIST): Promise<AllowEntry[]> {
  return allowListSchema.parse(JSON.parse(await readFile(file, 'utf8')));
}

/** A copy of the app's sources (and only those) to scan: tests, scripts and the simulator are not shipped. */
async function stageSources(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'cloudcue-electronegativity-'));
  for (const source of SOURCES) await cp(join(ROOT, source), join(folder, source), { recursive: true });
  return folder;
}

async function main(): Promise<number> {
  const allowList = await readAllowList();
  const folder = await stageSources();
  let findings: Finding[];
  try {
    findings = await scan(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  const { failures, accepted } = judge(findings, allowList);
  for (const finding of accepted) {
    console.log(`electronegativity: accepted ${finding.check} (${finding.severity}) at ${finding.file}`);
  }
  if (failures.length === 0) {
    console.log(`electronegativity: ok (${findings.length} findings, none unreviewed)`);
    return 0;
  }
  for (const failure of failures) console.error(`electronegativity: ${failure}`);
  return 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
