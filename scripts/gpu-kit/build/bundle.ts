// The kit's JavaScript: the trainer, the orchestrator, the adapter probe and, when they exist in the
// checkout, the kernel checks and benchmark, bundled by esbuild into plain ES modules that need no
// node_modules. Shared code (tfjs, the engine) lands in one chunk beside them. The `webgpu` package
// finds dawn.node relative to its own module, so the kit puts it at app/dist/linux-x64/dawn.node.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Entry points: output name -> source. The optional ones come from the kernels branch. */
const REQUIRED = {
  train: 'scripts/train.ts',
  orchestrate: 'scripts/gpu-kit/orchestrate.ts',
  adapter: 'scripts/gpu-kit/adapter.ts',
};
export const OPTIONAL = {
  'check-kernels': 'scripts/check-kernels.ts',
  'bench-kernels': 'scripts/bench-kernels.ts',
};

/** The bundled sources that are test support: under a testing/ folder, or a test file. */
export function testHelpersIn(inputs: readonly string[]): string[] {
  return inputs.filter(
    (path) => !path.includes('node_modules/') && /(^|\/)testing\/|\.test\.tsx?$/.test(path),
  );
}

export interface BundleResult {
  /** Output names of the entry points bundled (train, orchestrate, ..., check-kernels?). */
  entries: string[];
  /** Optional scripts left out because they were not in the checkout. */
  missing: string[];
  bytes: number;
}

export async function bundleApp(repoRoot: string, outDir: string): Promise<BundleResult> {
  const entryPoints: Record<string, string> = {};
  const missing: string[] = [];
  for (const [name, source] of Object.entries({ ...REQUIRED, ...OPTIONAL })) {
    if (existsSync(join(repoRoot, source))) entryPoints[name] = join(repoRoot, source);
    else missing.push(source);
  }
  for (const source of Object.values(REQUIRED)) {
    if (missing.includes(source)) throw new Error(`${source} is missing: the kit cannot be built.`);
  }
  const result = await build({
    entryPoints,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    splitting: true,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    metafile: true,
    logLevel: 'warning',
    // CommonJS dependencies call require() for Node's built-ins; ES modules have none of their own.
    banner: {
      js: "import { createRequire as __kitRequire } from 'node:module'; const require = __kitRequire(import.meta.url);",
    },
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const helpers = testHelpersIn(Object.keys(result.metafile.inputs));
  if (helpers.length > 0) {
    throw new Error(
      `The kit would ship test helpers (${helpers.join(', ')}): the scripts it bundles must take ` +
        'what they run from src/tools, not from a testing/ folder or a test file.',
    );
  }
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  return { entries: Object.keys(entryPoints), missing, bytes };
}
