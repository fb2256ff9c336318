// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import {
  above,
  engineLayer,
  folders,
  layerRules,
  noReact,
  noTestingInCode,
  noTfjs,
  pageAndWorkerFromScripts,
  pageCode,
  pageRules,
  staticProjectImports,
  workerLayer,
} from './eslint/layerPatterns.js';

/** What tools (and their tests) never import: they sit on data, kernels, model, training and runtime. */
const toolsNever = folders(['engine', 'worker', 'storage', 'bench', 'export']);

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
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
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
  // The engine-side layers: each block pair (engineLayer) also keeps the layer's code off tools,
  // bench, export, storage and scripts (but for what it `uses`), and lets its tests use
  // src/testing and src/tools.
  ...engineLayer('data', [
    noTfjs,
    noReact,
    {
      group: above('data', ['engine', 'model', 'training', 'runtime', 'kernels']),
      message: 'data depends on protocol only.',
    },
  ]),
  ...engineLayer('kernels', [
    noReact,
    {
      group: above('kernels', ['engine', 'data', 'model', 'training', 'runtime']),
      message:
        'kernels import tfjs and protocol types only: they sit below every other engine layer.',
    },
  ]),
  ...engineLayer('model', [
    noReact,
    {
      group: above('model', ['engine', 'data', 'training', 'runtime']),
      message: 'model (the networks) uses protocol and kernels only.',
    },
  ]),
  ...engineLayer('training', [
    noReact,
    {
      group: above('training', ['engine', 'runtime']),
      message: 'training takes callbacks; backend choice and GPU health (runtime) stay above it.',
    },
  ]),
  ...engineLayer('runtime', [
    noReact,
    {
      group: above('runtime', ['engine', 'training', 'data']),
      message: 'runtime uses protocol, model and kernels only.',
    },
  ]),
  // IndexedDB records for checkpoints and run history: the worker hands it plain buffers, so it
  // needs neither tfjs nor any engine layer.
  ...engineLayer('storage', [
    noReact,
    noTfjs,
    {
      group: above('storage', ['engine', 'data', 'model', 'training', 'runtime', 'kernels']),
      message: 'storage imports protocol only; the worker uses it.',
    },
  ]),
  // The ONNX file builder: plain weight arrays in, file bytes out (protobufjs), so that it runs
  // anywhere; the engine (onnxExport.ts) reads the weights out of tfjs and hands them over.
  ...engineLayer('export', [
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
  // The one engine: backend, kernels, GPU watch, GPU data and trainers, over the engine layers, and
  // the operations on a model the worker asks for (model files, the ONNX file through export,
  // inspection answers). The worker, the CLI and the benchmarks drive it; it knows none of them,
  // nor storage (the worker's): engineLayer bans both.
  ...engineLayer(
    'engine',
    [
      noReact,
      {
        group: above('engine', []),
        message:
          'engine sits on data, model, training, runtime, kernels and export; the worker drives it.',
      },
    ],
    ['export'],
  ),
  // The worker: protocol, storage, its own modules, and the engine through its one door.
  ...workerLayer,
  // Page code at each depth below src/: main.tsx, then app and client, then a ui panel folder.
  // Engine folders are named by their place relative to the file, so that ui's own panel
  // folders (ui/training, ui/storage) are not taken for the engine's layers of the same name.
  pageRules(['src/main.tsx'], './'),
  pageRules(['src/app/**', 'src/client/**'], '../'),
  pageRules(['src/ui/**'], '../../', [
    {
      // ui/shared holds primitives every panel uses; a panel never reaches into another panel.
      regex: '^\\.\\./(?!shared(/|$))[^./][^/]*(/|$)',
      message:
        'A ui panel imports only ui/shared (and client, protocol); ui/shared imports no panel.',
    },
  ]),
  {
    // Benchmarks and test support drive the engine as the worker does: no page code, no React.
    files: ['src/bench/**', 'src/testing/**'],
    ignores: ['src/bench/benchPage.ts'],
    rules: layerRules([
      noReact,
      {
        group: [...pageCode, '**/scripts/**'],
        message:
          'bench and testing sit on the engine side: they never import page code or scripts.',
      },
    ]),
  },
  // The benchmark page itself runs in the page, as main.tsx does: page rules, never tfjs or the
  // engine (the bench worker, a Worker it starts by URL, has them).
  pageRules(['src/bench/benchPage.ts'], '../'),
  {
    // What the scripts and the GPU kit run: engine side, and no test helper (the kit ships it).
    files: ['src/tools/**'],
    ignores: ['src/tools/**/*.test.ts'],
    rules: layerRules([
      noReact,
      {
        group: [...pageCode, ...toolsNever, '**/scripts/**', '**/testing/**', 'vitest'],
        message:
          'tools sit on the engine layers below the engine and are shipped in the GPU kit: no engine, worker, storage, bench, export, page code, scripts, testing/ helpers or vitest.',
      },
    ]),
  },
  {
    // The tools' own tests: as tools, plus vitest and the shared test helpers (src/testing).
    files: ['src/tools/**/*.test.ts'],
    rules: layerRules([
      noReact,
      {
        group: [...pageCode, ...toolsNever, '**/scripts/**'],
        message:
          "tools' tests drive the engine layers as tools do: no engine, worker, storage, bench, export, page code or scripts.",
      },
    ]),
  },
  {
    // Node tools (data, CLI trainer, benchmarks, GPU kit) reuse the engine, never the page.
    files: ['scripts/**'],
    rules: layerRules([
      noReact,
      {
        group: [...pageAndWorkerFromScripts, '**/testing/**'],
        message:
          'scripts drive the engine layers (tools for Dawn and the kernel checks); page code, the worker entry and testing/ helpers stay out.',
      },
    ]),
  },
  {
    // The scripts' own tests may use the test helpers the scripts themselves may not.
    files: ['scripts/**/*.test.ts'],
    rules: layerRules([
      noReact,
      {
        group: pageAndWorkerFromScripts,
        message: "scripts' tests drive the engine layers, as the scripts do; page code stays out.",
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
        group: ['**/src/*/**', '!**/src/protocol/**', '!**/src/client/preprocess', '**/scripts/**'],
        message:
          'e2e imports only src/protocol and src/client/preprocess; it drives the app through the page.',
      },
      {
        // A module directly in src/ (main.tsx), which the group's `src/*/**` misses; a glob
        // `src/*` would also take the folder src/client, and src/client/preprocess with it.
        regex: '(^|/)src/(?!protocol$)[^/]+$',
        message: 'e2e imports no module at the top of src/ (main.tsx): it drives the page.',
      },
    ]),
  },
  noTestingInCode,
  staticProjectImports,
  {
    files: ['eslint.config.js', 'eslint/**'],
    ...tseslint.configs.disableTypeChecked,
  },
);
