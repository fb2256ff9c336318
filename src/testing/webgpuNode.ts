// Test helper for *.webgpu.test.ts: tfjs's WebGPU backend inside the vitest fork, on Dawn (npm
// `webgpu`, the engine of Chrome's WebGPU) with SwiftShader. vite.config.ts sets the library path
// before the forks start (scripts/lib/dawnEnv.ts).
//
// Without an adapter these tests never pass by skipping in CI: there `describeWebGpu` fails, saying
// what is missing. Elsewhere (a laptop without Chromium) they are skipped with a warning.

import { describe, it } from 'vitest';

export { maxAbsDiff, onCpu, useWebGpuBackend } from '../tools/webgpuBackend';

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
