import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, expect, it } from 'vitest';
import { describeWebGpu, maxAbsDiff, useWebGpuBackend } from '../../testing/webgpuNode';
import { reluMaskedMatMulConfig } from './ReluMaskedMatMul';
import { viaMaskedDy } from './reluMasking';
import { runRegistered } from './stockFallback';

// The fallback for inputs the core cannot take (masked dy written, then the plain kernel) is what
// the in-place masked product must equal; no training input reaches it, so it is run directly.
describeWebGpu('ReLU-masked products on WebGPU: the fallback path', () => {
  beforeAll(() => useWebGpuBackend('own'));

  it('masks dy by y > 0, then runs the registered plain kernel: as the in-place product', async () => {
    const a = tf.randomNormal([5, 7]);
    const dy = tf.randomNormal([7, 3]);
    const y = tf.randomNormal([7, 3]);
    await Promise.all([a.data(), dy.data(), y.data()]);
    const backend = tf.backend() as WebGPUBackend;
    const attrs = { transposeA: false, transposeB: false, masked: 'b' };
    const args = { inputs: { a, b: dy, y }, backend, attrs };
    const fused = reluMaskedMatMulConfig.kernelFunc(args) as tf.TensorInfo;
    const fallback = viaMaskedDy(
      { ...args, attrs: { transposeA: false, transposeB: false } },
      tf.BatchMatMul,
      'b',
    );
    const expected = tf.matMul(a, tf.mul(dy, tf.step(y)));
    const [f, g] = [fused, fallback].map((t) => tf.engine().makeTensorFromTensorInfo(t));
    const want = await expected.data();
    // All three products run on the same core in the same order: equal to the bit (0 in 3 draws).
    expect(maxAbsDiff(await f!.data(), want)).toBe(0);
    expect(maxAbsDiff(await g!.data(), want)).toBe(0);
    tf.dispose([a, dy, y, expected, f!, g!]);
  });

  it('names the caller and the missing kernel when none is registered', () => {
    const backend = tf.backend() as WebGPUBackend;
    expect(() => runRegistered('A fused kernel', 'NoSuchKernel', backend, {})).toThrow(
      'A fused kernel needs NoSuchKernel on webgpu.',
    );
  });
});
