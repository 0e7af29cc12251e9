/**
 * ESLint, with typescript-eslint's type-aware rules: the one linter of the project (Prettier
 * formats; eslint-config-prettier turns off what would argue with it). Besides the recommended
 * rules, the ones that catch what bit this project: promises nobody handles, functions grown past
 * a screen, imports across the boundaries between contexts, and code nobody uses.
 */
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** An import of another context, or of the tests, from where it must not be. */
const importsFrom = (...folders) =>
  folders.map((folder) => ({
    group: [`**/${folder}/*`, `**/${folder}`],
    message: `Not from ${folder}/ (see docs/ARCHITECTURE.md, "Layers").`,
  }));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'artifacts/', 'packages/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, BUILD_TARGET: 'readonly' },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
      'no-restricted-imports': ['error', { patterns: importsFrom('tests') }],
    },
  },
  {
    // Pure code, tested in Node: no browser API, no DOM, no other layer.
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: importsFrom('tests', 'shared', 'content', 'background', 'popup', 'options', 'ui') }],
      'no-restricted-globals': ['error', 'browser', 'chrome', 'document', 'window', 'navigator', 'location', 'CSS'],
    },
  },
  {
    files: ['src/shared/**', 'src/ui/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: importsFrom('tests', 'content', 'background', 'popup', 'options') }] },
  },
  {
    files: ['src/popup/**', 'src/options/**', 'src/background/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: importsFrom('tests', 'content') }] },
  },
  {
    // Node: the build, scripts and the test runners.
    files: ['**/*.mjs', 'tests/**', 'vitest.config.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Tests and harness reach into pages and extension APIs whose types they do not import.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Fakes of async browser APIs are async without awaiting anything.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // A spec's describe block holds its tests: long by nature.
    files: ['tests/**/*.test.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
  prettier,
);
