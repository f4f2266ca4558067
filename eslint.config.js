// ESLint flat config: typescript-eslint, React hooks and jsx-a11y over all sources.
// Why these plugins and what is tuned: docs/decisions/0005-eslint.md.
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['build/', 'public/build/', 'node_modules/', 'db/migrations/', '.cache/', 'data/', 'tmp/', 'test-results/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Hooks and components live only in app/**/*.tsx (a `use` callback in a .ts file is no hook).
    files: ['app/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    // The two classic rules of the plugin's recommended set. Its React Compiler rules are left out:
    // the app does not use the compiler, and their analysis took 70 % of the whole lint time.
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['app/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // Scrollable tables and diagrams are named regions with tabIndex 0, so keyboard users can scroll them (axe scrollable-region-focusable).
      'jsx-a11y/no-noninteractive-tabindex': ['error', { tags: [], roles: ['tabpanel', 'region'], allowExpressionValues: true }],
    },
  },
  {
    rules: {
      // `const { id: _id, ...rest } = row` is how the code drops fields; `_x` marks a parameter a signature requires.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
      // A `let` read by callbacks written above its one assignment cannot become `const` without a TDZ risk.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // These modules exist to find control characters (text cleaning, URL and redirect checks).
    files: ['app/utils/text.ts', 'app/utils/url.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
  },
);
