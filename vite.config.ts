import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { configDefaults, defineConfig } from 'vitest/config';
import { TEST_DAWN_FEATURES } from './e2e/support/chromium';
import { hasChromiumSwiftShader, swiftShaderEnv } from './scripts/lib/dawnEnv';
import { DAWN_FEATURES_ENV } from './src/tools/dawnGpu';
import { DEV_HEADERS, PREVIEW_HEADERS } from './scripts/lib/securityHeaders';

// Dawn reads LD_LIBRARY_PATH when a process starts: set it here, before vitest forks its test
// processes, so *.webgpu.test.ts get the SwiftShader adapter (src/testing/webgpuNode.ts). The tests'
// Dawn, and the Dawn of the scripts they start, gets the test runs' Dawn features (see
// TEST_DAWN_FEATURES, read by src/tools/dawnGpu.ts).
if (process.env.VITEST && hasChromiumSwiftShader()) {
  Object.assign(process.env, swiftShaderEnv(), {
    ALEXNET_DAWN_VULKAN: '1',
    [DAWN_FEATURES_ENV]: TEST_DAWN_FEATURES.join(','),
  });
}

export default defineConfig({
  plugins: [react()],
  // The e2e suite's build sets ALEXNET_FAULT_HOOKS=1 (playwright.config.ts), which compiles in the
  // fault injection of src/protocol/faults.ts; in every other build it is false and left out.
  define: { __FAULT_HOOKS__: JSON.stringify(process.env.ALEXNET_FAULT_HOOKS === '1') },
  worker: { format: 'es' },
  // Content-Security-Policy and friends: scripts/lib/securityHeaders.ts says what each allows and why.
  server: { port: 5173, strictPort: true, headers: DEV_HEADERS },
  preview: { port: 4173, strictPort: true, headers: PREVIEW_HEADERS },
  build: {
    // tfjs alone is ~1.5 MB minified; the warning would fire on every build and say nothing new.
    chunkSizeWarningLimit: 4000,
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    // The GPU kit's end-to-end test builds a 55 MB kit and runs it for minutes: `npm run test:kit`
    // (CI runs it after the other tests), never part of a plain `vitest run`.
    exclude: [
      ...configDefaults.exclude,
      ...(process.env.ALEXNET_KIT_TEST ? [] : ['**/*.kit.test.ts']),
    ],
    environment: 'node',
    pool: 'forks',
    // Vitest leaves one core to its main process by default, which idles while the forks work: on
    // CI's 2 cores that ran the files one at a time. Most files are single-threaded JS (tfjs CPU).
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
  },
});
