import { describe, expect, it } from 'vitest';
import type { BackendInfo } from '../../src/protocol';
import { formatBackendLine, formatDuration, formatEpochLine, formatProgressLine } from './format';

describe('formatEpochLine', () => {
  it("follows the reference log's format, plus images per second", () => {
    const line = formatEpochLine({
      epoch: 1,
      trainLoss: 0.63934,
      trainAccuracy: 0.7596,
      testLoss: 0.4,
      testAccuracy: 0.8562,
      trainSeconds: 70.14,
      evalSeconds: 3,
      imagesPerSec: 855.94,
    });
    expect(line).toBe(
      'epoch 1, loss 0.6393, train acc 0.760, test acc 0.856, time 70.1 sec, 855.9 img/s',
    );
  });
});

describe('formatProgressLine', () => {
  it('counts images, speed, loss and the time left in all epochs', () => {
    const progress = {
      epoch: 1,
      imagesDone: 12800,
      imagesTotal: 59904,
      loss: 0.65123,
      imagesPerSec: 1000,
    };
    // 47,104 left in this epoch + 4 more epochs of 59,904 = 286,720 images at 1000/s.
    expect(formatProgressLine(progress, 5)).toBe(
      'epoch 1/5, 12,800/59,904 images, 1000.0 img/s, loss 0.6512, ETA 4m 47s',
    );
    expect(formatProgressLine({ ...progress, imagesPerSec: 0 }, 5)).toMatch(/ETA \?$/);
  });
});

describe('formatDuration', () => {
  it.each([
    [9.4, '9s'],
    [75, '1m 15s'],
    [3725, '1h 2m'],
    [NaN, '?'],
  ])('%d s -> %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});

describe('formatBackendLine', () => {
  const webgpu: BackendInfo = {
    name: 'webgpu',
    adapter: {
      vendor: 'nvidia',
      architecture: 'hopper',
      device: '',
      description: 'NVIDIA H100 80GB HBM3',
      isFallbackAdapter: false,
    },
    fallbackReasons: [],
    isSoftware: false,
    kernels: { mode: 'own', own: ['Conv2DBackpropFilter'] },
  };

  it('names the adapter and says whether it is hardware', () => {
    expect(formatBackendLine(webgpu)).toBe(
      'Backend: webgpu on nvidia hopper "NVIDIA H100 80GB HBM3" (hardware), own kernels (Conv2DBackpropFilter)',
    );
    expect(
      formatBackendLine({ ...webgpu, isSoftware: true, kernels: { mode: 'stock', own: [] } }),
    ).toBe(
      'Backend: webgpu on nvidia hopper "NVIDIA H100 80GB HBM3" (software: runs on the CPU, ' +
        'numbers say nothing about GPUs), stock kernels (none of its own on this backend)',
    );
  });

  it('says the CPU backend is the CPU', () => {
    const cpu: BackendInfo = { ...webgpu, name: 'cpu', adapter: undefined, isSoftware: true };
    expect(formatBackendLine(cpu)).toBe('Backend: cpu (CPU), own kernels (Conv2DBackpropFilter)');
  });
});
