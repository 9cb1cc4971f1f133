import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'static/dist/**', 'node_modules/**', 'coverage/**', '.lpm-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The domain core is pure: no I/O, no platform imports, no wall clock.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@forge/*', 'node:*', 'fs', 'path', 'http', 'https', '../*'] }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Time comes in as an argument.' }],
      'no-restricted-globals': ['error', 'fetch', 'process'],
    },
  },
  {
    files: ['src/contract/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@forge/*', 'node:*', '../domain/*', '../services/*', '../adapters/*'] }] },
  },
  {
    files: ['static/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
