// Lint: typescript-eslint's recommended rules plus the import direction of
// STYLE.md: entrypoints → engine → roles/adapters → domain. Ports are part of
// the domain's vocabulary (interfaces only).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NODE_IO = ['node:*', 'fs', 'fs/*', 'child_process', 'net', 'http', 'https', 'os', 'path', 'process', 'worker_threads'];
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }] }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.epm/**', '.bench-build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  layer(
    ['src/domain/**/*.ts', 'src/ports/**/*.ts'],
    [...NODE_IO, '@actions/*', '@octokit/*', '**/engine/**', '**/adapters/**', '**/roles/**', '**/entrypoints/**'],
    'the domain is pure: no I/O, no @actions/*, and it imports nothing from engine, roles, adapters or entrypoints',
  ),
  layer(
    ['src/adapters/**/*.ts', 'src/roles/**/*.ts', 'src/demo/**/*.ts'],
    ['**/engine/**', '**/entrypoints/**'],
    'adapters and roles sit below the engine: they import only the domain and ports',
  ),
  layer(
    ['src/engine/**/*.ts'],
    ['**/entrypoints/**', '**/adapters/**', ...NODE_IO, '@actions/*'],
    'the engine works through ports: entrypoints wire adapters in; it performs no I/O of its own',
  ),
  { files: ['tests/**/*.ts', 'bench/**/*.{ts,js}'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
);
