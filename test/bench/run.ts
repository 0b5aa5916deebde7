// `npm run bench [-- --json <file>]`: runs every benchmark, prints each figure beside its bound, and
// exits non-zero when one is over.
import { parseArgs } from 'node:util';
import { formatFigure, withinBound, writeJson, type Figure } from './figures';
import { rendererFigures } from './renderer';
import { resolverFigures } from './resolver';

const { values } = parseArgs({ options: { json: { type: 'string' } } });

if ((globalThis as { gc?: unknown }).gc === undefined) {
  console.error('note: run with --expose-gc (as `npm run bench` does) for exact heap figures');
}

const figures: Figure[] = [];
for (const suite of [resolverFigures, rendererFigures]) {
  for (const figure of await suite()) {
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
