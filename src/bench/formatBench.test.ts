import { describe, expect, it } from 'vitest';
import type { BenchResult } from './benchTypes';
import { formatBenchTable } from './formatBench';

const base: BenchResult = {
  case: {
    backend: 'webgpu',
    kernels: 'stock',
    model: 'alexnet-mini',
    batchSize: 64,
    steps: 10,
    warmup: 2,
  },
  backend: {
    name: 'webgpu',
    fallbackReasons: [],
    isSoftware: true,
    kernels: { mode: 'own', own: [] },
    adapter: {
      vendor: 'google',
      architecture: 'swiftshader',
      device: '',
      description: 'SwiftShader',
      isFallbackAdapter: true,
    },
  },
  loop: { firstStepMs: 1234.4, imagesPerSec: 20.04, peakBytes: 50 * 1024 * 1024 },
  bare: { firstStepMs: 1500, imagesPerSec: 25, peakBytes: 60 * 1024 * 1024 },
  loopToBareRatio: 0.8016,
};

describe('formatBenchTable', () => {
  it('prints one row per result with rates, ratio, compile time and peak memory', () => {
    const lines = formatBenchTable([base]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('kernels');
    expect(lines[2]).toMatch(/^webgpu +stock +SwiftShader \(software\)/);
    expect(lines[2]).toContain('20.0');
    expect(lines[2]).toContain('25.0');
    expect(lines[2]).toContain('0.80');
    expect(lines[2]).toContain('1234 / 1500');
    expect(lines[2]).toContain('50 / 60');
  });

  it('shows dashes for what was not measured and lists the error', () => {
    const failed: BenchResult = { case: base.case, error: 'GPU out of memory' };
    const text = formatBenchTable([failed]);
    expect(text).toContain('—');
    expect(text).toContain('! webgpu/stock/alexnet-mini: GPU out of memory');
  });
});
