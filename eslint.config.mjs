// Lint rules, including the layering: renderer/ and shared/ never import Electron or Node.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const layering = (message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'electron', message },
        ...nodeModules.filter((name) => !name.includes('/')).map((name) => ({ name, message })),
      ],
      patterns: [
        { group: ['node:*', ...nodeModules.filter((name) => name.includes('/'))], message },
        { group: ['**/electron/**', '!electron'], message: 'Main-process code stays in the main process.' },
      ],
    },
  ],
});

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
      ...layering('The renderer never imports Electron or Node: go through window.cloudcue (src/api.ts).'),
    },
  },
  {
    files: ['shared/**'],
    rules: layering('shared/ is imported by both runtimes: no Electron, no Node.'),
  },
  prettier,
);
