// axe-core run in the app's page: the serious and critical accessibility violations the page has as it is.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
/** axe's source, read once for every page of the run. */
let axeSource: Promise<string> | undefined;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The serious and critical violations axe finds in the page as it is, each as "rule (help): where". */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through DevTools rather than a <script>, which the page's CSP (script-src 'self') would refuse.
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate(await axeSource);
  const found = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })
      .then((r) => r.violations)`)) as Violation[];
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
