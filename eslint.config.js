// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Keeps the layers honest: imports only point from ui/client/worker towards protocol. */
const layerRules = (/** @type {{ group: string[], message: string }[]} */ patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});
const noTfjs = { group: ['@tensorflow/*'], message: 'Only src/model and src/worker may use tfjs.' };
const noReact = {
  group: ['react', 'react-dom', 'recharts'],
  message: 'React belongs to src/ui and src/client.',
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'public/data',
      'test-results',
      'playwright-report',
      'bench-results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      eqeqeq: 'error',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/client/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/protocol/**'],
    rules: layerRules([
      noTfjs,
      noReact,
      { group: ['../*', '!./*'], message: 'protocol imports nothing from the other layers.' },
    ]),
  },
  {
    files: ['src/data/**', 'src/model/**'],
    rules: layerRules([
      noReact,
      {
        group: ['**/worker/**', '**/client/**', '**/ui/**', '**/app/**'],
        message: 'data/model sit below worker, client and ui.',
      },
    ]),
  },
  {
    files: ['src/data/**'],
    rules: layerRules([
      noTfjs,
      noReact,
      {
        group: ['**/model/**', '**/worker/**', '**/client/**', '**/ui/**'],
        message: 'data depends on protocol only.',
      },
    ]),
  },
  {
    files: ['src/worker/**'],
    rules: layerRules([
      noReact,
      {
        group: ['**/client/**', '**/ui/**', '**/app/**'],
        message: 'The worker never imports page code.',
      },
    ]),
  },
  {
    files: ['src/client/**', 'src/ui/**', 'src/app/**'],
    rules: layerRules([
      noTfjs,
      {
        group: [
          '**/model/*',
          '!**/model/architecture',
          '**/data/*',
          '!**/data/preprocess',
          '!**/data/manifest',
        ],
        message:
          'The page reaches the model only through the worker (src/client). Pure helpers model/architecture, data/preprocess and data/manifest (constants) are the exceptions.',
      },
    ]),
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
