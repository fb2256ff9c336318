// tfjs's WebGPU backend on Dawn (npm `webgpu`, the engine of Chrome's WebGPU) inside a Node process,
// beside the CPU backend for references. Shared by the *.webgpu.test.ts files (through webgpuNode.ts)
// and by scripts that run outside vitest (scripts/check-kernels.ts, scripts/bench-kernels.ts).
// Dawn reads LD_LIBRARY_PATH at process start: the process must already have the environment of
// scripts/lib/dawnEnv.ts (vitest's forks get it from vite.config.ts).

import * as tf from '@tensorflow/tfjs';
import { installKernels } from '../kernels/installKernels';
import { installDawnGpu } from './dawnGpu';
import type { KernelMode } from '../protocol';
import { selectBackend, type SelectedBackend } from '../runtime/backendSelection';

let selected: SelectedBackend | null = null;

/**
 * Makes the WebGPU backend on Dawn the current tfjs backend, with `kernels` installed; the CPU
 * backend stays registered for references (`onCpu`). One device per process: the hardware adapter
 * when Dawn finds one (selectBackend asks for high performance), else SwiftShader. Uses the
 * navigator.gpu already in place, if any.
 */
export async function useWebGpuBackend(kernels: KernelMode = 'own'): Promise<SelectedBackend> {
  if (!selected) {
    // Scripts may have put Dawn in place already (scripts/lib/dawnNode.ts); tests have not.
    await installDawnGpu();
    tf.enableProdMode();
    selected = await selectBackend('webgpu', kernels);
  }
  installKernels('webgpu', kernels);
  if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs could not switch back to WebGPU.');
  return selected;
}

/**
 * Runs `fn` on tfjs's CPU backend, then switches back to WebGPU. By default with tfjs's stock
 * kernels (the reference); `kernels: 'own'` runs this project's CPU kernels instead.
 */
export async function onCpu<T>(
  fn: () => T | Promise<T>,
  kernels: KernelMode = 'stock',
): Promise<T> {
  const previous = tf.getBackend();
  installKernels('cpu', kernels);
  if (!(await tf.setBackend('cpu'))) throw new Error('The tfjs CPU backend did not start.');
  try {
    return await fn();
  } finally {
    await tf.setBackend(previous);
  }
}

/** The largest absolute difference between two equally long arrays (Infinity if lengths differ). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}
