// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Keeps the layers honest: imports only point from ui/client/worker towards protocol. */
const layerRules = (/** @type {{ group: string[], message: string }[]} */ patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});
const noTfjs = {
  group: ['@tensorflow/*'],
  message: 'tfjs belongs to the engine (model, training, runtime, kernels) and the worker.',
};
/** Import patterns for the page and worker layers, plus `extra` engine layers, that `layer` must not use. */
const above = (/** @type {string} */ layer, /** @type {string[]} */ extra) =>
  ['worker', 'client', 'ui', 'app', ...extra]
    .filter((l) => l !== layer)
    .flatMap((l) => [`**/${l}/**`, `**/${l}`]);
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
      // protobufjs's static code for onnx.proto (npm run onnx:proto).
      'src/export/onnx/onnx.generated.*',
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
    files: ['src/data/**'],
    rules: layerRules([
      noTfjs,
      noReact,
      {
        group: above('data', ['engine', 'model', 'training', 'runtime', 'kernels']),
        message: 'data depends on protocol only.',
      },
    ]),
  },
  {
    files: ['src/kernels/**'],
    rules: layerRules([
      noReact,
      {
        group: above('kernels', ['engine', 'data', 'model', 'training', 'runtime']),
        message:
          'kernels import tfjs and protocol types only: they sit below every other engine layer.',
      },
    ]),
  },
  {
    files: ['src/model/**'],
    rules: layerRules([
      noReact,
      {
        group: above('model', ['engine', 'data', 'training', 'runtime']),
        message: 'model (the networks) uses protocol and kernels only.',
      },
    ]),
  },
  {
    files: ['src/training/**'],
    rules: layerRules([
      noReact,
      {
        group: above('training', ['engine', 'runtime']),
        message: 'training takes callbacks; backend choice and GPU health (runtime) stay above it.',
      },
    ]),
  },
  {
    files: ['src/runtime/**'],
    rules: layerRules([
      noReact,
      {
        group: above('runtime', ['engine', 'training', 'data']),
        message: 'runtime uses protocol, model and kernels only.',
      },
    ]),
  },
  {
    // IndexedDB records for checkpoints and run history: the worker hands it plain buffers, so it
    // needs neither tfjs nor any engine layer.
    files: ['src/storage/**'],
    rules: layerRules([
      noReact,
      noTfjs,
      {
        group: above('storage', ['engine', 'data', 'model', 'training', 'runtime', 'kernels']),
        message: 'storage imports protocol only; the worker uses it.',
      },
    ]),
  },
  {
    // The ONNX file builder: plain weight arrays in, file bytes out (protobufjs), so that it runs
    // anywhere; the worker reads the weights out of tfjs and hands them over.
    files: ['src/export/**'],
    rules: layerRules([
      noTfjs,
      noReact,
      {
        group: [
          ...above('export', ['engine', 'data', 'training', 'runtime', 'kernels']),
          '**/model/*',
          '!**/model/architecture',
        ],
        message: 'export uses protocol and the plain specs of model/architecture only.',
      },
    ]),
  },
  {
    // The one engine: backend, kernels, GPU watch, GPU data and trainers, over the engine layers.
    // The worker, the CLI and the benchmarks drive it; it knows none of them.
    files: ['src/engine/**'],
    rules: layerRules([
      noReact,
      {
        group: above('engine', ['storage', 'bench']),
        message: 'engine sits on data, model, training, runtime and kernels; the worker drives it.',
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
    files: ['src/client/**', 'src/ui/**', 'src/app/**', 'src/main.tsx'],
    rules: layerRules([
      noTfjs,
      {
        // Each of these pulls tfjs (or IndexedDB code the worker owns) into the page bundle.
        group: [
          ...['engine', 'training', 'runtime', 'kernels', 'storage', 'worker', 'bench'].flatMap(
            (l) => [`**/${l}/**`, `**/${l}`],
          ),
          // src/testing is the engine's test support; a page folder's own ./testing stays allowed.
          '../testing/**',
          '../../testing/**',
          '**/scripts/**',
        ],
        message:
          'Page code talks to the engine only through the worker (src/client): no engine, training, runtime, kernels, storage, worker, bench, testing or scripts module.',
      },
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
    // Benchmarks and test support drive the engine as the worker does: no page code, no React.
    files: ['src/bench/**', 'src/testing/**'],
    rules: layerRules([
      noReact,
      {
        group: ['**/client/**', '**/ui/**', '**/app/**', '**/scripts/**'],
        message:
          'bench and testing sit on the engine side: they never import page code or scripts.',
      },
    ]),
  },
  {
    // Node tools (data, CLI trainer, benchmarks, GPU kit) reuse the engine, never the page.
    files: ['scripts/**'],
    rules: layerRules([
      noReact,
      {
        group: ['**/src/client/**', '**/src/ui/**', '**/src/app/**', '**/src/worker/**'],
        message: 'scripts drive the engine layers; page code and the worker entry stay out.',
      },
    ]),
  },
  {
    // The browser journeys see the app as a user does: through the page, never its modules,
    // except the protocol's types (fault names) that the test hooks share and the page's pure
    // preprocessing (to compute what the page fed the model).
    files: ['e2e/**', 'playwright.config.ts'],
    rules: layerRules([
      noTfjs,
      noReact,
      {
        group: ['**/src/*/**', '!**/src/protocol/**', '!**/src/data/preprocess', '**/scripts/**'],
        message:
          'e2e imports only src/protocol and src/data/preprocess; it drives the app through the page.',
      },
    ]),
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
