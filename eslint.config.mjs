// Lint rules, including the layering: renderer/ and shared/ never import Electron or Node; the renderer
// takes only types from the zod contract; the store's slices take only types from one another.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** What a runtime without Electron and Node may not import. */
const layeringRestrictions = (message) => ({
  paths: [
    { name: 'electron', message },
    ...nodeModules.filter((name) => !name.includes('/')).map((name) => ({ name, message })),
  ],
  patterns: [
    { group: ['node:*', ...nodeModules.filter((name) => name.includes('/'))], message },
    { group: ['**/electron/**', '!electron'], message: 'Main-process code stays in the main process.' },
  ],
});

const layering = (message) => ({ 'no-restricted-imports': ['error', layeringRestrictions(message)] });

const RENDERER_LAYERING =
  'The renderer never imports Electron or Node: go through window.cloudcue (src/api.ts).';
const SHARED_LAYERING = 'shared/ is imported by both runtimes: no Electron, no Node.';
const ZOD =
  'zod stays out of the renderer bundle: import values from shared/limits.ts, types from shared/ipc.ts.';

/** A zod-free runtime's restrictions; `more` adds patterns for some files (one rule config per file). */
const zodFree = (message, more = []) => {
  const { paths, patterns } = layeringRestrictions(message);
  return {
    // Off here: the typescript-eslint rule below has all of it, and can let type imports through.
    'no-restricted-imports': 'off',
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: [...paths, { name: 'zod', message: ZOD }],
        patterns: [
          ...patterns,
          { group: ['zod/*'], message: ZOD },
          { regex: '(^|/)(shared|\\.)/(ipc|contract-[a-z]+)$', allowTypeImports: true, message: ZOD },
          ...more,
        ],
      },
    ],
  };
};

const rendererRestrictions = (more = []) => zodFree(RENDERER_LAYERING, more);

/**
 * Every shared module but the IPC contract (ipc.ts and its contract-*.ts) is zod-free, so that the renderer may import values from any of
 * them and its bundle stays without zod.
 */
const ZOD_SHARED = ['shared/ipc.ts', 'shared/contract-*.ts'];

/**
 * The store's slices, combined once in store/index.ts: a value import from one slice into another (or
 * from the combined store) would be an import cycle. Shared logic goes in a pure module (order.ts…).
 */
const SLICES = ['queue-intake', 'queue-editing', 'playback', 'settings', 'status', 'related', 'window-mode'];
const sliceRestriction = {
  regex: `^\\./(${[...SLICES, 'index'].join('|')})$`,
  allowTypeImports: true,
  message: 'Slices take only types from each other: move what they share into a pure module.',
};

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/**', 'test/**', 'scripts/**', '*.config.ts', '*.config.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...rendererRestrictions(),
    },
  },
  {
    files: SLICES.map((slice) => `renderer/src/store/${slice}.ts`),
    rules: rendererRestrictions([sliceRestriction]),
  },
  {
    files: ['shared/**'],
    rules: layering(SHARED_LAYERING),
  },
  {
    files: ['shared/**'],
    ignores: ZOD_SHARED,
    rules: zodFree(SHARED_LAYERING),
  },
  prettier,
);
