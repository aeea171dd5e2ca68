// typescript-eslint, type-aware (`npm run lint`, part of `npm test`'s checks): the recommended rules that
// read types, on the server, the workers, the web app, tests, benches and scripts. Rules we
// turn off or down say why below. Layout is Prettier's (`npm run lint:format`): eslint-config-prettier,
// last, turns off the rules that would argue with it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test/feel/scala/**', 'test-results/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Database rows are Record<string, unknown> or any today (some 1,450 findings, nearly all
      // row access): these come on with the typed rows of issue 13 point 3.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // So are String(row.column) of those rows' unknown values (they are keys and texts).
      '@typescript-eslint/no-base-to-string': 'off',
      // One calling convention: the interpreter and the ports await every step and method,
      // whether or not it does I/O today (an in-memory step may read the database tomorrow).
      '@typescript-eslint/require-await': 'off',
      // `_name` marks a value taken apart on purpose and left unused.
      // React's event handlers may return a promise (the handler awaits the API).
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // A variable given its default before a try that may throw says what it is when it does.
      'no-useless-assignment': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  { files: ['**/*.{js,cjs,mjs}', 'vitest.config.ts'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.cjs'], languageOptions: { globals: { module: 'writable', require: 'readonly' } } },
  prettier,
);
