import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { describeWebGpu, maxAbsDiff, onCpu, useWebGpuBackend } from './webgpuNode';

describeWebGpu('the in-process WebGPU test backend', () => {
  it('runs tfjs on the Dawn adapter and switches to the CPU for references', async () => {
    const { info } = await useWebGpuBackend('stock');
    expect(info).toMatchObject({ name: 'webgpu', isSoftware: true });
    const x = new Float32Array(2 * 9 * 9 * 3).map((_, i) => Math.sin(i));
    const w = new Float32Array(3 * 3 * 3 * 4).map((_, i) => Math.cos(i));
    const conv = () =>
      tf.tidy(() =>
        tf.conv2d(tf.tensor4d(x, [2, 9, 9, 3]), tf.tensor4d(w, [3, 3, 3, 4]), 2, 'same'),
      );
    const onGpu = conv();
    expect(tf.getBackend()).toBe('webgpu');
    const gpuValues = await onGpu.data();
    onGpu.dispose();
    const cpuValues = await onCpu(() => conv().data());
    expect(tf.getBackend()).toBe('webgpu');
    expect(gpuValues.length).toBe(2 * 5 * 5 * 4);
    expect(maxAbsDiff(gpuValues, cpuValues)).toBeLessThan(1e-4);
  });
});
