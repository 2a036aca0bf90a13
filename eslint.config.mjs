// ESLint flat config: typescript-eslint recommended + the project's own rules.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import project from './scripts/eslint-rules/index.js';

/** Code that ships or runs the product (tests and benches may use literal ARNs as data). */
const PRODUCTION = ['resource-type/**/*.ts', 'handlers/**/*.ts', 'cli/**/*.ts'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'build/**',
      'dist/**',
      'coverage/**',
      // Generated: never hand-edited, checked by `npm run check:generated` instead.
      'resource-type/model/models.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // ASCII/control-character checks are deliberate in policy and schema validation.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    plugins: { servicekmskeys: project },
  },
  {
    files: PRODUCTION,
    rules: { 'servicekmskeys/no-hardcoded-partition': 'error' },
  },
  {
    files: [...PRODUCTION, 'emulator/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'servicekmskeys/no-unbounded-promise-all': 'error' },
  },
);
