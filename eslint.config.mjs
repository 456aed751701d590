// Lint enforces the architecture (ARCHITECTURE.md §6.13): database drivers only in storage/,
// process.env only in config/ and main.ts, no reaching into another service's internals.
import tseslint from 'typescript-eslint';

// The database drivers and every sub-path of theirs (`@electric-sql/pglite-postgis`, `pg/lib/…`).
const driverPatterns = [
  {
    group: ['pg', 'pg/**', 'pg-*', '@electric-sql/**'],
    message: 'Only src/storage/ speaks to the database.',
  },
];
const dynamicDriverImport = {
  selector: 'ImportExpression[source.value=/^(pg|pg-.*|pg[/].*|@electric-sql[/].*)$/]',
  message: 'Only src/storage/ speaks to the database.',
};
// import() would slip past no-restricted-imports and the cycle test: only packages, named literally.
const dynamicImportRules = [
  {
    selector: "ImportExpression:not([source.type='Literal'])",
    message: 'Import a module whose name lint can read (a string literal).',
  },
  {
    selector: 'ImportExpression[source.value=/^[.]/]',
    message: 'Import our own modules statically, so that lint and the import-cycle test see the edge.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'packages/*/dist/**', 'coverage/**', 'node_modules/**', 'data/**', 'web/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  { files: ['**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: './tsconfig.check.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Fastify plugins and handlers are async by convention, with or without an await inside.
      '@typescript-eslint/require-await': 'off',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in src/config/ only.' },
      ],
    },
  },
  // Every file of src/, whatever its folder depth (files at the root included), obeys the same import
  // rules: no database driver (nor any of its sub-paths) outside storage/, no reaching into another
  // service's internals. Dynamic import() would slip past no-restricted-imports, so it is held to them too.
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...dynamicImportRules, dynamicDriverImport],
    },
  },
  ...[
    ['src/*.ts', './', []],
    ['src/*/**/*.ts', '../', ['src/storage/**']],
    ['src/*/*/**/*.ts', '../../', ['src/storage/**']],
  ].map(([files, up, ignores]) => ({
    files: [files],
    ignores,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...driverPatterns,
            {
              group: [`${up}*/*`, `!${up}*/index.js`, `!${up}core/*`],
              message: 'Import another service through its index.js.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/storage/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*/*', '!../core/*'], message: 'storage/ imports only core/.' }] },
      ],
    },
  },
  {
    files: ['src/storage/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...dynamicImportRules] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...driverPatterns,
            { group: ['../*'], message: 'core/ imports nothing of ours outside core/.' },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/config/**/*.ts',
      'test/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.ts',
      'packages/*/test/**/*.ts',
      'packages/*/scripts/**/*.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: [
      'test/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.ts',
      'packages/*/test/**/*.ts',
      'packages/*/scripts/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // node:test's describe() and it() return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: ['describe', 'it'], package: 'node:test' }] },
      ],
    },
  },
);
