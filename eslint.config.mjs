// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import i18next from 'eslint-plugin-i18next';
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
  { ignores: ['out/', '**/dist/', '**/node_modules/', 'test-results/', 'playwright-report/', 'resources/', '.bench/'] },
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
      // …and to parse them when it follows imports (no-cycle reads the modules it reaches).
      'import-x/extensions': ['.ts', '.tsx', '.mjs', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.mjs', '.js'] })],
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      // Cycles are errors; type-only cycles, which this rule skips, are found by dependency-cruiser
      // (.dependency-cruiser.cjs, run by scripts/structure.test.ts).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // The zones of the house: which room may import which (docs/architecture.md).
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './renderer',
              from: ['./main', './central'],
              message: 'The renderer talks to main only through the bridge.',
            },
            {
              target: './renderer',
              from: './preload',
              except: ['./contract'],
              message: 'The renderer imports only the contract (and the domain package) of the preload side.',
            },
            {
              target: './renderer',
              from: './domain/src/passwords.ts',
              message: 'Password hashing runs in Node (main, central), never in the renderer.',
            },
            {
              target: './preload/contract',
              from: ['./main', './renderer', './central'],
              message: 'The contract is shared: it depends only on the domain package.',
            },
            {
              target: './domain',
              from: ['./main', './preload', './renderer', './central'],
              message: 'The domain package holds pure rules: it imports no app code.',
            },
            {
              target: './central',
              from: ['./main', './preload', './renderer'],
              message: 'Central is deployed on its own: it imports only the domain package.',
            },
            {
              target: './main',
              from: './renderer',
              message: 'Main never imports renderer code.',
            },
            {
              target: ['./main', './preload'],
              from: './central',
              message: 'The workstation never ships central: speak to it over HTTP (domain/src/protocol.ts).',
            },
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
              message: 'Only main/platform/electron/ and preload/index.ts import electron.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/platform/electron/**', 'preload/index.ts', 'e2e/electron.spec.ts'],
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
    files: ['domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The domain package runs everywhere: no electron.' }],
          patterns: [{ group: nodeBuiltins, message: 'The domain package is pure: no Node built-ins.' }],
        },
      ],
    },
  },
  {
    // Password hashing is scrypt and the audit chain SHA-256 and Ed25519, from node:crypto; test fixtures make PNGs with node:zlib.
    files: [
      'domain/src/passwords.ts',
      'domain/src/audit-chain.ts',
      'domain/src/rating-codes.ts',
      'domain/src/testing/**',
      'domain/**/*.test.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The domain package runs everywhere: no electron.' }],
          patterns: [
            {
              group: [...nodeBuiltins, '!node:crypto', '!node:zlib'],
              message: 'Only node:crypto and node:zlib, which compute and touch nothing.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests (and their helpers) of the workstation's sync run a real central to talk to.
    files: ['main/**/*.test.ts', 'main/**/testing/**', 'scripts/**'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [{ target: './main', from: './renderer', message: 'Main never imports renderer code.' }],
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
    // Every word a person reads comes from the i18n resources (zh-CN and English): no literal text
    // in the screens' JSX. Tests, and the i18n resources themselves, are exempt.
    files: ['renderer/src/**/*.tsx'],
    ignores: ['renderer/src/**/*.test.tsx', 'renderer/src/i18n/**'],
    plugins: { i18next },
    rules: {
      // A <kbd> names a key (F8, Ctrl+P), the same in every language.
      // ✓ and ✗ are marks, not words.
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-text-only',
          'jsx-components': { exclude: ['Trans', 'kbd'] },
          words: { exclude: ['[0-9!-/:-@[-`{-~]+', '[A-Z_-]+', '[✓✗·—–…]+'] },
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
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The hall display's script runs in the TV's browser, served as it is.
    files: ['central/hall/display/*.js'],
    languageOptions: { globals: { ...globals.browser }, sourceType: 'script' },
  },
  prettier,
);
