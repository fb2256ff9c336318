// The WebGPU path on a real adapter: Dawn (npm `webgpu`) with Chromium's SwiftShader Vulkan driver.
// The checks run in a child process of their own (testing/webgpuProbe.ts) that reports back as JSON:
// it destroys its GPU device on purpose, which must not take the in-process adapter of other tests
// down with it. Like every *.webgpu.test.ts, it fails in CI when the adapter is missing
// (describeWebGpu) instead of skipping.

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeWebGpu } from '../testing/webgpuNode';

/** What webgpuProbe.ts prints (checked field by field below, so a cast is enough). */
interface ProbeResult {
  backend: { limits: { maxStorageBufferBindingSize: number } };
  unpackError: number;
  labels: number[];
  expectedLabels: number[];
  probabilitySum: number;
}

const probe = join(dirname(fileURLToPath(import.meta.url)), '../testing/webgpuProbe.ts');

describeWebGpu('WebGPU backend on Dawn + SwiftShader', () => {
  it('selects the adapter, unpacks bytes exactly, trains, and catches GPU errors', () => {
    // The child inherits this fork's environment, which vite.config.ts gave Dawn's SwiftShader
    // driver (scripts/lib/dawnEnv.ts) before the forks started: describeWebGpu runs this only then.
    const child = spawnSync(process.execPath, ['--import', 'tsx', probe], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    const lastLine = child.stdout.trim().split('\n').at(-1) ?? '';
    expect(child.status, child.stderr.slice(-2000)).toBe(0);
    const result = JSON.parse(lastLine) as ProbeResult;
    expect(result).toMatchObject({
      backend: {
        name: 'webgpu',
        adapter: { architecture: 'swiftshader', isFallbackAdapter: true },
        fallbackReasons: [],
        isSoftware: true,
      },
      reason: 'finished',
      leaked: 0,
      failure: { kind: 'validation' },
      failureMessage:
        'A tensor at batch 128 for alexnet is larger than this GPU allows in one buffer: ' +
        'try a smaller batch or alexnet-mini.',
      lost: ['destroyed: device was destroyed'],
    });
    expect(result.unpackError).toBeLessThan(1e-6);
    expect(result.labels).toEqual(result.expectedLabels);
    expect(result.probabilitySum).toBeCloseTo(1, 5);
    // selectBackend asked for the adapter's maximum, above the 128 MiB default alexnet outgrows.
    expect(result.backend.limits.maxStorageBufferBindingSize).toBeGreaterThan(128 * 1024 * 1024);
  });
});
