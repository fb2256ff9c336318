// Test helper for *.webgpu.test.ts: tfjs's WebGPU backend inside the vitest fork, on Dawn (npm
// `webgpu`, the engine of Chrome's WebGPU) with SwiftShader. vite.config.ts sets the library path
// before the forks start (scripts/lib/dawnEnv.ts).
//
// Without an adapter these tests never pass by skipping in CI: there `describeWebGpu` fails, saying
// what is missing. Elsewhere (a laptop without Chromium) they are skipped with a warning.

import * as tf from '@tensorflow/tfjs';
import { describe, it } from 'vitest';
import { installKernels } from '../kernels/installKernels';
import type { KernelMode } from '../protocol';
import { selectBackend, type SelectedBackend } from '../runtime/backendSelection';

const MISSING =
  'No WebGPU adapter for Node: Dawn needs a Vulkan driver. Install Debian\'s "chromium" package ' +
  '(its /usr/lib/chromium/libvulkan.so.1 and SwiftShader ICD), or run on a machine with a GPU.';

/** Set by vite.config.ts when it found a Vulkan driver for Dawn. */
export const webgpuExpected = process.env.ALEXNET_DAWN_VULKAN === '1';

/**
 * `describe` for tests that need the adapter: runs them when there is one; in CI without one, runs
 * a test that fails with the reason; elsewhere, skips them and says why.
 */
export function describeWebGpu(name: string, body: () => void): void {
  if (webgpuExpected) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      it('has a WebGPU adapter', () => {
        throw new Error(MISSING);
      });
    });
  } else {
    console.warn(`Skipping "${name}": ${MISSING}`);
    describe.skip(name, body);
  }
}

let selected: SelectedBackend | null = null;

/**
 * Makes the WebGPU backend on Dawn the current tfjs backend, with `kernels` installed; the CPU
 * backend stays registered for references (`onCpu`). One device per test file.
 */
export async function useWebGpuBackend(kernels: KernelMode = 'own'): Promise<SelectedBackend> {
  if (!selected) {
    const { create, globals } = await import('webgpu');
    Object.assign(globalThis, globals);
    Object.defineProperty(globalThis, 'navigator', {
      value: { gpu: create([]) },
      configurable: true,
    });
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
