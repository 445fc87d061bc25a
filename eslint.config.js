import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layers } from './eslint.layers.js';

const ours = (dir) => [`../${dir}/*`, `../../${dir}/*`, `../../../${dir}/*`];

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', 'node_modules/**', 'data/**', 'bench/out/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      eqeqeq: ['error', 'always'],
      // Fastify plugins are async functions by contract even when they only register routes.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    // Pure layers: engine/ and io/ import nothing of ours but types.
    files: ['src/engine/**/*.ts', 'src/io/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: [...ours('modules'), ...ours('db'), ...ours('http'), '../cli.js', '../config.js'], allowTypeImports: true, message: 'engine/ and io/ depend on nothing of ours but types.' }],
      }],
    },
  },
  {
    // Only repositories, src/db/ (with the migrations) build queries: elsewhere in src/ Kysely is imported for types only.
    // Tests may use it: they read and tamper with rows from outside, as an auditor would.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.repository.ts', 'src/db/**', 'src/**/*.test.ts'],
    plugins: { layers },
    rules: { 'layers/kysely-in-repositories': 'error', 'layers/queries-in-repositories': 'error' },
  },
  {
    // One way to open a transaction: withTransaction (src/db/transaction.ts), which joins the caller's transaction when
    // handed a context inside one (Kysely cannot nest). A bare `.transaction().execute(` elsewhere would open a second,
    // separate transaction (or throw, on a Transaction). Exempt: src/db/ (the helper, the migrations, the read pool's
    // tests), src/demo/ and src/cli/ (loaders and commands at the top, outside any transaction; not yet converted), and
    // src/io/import-run.ts (io/ may import nothing of ours but types, so it cannot call withTransaction; an import's
    // transaction is always the outermost). The selector list repeats the one above: a block's list replaces it.
    files: ['src/**/*.ts'],
    ignores: ['src/db/**', 'src/demo/**', 'src/cli/**', 'src/io/import-run.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        {
          selector: "CallExpression[callee.property.name='execute'][callee.object.type='CallExpression'][callee.object.callee.property.name='transaction']",
          message: 'Open transactions with withTransaction(database, fn) from src/db/transaction.ts: it joins a caller\'s transaction.',
        },
      ],
    },
  },
  {
    // A module reaches another module through its services, never its repository; another module's *.tables.ts
    // (its row types) is imported for types only. Tests included: they set up data through services too.
    files: ['src/modules/**/*.ts'],
    plugins: { layers },
    rules: { 'layers/no-foreign-repository': 'error' },
  },
  {
    // The demo loader fills a database from outside, as the migrations do.
    files: ['src/demo/**/*.ts'],
    rules: { 'layers/queries-in-repositories': 'off' },
  },
  {
    // Services never import Fastify.
    files: ['src/modules/**/*.service.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'fastify', message: 'Services never import Fastify.', allowTypeImports: false }],
        patterns: [{ group: ['*.routes.js'], message: 'Services never import routes.' }],
      }],
    },
  },
  {
    // The web app imports only schemas and types from src/.
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ regex: '^(\\.\\./)+src/(?!modules/[^/]+/[^/]+\\.schema\\.js$)', allowTypeImports: true, message: 'web/ imports only *.schema.js (or types) from src/.' }],
      }],
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Tool configuration files are loaded by their tools through a default export.
    files: ['eslint.config.js', 'vitest.config.ts', 'web/vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
