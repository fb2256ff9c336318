// Dawn (npm `webgpu`, the engine of Chrome's WebGPU) as navigator.gpu in a Node process, so tfjs's
// WebGPU backend and the app's selectBackend run unchanged. The one place a Node process creates
// Dawn: the tests, the scripts and the GPU kit all come here. Imported lazily: the CPU backend never
// loads dawn.node. Dawn reads LD_LIBRARY_PATH at process start: the process must already have the
// environment of scripts/lib/dawnEnv.ts.

/**
 * Dawn features to turn on, comma-separated, for this process and its children: Dawn's
 * `enable-dawn-features` (Chromium's --enable-dawn-features). Only vitest sets it (vite.config.ts,
 * from TEST_DAWN_FEATURES in e2e/support/chromium.ts, which says why), for its test processes and
 * the scripts they start (the kit's smoke test runs the kit in a bare environment, without it); run
 * by hand, the scripts and the GPU kit run Dawn as Chrome does.
 */
export const DAWN_FEATURES_ENV = 'ALEXNET_DAWN_FEATURES';

/** Dawn's instance flags for `create`, from DAWN_FEATURES_ENV. */
export function dawnFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  const features = (env[DAWN_FEATURES_ENV] ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  return features.length > 0 ? [`enable-dawn-features=${features.join(',')}`] : [];
}

/**
 * Puts Dawn's navigator.gpu and the WebGPU globals (GPUBuffer, GPUComputePassEncoder, ...) in
 * place, once; a navigator.gpu already there is kept. Resolves with the globals Dawn defines.
 */
export async function installDawnGpu(): Promise<Record<string, unknown>> {
  const { create, globals } = await import('webgpu');
  if (!(globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu) {
    Object.assign(globalThis, globals);
    Object.defineProperty(globalThis, 'navigator', {
      value: { gpu: create(dawnFlags()) },
      configurable: true,
    });
  }
  return globals as Record<string, unknown>;
}
