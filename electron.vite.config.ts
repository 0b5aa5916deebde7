// Builds main (ESM), preload (CommonJS, for a sandboxed window) and the renderer into out/.
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
    build: {
      outDir: 'out/renderer',
      minify: true,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
