// Reading a saved file's versioned JSON text: the version checked, and every older file brought up to the
// current version by its format's migrations. Pure; each format validates what comes out with its own schema.

/** A file's data as JSON gives it: what migrations take and return. */
export type FileData = Record<string, unknown>;

/** migrations[v] turns a file of version v into version v + 1. */
export type Migrations = Readonly<Record<number, (data: FileData) => FileData>>;

export interface VersionedFormat {
  /** The version this build writes; a file of a later one is refused as newer, never guessed at. */
  current: number;
  /** The oldest version there is: a file without a `version` field counts as version 0. */
  first: number;
  migrations: Migrations;
}

/** What a file's text holds: data at the current version (`source` as it was on disk), or why it cannot be used. */
export type VersionedRead =
  | { kind: 'ok'; data: FileData; source: FileData; fromVersion: number }
  | { kind: 'newer'; version: number }
  | { kind: 'bad'; reason: unknown };

/** Parses the text and migrates it to `format.current`. Never throws. */
export function readVersioned(text: string, format: VersionedFormat): VersionedRead {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: 'bad', reason: error };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { kind: 'bad', reason: new Error('not a JSON object') };
  }
  const source = parsed as FileData;
  const version = format.first === 0 ? (source['version'] ?? 0) : source['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < format.first) {
    return { kind: 'bad', reason: new Error(`unknown version ${JSON.stringify(version)}`) };
  }
  if (version > format.current) return { kind: 'newer', version };
  let data = source;
  try {
    for (let from = version; from < format.current; from++) {
      const step = format.migrations[from];
      if (step === undefined) throw new Error(`no migration from version ${from}`);
      data = step(data);
    }
  } catch (error) {
    return { kind: 'bad', reason: error };
  }
  return { kind: 'ok', data, source, fromVersion: version };
}
