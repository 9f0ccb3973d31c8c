// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'stream',
  'util',
  'url',
  'worker_threads',
];

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'resources/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    // import-x must resolve our extensionless TypeScript imports to see which zone they reach.
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.mjs', '.js'] })],
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      'import-x/no-cycle': 'off',
      // Process boundaries: the renderer never reaches into main; the contract reaches into neither.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './renderer', from: './main', message: 'The renderer talks to main only through the bridge.' },
            {
              target: './preload/contract',
              from: './main',
              message: 'The contract is shared: it cannot depend on main.',
            },
            {
              target: './preload/contract',
              from: './renderer',
              message: 'The contract is shared: it cannot depend on the renderer.',
            },
            { target: './main', from: './renderer', message: 'Main never imports renderer code.' },
          ],
        },
      ],
      // Only the Electron host's corner imports electron.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only main/index.ts, main/platform/electron/ and preload/index.ts import electron.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/index.ts', 'main/platform/electron/**', 'preload/index.ts', 'e2e/electron.spec.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['preload/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The contract runs in every process: no electron.' }],
          patterns: [{ group: nodeBuiltins, message: 'The contract runs in every process: no Node built-ins.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Screens load their data in an effect (an async call, then setState); that is the pattern here.
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer is sandboxed: use the bridge.' }],
          patterns: [{ group: nodeBuiltins, message: 'The renderer has no Node: use the bridge.' }],
        },
      ],
    },
  },
  {
    // Tests of the contract may use Node to check it (e.g. Buffer as the base64 reference).
    files: ['preload/contract/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Playwright fixtures take their dependencies by destructuring, `{}` when there are none.
    files: ['e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
