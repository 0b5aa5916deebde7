// Builds main (ESM), preload (CommonJS, for a sandboxed window) and the renderer into out/.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { shippingPolicyProblem } from './electron/csp';

/** A built page must carry the strict policy: a loopback, plain-http or missing one fails the build. */
function strictPolicy(): Plugin {
  return {
    name: 'cloudcue-strict-policy',
    apply: 'build',
    transformIndexHtml(html) {
      const problem = shippingPolicyProblem(html);
      if (problem !== null) throw new Error(problem);
      return html;
    },
  };
}

/** The About dialog's facts, read from package.json at build time (the renderer never reads files). */
function aboutFacts(): { version: string; license: string; homepage: string } {
  const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as Record<string, unknown>;
  const text = (key: string): string => (typeof pkg[key] === 'string' ? pkg[key] : '');
  return { version: text('version'), license: text('license'), homepage: text('homepage') };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        // The CLI is built beside main: the same resolver, headless (`npx cloudcue`).
        input: { main: resolve('electron/main.ts'), cli: resolve('electron/cli.ts') },
        output: { banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : '') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require node_modules: bundle everything it uses.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: resolve('electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), strictPolicy()],
    define: { __CLOUDCUE_ABOUT__: JSON.stringify(aboutFacts()) },
    build: {
      outDir: 'out/renderer',
      minify: true,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
