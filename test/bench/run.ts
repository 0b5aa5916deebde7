// `npm run bench [-- --suite <name>] [-- --json <file>]`: runs the benchmarks (every suite, or the named
// ones), prints each figure beside its bound, and exits non-zero when one is over.
import { parseArgs } from 'node:util';
import { audioFigures } from './audio';
import { formatFigure, withinBound, writeJson, type Figure } from './figures';
import { playbackFigures } from './playback';
import { rendererFigures } from './renderer';
import { playlistFigures } from './renderer-playlists';
import { resolverFigures } from './resolver';

const { values } = parseArgs({
  options: { json: { type: 'string' }, suite: { type: 'string', multiple: true } },
});
const suites = {
  resolver: resolverFigures,
  renderer: rendererFigures,
  playlists: playlistFigures,
  playback: playbackFigures,
  audio: audioFigures,
};
const chosen = values.suite ?? Object.keys(suites);
const unknown = chosen.filter((name) => !(name in suites));
if (unknown.length > 0) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; the suites are ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}

if ((globalThis as { gc?: unknown }).gc === undefined) {
  console.error('note: run with --expose-gc (as `npm run bench` does) for exact heap figures');
}

const figures: Figure[] = [];
for (const name of chosen) {
  for (const figure of await suites[name as keyof typeof suites]()) {
    figures.push(figure);
    console.log(formatFigure(figure));
  }
}
if (values.json !== undefined) await writeJson(values.json, figures);
const over = figures.filter((f) => !withinBound(f));
if (over.length > 0) {
  console.error(`${over.length} figure(s) over their bound: ${over.map((f) => f.name).join(', ')}`);
  process.exitCode = 1;
}
