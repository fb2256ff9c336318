// @ts-check
// The import patterns each layer's block in eslint.config.js refuses (the layers themselves are
// described in README.md and src/*/README.md).

/** Keeps the layers honest: imports only point from ui/client/worker towards protocol. */
export const layerRules = (
  /** @type {({ group: string[] } | { regex: string })[] & { message: string }[]} */ patterns,
) => ({
  'no-restricted-imports': ['error', { patterns }],
});
export const noTfjs = {
  group: ['@tensorflow/*'],
  message:
    'tfjs belongs to the engine and its layers (model, training, runtime, kernels); the worker reaches it through the engine.',
};
/** Imports of each named folder: a module in it, or its index. */
export const folders = (/** @type {string[]} */ names) =>
  names.flatMap((l) => [`**/${l}/**`, `**/${l}`]);
/** Import patterns for the page and worker layers, plus `extra` engine layers, that `layer` must not use. */
export const above = (/** @type {string} */ layer, /** @type {string[]} */ extra) =>
  folders(['worker', 'client', 'ui', 'app', ...extra].filter((l) => l !== layer));
/** Page code (client, ui, app): never tfjs, the engine, storage, export, the worker or tools. `up`
 * is the relative path from the files to src/ (e.g. '../' for src/app/*). */
export const pageRules = (
  /** @type {string[]} */ files,
  /** @type {string} */ up,
  /** @type {({ group: string[] } | { regex: string })[] & { message: string }[]} */ extra = [],
) => ({
  files,
  rules: layerRules([
    noTfjs,
    {
      // Each of these pulls tfjs (or IndexedDB code the worker owns) into the page bundle.
      group: [
        ...[
          'engine',
          'training',
          'runtime',
          'kernels',
          'storage',
          'export',
          'worker',
          'bench',
          'testing',
          'tools',
        ].flatMap((l) => [`${up}${l}/**`, `${up}${l}`, `**/src/${l}/**`]),
        ...folders(['engine', 'runtime', 'kernels', 'worker', 'bench']),
        '**/scripts/**',
      ],
      message:
        'Page code talks to the engine only through the worker (src/client): no engine, training, runtime, kernels, storage, export, worker, bench, testing, tools or scripts module.',
    },
    {
      group: ['**/model/*', '!**/model/architecture', '**/data/*', '**/data'],
      message:
        'The page reaches the model and the data only through the worker (src/client). The pure layer-size table model/architecture is the one exception.',
    },
    ...extra,
  ]),
});
/** Page code, as any engine-side file would import it. */
export const pageCode = ['**/client/**', '**/ui/**', '**/app/**'];
/** Page code and the worker entry, as scripts/ reach them (through src/): never in a script. */
export const pageAndWorkerFromScripts = ['client', 'ui', 'app', 'worker'].map(
  (l) => `**/src/${l}/**`,
);
export const noReact = {
  group: ['react', 'react-dom', 'recharts'],
  message: 'React belongs to src/ui and src/client.',
};

/** Tests, and the helpers beside them in a testing/ folder. */
export const testFiles = ['**/*.test.ts', '**/testing/**'];
/** 'a, b or c'. */
const or = (/** @type {string[]} */ names) => `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
/**
 * An engine-side layer's blocks (`patterns`: what the layer refuses, tests included). Its code also
 * refuses what sits beside or above the engine: tools, bench, export, storage and scripts, but for
 * the ones it `uses` (and, as all code, testing/: noTestingInCode). Its tests and testing/ helpers
 * may use the test helpers shared beside the engine (src/testing, src/tools: kernel check cases,
 * synthetic images), never the others.
 */
export const engineLayer = (
  /** @type {string} */ layer,
  /** @type {{ group: string[], message: string }[]} */ patterns,
  /** @type {string[]} */ uses = [],
) => {
  const beside = ['bench', 'export', 'storage', 'scripts'].filter(
    (l) => l !== layer && !uses.includes(l),
  );
  return [
    {
      files: [`src/${layer}/**`],
      ignores: testFiles,
      rules: layerRules([
        ...patterns,
        {
          group: folders(['tools', ...beside]),
          message: `${layer} is engine code: ${or(['tools', ...beside])} sit beside or above it (its tests may use tools).`,
        },
      ]),
    },
    {
      files: testFiles.map((f) => `src/${layer}/${f}`),
      rules: layerRules([
        ...patterns,
        {
          group: folders(beside),
          message: `${layer}'s tests and testing/ may use src/testing and src/tools (test helpers beside the engine), never ${or(beside)}.`,
        },
      ]),
    },
  ];
};
/**
 * Only tests and test helpers import a testing/ folder (each layer's own, or a lower layer's: the
 * layer rules keep lower layers' tests off higher ones). A rule of its own, typescript-eslint's
 * no-restricted-imports, so that it adds to every block's no-restricted-imports, not replaces it.
 */
export const noTestingInCode = {
  files: ['src/**', 'scripts/**', 'e2e/**'],
  ignores: testFiles,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: folders(['testing']),
            message:
              'A testing/ folder is for tests and test helpers only (never page code, the worker, tools, bench or scripts).',
          },
        ],
      },
    ],
  },
};

/**
 * The worker's blocks: protocol, storage, its own modules, and the engine through its one door
 * (src/engine/index.ts), never tfjs, the layers below the engine nor a module inside it. Its tests
 * too, which may also use tfjs and the test helpers beside the engine (src/testing, src/tools,
 * engine/testing).
 */
export const workerLayer = [
  { files: ['src/worker/**'], ignores: testFiles, code: true },
  { files: testFiles.map((f) => `src/worker/${f}`), code: false },
].map(({ code, ...block }) => ({
  ...block,
  rules: layerRules([
    noReact,
    ...(code ? [noTfjs] : []),
    { group: pageCode, message: 'The worker never imports page code.' },
    {
      group: [
        ...folders([
          'data',
          'model',
          'training',
          'runtime',
          'kernels',
          'export',
          'bench',
          'scripts',
        ]),
        ...(code ? folders(['tools']) : []),
        // protocol's own modules (protocol/training) are not the layers of the same name.
        '!**/protocol/**',
      ],
      message:
        'The worker reaches data, model, training, runtime, kernels and export only through the engine (src/engine, its index); bench and scripts sit above it, and its code uses no tools.',
    },
    {
      regex: '(^|/)engine/(?!testing/|index(\\.ts)?$)',
      message:
        "The worker imports the engine through its index (src/engine): a module inside it is the engine's own.",
    },
  ]),
}));

/**
 * no-restricted-imports sees static imports only: a dynamic import() or an import type of the
 * project's own modules, or of tfjs, would slip past every layer rule. So they are refused, but in
 * the entry points that must set up their environment (Dawn, the backend) before the engine loads.
 */
export const staticProjectImports = {
  files: ['src/**', 'scripts/**', 'e2e/**'],
  ignores: ['src/testing/webgpuProbe.ts', 'scripts/bench-kernels.ts', 'scripts/check-kernels.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      ...['ImportExpression[source.value=', 'TSImportType[source.value='].map((node) => ({
        selector: `${node}/^(\\.|@tensorflow\\/)/]`,
        message:
          "Import the project's modules and tfjs statically, so that the layer rules see them (a dynamic import is for the entry points listed in staticProjectImports).",
      })),
    ],
  },
};
