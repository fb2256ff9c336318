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
  message: 'tfjs belongs to the engine (model, training, runtime, kernels) and the worker.',
};
/** Import patterns for the page and worker layers, plus `extra` engine layers, that `layer` must not use. */
export const above = (/** @type {string} */ layer, /** @type {string[]} */ extra) =>
  ['worker', 'client', 'ui', 'app', ...extra]
    .filter((l) => l !== layer)
    .flatMap((l) => [`**/${l}/**`, `**/${l}`]);
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
        ...['engine', 'runtime', 'kernels', 'worker', 'bench'].flatMap((l) => [
          `**/${l}/**`,
          `**/${l}`,
        ]),
        '**/scripts/**',
      ],
      message:
        'Page code talks to the engine only through the worker (src/client): no engine, training, runtime, kernels, storage, export, worker, bench, testing, tools or scripts module.',
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
