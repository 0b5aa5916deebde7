// The SoundCloud links a launch carries: in a command line (the app's, or a second instance's) and in
// cloudcue:// links. Pure: the only thing either ever yields is canonical SoundCloud links to add.
import { MAX_LINKS } from '../../shared/ipc';
import { parseLink, type FoundLink } from '../../shared/links';
import { oneLine } from './text';

export const SCHEME = 'cloudcue';
/** Longest cloudcue:// link read: a browser's whole address bar, encoded, fits many times over. */
export const MAX_DEEP_LINK_CHARS = 16_384;
/** Most `url` parameters one cloudcue:// link may carry. */
export const MAX_DEEP_LINK_URLS = 100;
/** Longest command-line argument looked at (a link is far shorter; a huge argument is not read). */
const MAX_ARG_CHARS = MAX_DEEP_LINK_CHARS;

export type DeepLinkAction = 'add' | 'play';

export type DeepLink = { ok: true; action: DeepLinkAction; links: string[] } | { ok: false; reason: string };

/** What a launch asks for: links to add, and whether the first of them plays at once. */
export interface LaunchLinks {
  links: string[];
  play: boolean;
  /** Why an argument that looked like a link was not taken, one sentence each (for the log). */
  refused: string[];
}

export const DEEP_LINK_REFUSALS = {
  tooLong: `A cloudcue:// link longer than ${MAX_DEEP_LINK_CHARS} characters is not opened.`,
  malformed: 'This cloudcue:// link is not valid.',
  scheme: 'Only cloudcue:// links are opened.',
  action: 'A cloudcue:// link can only add (cloudcue://add) or play (cloudcue://play) SoundCloud links.',
  parameter: 'A cloudcue:// link may only carry url= parameters.',
  noUrl: 'This cloudcue:// link names no SoundCloud link (url=…).',
  tooMany: `A cloudcue:// link may carry at most ${MAX_DEEP_LINK_URLS} links.`,
  notSoundCloud: 'A cloudcue:// link only opens SoundCloud links.',
} as const;

/** The link as the app takes it: canonical, with the start offset kept (the form `cloudcue links` prints). */
function canonical(found: FoundLink & { link: string }): string {
  return found.link + (found.startSeconds > 0 ? `#t=${found.startSeconds}` : '');
}

/** One link on its own (brackets and quotes allowed), canonical; or why it is not one to add. */
export function soundCloudLink(text: string): { link: string } | { reason: string } {
  const found = text.length > MAX_ARG_CHARS ? null : parseLink(text);
  if (found === null) return { reason: DEEP_LINK_REFUSALS.notSoundCloud };
  if (found.link === null) return { reason: found.refusal ?? DEEP_LINK_REFUSALS.notSoundCloud };
  return { link: canonical({ ...found, link: found.link }) };
}

/** What a refusal quotes: one line, short, so a log line stays a line. */
const quote = (text: string): string => oneLine(text.slice(0, 200), 80);

/**
 * Reads `cloudcue://add?url=<link>[&url=<link>…]` and `cloudcue://play?url=…` (a trailing `/` before the
 * query allowed, as some browsers write it). Anything else is refused with a reason: another action, user
 * names, ports, paths, fragments, parameters other than `url`, and any `url` that is not one SoundCloud
 * link the app can play (an encoded `#t=` belongs to the link and is kept). A web page can open these links, so they can add and play SoundCloud links and nothing more.
 */
export function parseDeepLink(input: string): DeepLink {
  if (input.length > MAX_DEEP_LINK_CHARS) return { ok: false, reason: DEEP_LINK_REFUSALS.tooLong };
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, reason: DEEP_LINK_REFUSALS.malformed };
  }
  if (url.protocol.toLowerCase() !== `${SCHEME}:`) return { ok: false, reason: DEEP_LINK_REFUSALS.scheme };
  if (url.username !== '' || url.password !== '' || url.port !== '' || url.hash !== '') {
    return { ok: false, reason: DEEP_LINK_REFUSALS.malformed };
  }
  const action = url.hostname.toLowerCase();
  if ((action !== 'add' && action !== 'play') || (url.pathname !== '' && url.pathname !== '/')) {
    return { ok: false, reason: DEEP_LINK_REFUSALS.action };
  }
  const params = [...url.searchParams];
  if (params.some(([name]) => name !== 'url')) return { ok: false, reason: DEEP_LINK_REFUSALS.parameter };
  if (params.length === 0) return { ok: false, reason: DEEP_LINK_REFUSALS.noUrl };
  if (params.length > MAX_DEEP_LINK_URLS) return { ok: false, reason: DEEP_LINK_REFUSALS.tooMany };
  const links: string[] = [];
  for (const [, value] of params) {
    const one = soundCloudLink(value);
    if ('reason' in one) return { ok: false, reason: `${one.reason} (${quote(value)})` };
    links.push(one.link);
  }
  return { ok: true, action, links };
}

/**
 * What an opened URL brings: macOS's open-url gives cloudcue:// links, and also the SoundCloud links dropped
 * on the dock icon (when the app is packaged to take URLs there).
 */
export function linksFromOpenedUrl(url: string): LaunchLinks {
  if (isDeepLink(url)) {
    const deep = parseDeepLink(url);
    return deep.ok
      ? { links: deep.links, play: deep.action === 'play', refused: [] }
      : { links: [], play: false, refused: [deep.reason] };
  }
  const one = soundCloudLink(url);
  return 'link' in one
    ? { links: [one.link], play: false, refused: [] }
    : { links: [], play: false, refused: [`${one.reason} (${quote(url)})`] };
}

/** True for an argument written as a cloudcue:// link (which parseDeepLink then checks). */
export function isDeepLink(arg: string): boolean {
  return arg.slice(0, SCHEME.length + 1).toLowerCase() === `${SCHEME}:`;
}

export interface ArgvShape {
  /**
   * Electron's `process.defaultApp`: started as `electron <app path> …` (development), so the first
   * argument after the executable that is not a switch is the app's path, not a link.
   */
  defaultApp: boolean;
}

/**
 * The links in a command line, as `process.argv` or the `argv` of `second-instance` gives it: the
 * executable first, then (in development) the app's path, then the arguments, among which Chromium and
 * the OS may put switches (`--allow-file-access-from-files`, `--original-process-start-time=…`, macOS's
 * `-psn_0_1234`). `--play` makes the first link play at once; a cloudcue://play link does too. Anything
 * else (switches, paths, other sites' links) is ignored; at most MAX_LINKS links are taken.
 */
export function parseLaunchArgs(argv: readonly string[], shape: ArgvShape): LaunchLinks {
  const { args, play } = commandLineArguments(argv, shape);
  const result: LaunchLinks = { links: [], play, refused: [] };
  for (const arg of args) {
    if (result.links.length >= MAX_LINKS) break;
    takeArgument(arg, result);
  }
  return result;
}

/**
 * The arguments of a command line that are neither the executable, the app's path nor switches, and
 * whether `--play` is among the switches. After `--` everything is an argument.
 */
export function commandLineArguments(
  argv: readonly string[],
  shape: ArgvShape,
): { args: string[]; play: boolean } {
  const args: string[] = [];
  let play = false;
  let appPathSkipped = !shape.defaultApp;
  let switchesEnded = false;
  for (const arg of argv.slice(1)) {
    if (!switchesEnded && arg === '--') switchesEnded = true;
    else if (!switchesEnded && arg.startsWith('-')) play ||= arg === '--play';
    else if (!appPathSkipped) appPathSkipped = true;
    else args.push(arg);
  }
  return { args, play };
}

function takeArgument(arg: string, into: LaunchLinks): void {
  if (isDeepLink(arg)) {
    const deep = parseDeepLink(arg);
    if (!deep.ok) {
      into.refused.push(deep.reason);
      return;
    }
    // A play link plays its own first link: only when no link came before it is that the first.
    if (deep.action === 'play' && into.links.length === 0) into.play = true;
    into.links.push(...deep.links.slice(0, MAX_LINKS - into.links.length));
    return;
  }
  const one = soundCloudLink(arg);
  if ('link' in one) into.links.push(one.link);
  // Only SoundCloud addresses are worth a line: a path or a word is simply not a link.
  else if (/soundcloud\./i.test(arg)) into.refused.push(`${one.reason} (${quote(arg)})`);
}

/** The CLI's own commands; any other command line is links for the app. */
const CLI_COMMANDS = new Set(['resolve', 'links', 'help', '--help', '-h']);

export type CommandLineRoute = { kind: 'cli' } | { kind: 'app'; launch: LaunchLinks } | { kind: 'usage' };

/**
 * What `cloudcue <args…>` from a terminal means: a CLI command (resolve, links: they work without the
 * app), links for the app (`cloudcue <link>…`, `cloudcue --play <link>`), or neither (usage).
 */
export function routeCommandLine(args: readonly string[]): CommandLineRoute {
  // A command may follow its options (`cloudcue --json resolve <link>`): any command word makes it the CLI's.
  if (args.length === 0 || args.some((arg) => CLI_COMMANDS.has(arg))) return { kind: 'cli' };
  // From a terminal every word must be a link: a mistyped command (`cloudcue play <link>`) starts nothing.
  const words = commandLineArguments(['cloudcue', ...args], { defaultApp: false }).args;
  if (!words.every((arg) => isDeepLink(arg) || /soundcloud\./i.test(arg))) return { kind: 'usage' };
  const launch = parseLaunchArgs(['cloudcue', ...args], { defaultApp: false });
  return launch.links.length > 0 ? { kind: 'app', launch } : { kind: 'usage' };
}
