import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { denseBiasRelu } from '../denseBiasRelu';
import { countDispatches } from '../../tools/dispatchCounter';
import { denseBiasReluChecks } from '../../tools/kernelChecks/denseChecks';
import { itPassesKernelChecks } from '../../testing/kernelCheckCases';
import { describeWebGpu, useWebGpuBackend } from '../../testing/webgpuNode';

// The fused dense + bias + ReLU and its three gradients on small shapes (odd sizes; a split with
// the bias and ReLU in the sum pass): every model layer takes these paths, and runs in `npm run
// check:kernels` (a Dawn case costs seconds of pipeline compiles on a software adapter).
// ReluMaskedMatMul.ts is checked here, as the gradients of x and the kernel.
describeWebGpu('own dense + bias + ReLU on WebGPU, against the CPU backend', () => {
  beforeAll(async () => {
    await useWebGpuBackend('own');
  });

  itPassesKernelChecks(denseBiasReluChecks(2, []));

  it('runs dense + bias + ReLU in one dispatch forward and three backward (no masked dy written)', async () => {
    const x = tf.randomNormal<tf.Rank.R2>([3, 37]);
    const w = tf.randomNormal<tf.Rank.R2>([37, 9]);
    const bias = tf.randomNormal<tf.Rank.R1>([9]);
    const y = tf.randomNormal<tf.Rank.R2>([3, 9]);
    await Promise.all([x.data(), w.data(), bias.data(), y.data()]);
    const count = (fn: () => unknown) => countDispatches(() => void tf.tidy(() => void fn()));
    const f = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
      denseBiasRelu(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D, 'own');
    // tf.sum's own forward and backward dispatches on the layer's output shape, without the layer.
    const sumAlone = await count(() => tf.grad((yy: tf.Tensor) => tf.sum(yy))(y));
    const withLayer = await count(() =>
      tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.sum(f(xx, ww, bb)))([
        x,
        w,
        bias,
      ]),
    );
    expect(await count(() => f(x, w, bias))).toBe(1);
    // dx and dW read dy masked by y themselves; the bias gradient is one more.
    expect(withLayer - sumAlone).toBe(1 + 3);
    tf.dispose([x, w, bias, y]);
  });
});
