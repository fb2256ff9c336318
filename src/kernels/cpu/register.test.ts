import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { installKernels } from '../installKernels';

// Runs before the fast kernels are installed, so the references come from tfjs's stock kernels.
beforeAll(async () => {
  tf.enableProdMode();
  await tf.setBackend('cpu');
});

interface Case {
  label: string;
  input: [number, number, number, number];
  filter: [number, number, number, number];
  stride: number;
  pad: 'same' | 'valid' | number;
}

const CASES: Case[] = [
  {
    label: '5x5 same, stride 1',
    input: [2, 9, 9, 3],
    filter: [5, 5, 3, 4],
    stride: 1,
    pad: 'same',
  },
  {
    label: '11x11 valid, stride 4',
    input: [2, 23, 23, 1],
    filter: [11, 11, 1, 3],
    stride: 4,
    pad: 'valid',
  },
  { label: '3x3 pad 1, stride 2', input: [1, 8, 7, 2], filter: [3, 3, 2, 5], stride: 2, pad: 1 },
];

/**
 * Output, filter and input gradients, max-pool gradient, fused conv+bias+ReLU, the bias-gradient sum
 * and 2-D matrix products in all four transpose combinations, for one case.
 */
function products(c: Case): number[][] {
  return tf.tidy(() => {
    // ReLU makes some inputs exactly zero, the case the fast kernels skip.
    const x = tf.relu(tf.randomNormal<tf.Rank.R4>(c.input, 0, 1, 'float32', 1));
    const w = tf.randomNormal<tf.Rank.R4>(c.filter, 0, 1, 'float32', 2);
    const conv = (xx: tf.Tensor4D, ww: tf.Tensor4D) => tf.conv2d(xx, ww, c.stride, c.pad);
    const y = conv(x, w);
    const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 3);
    const [dx, dw] = tf.grads((xx: tf.Tensor, ww: tf.Tensor) =>
      conv(xx as tf.Tensor4D, ww as tf.Tensor4D),
    )([x, w], dy);
    const dPool = tf.grad((xx: tf.Tensor) => tf.maxPool(xx as tf.Tensor4D, 3, 2, 'valid').sum())(x);
    const bias = tf.randomNormal<tf.Rank.R1>([c.filter[3]], 0, 1, 'float32', 6);
    const fused = tf.fused.conv2d({
      x,
      filter: w,
      strides: c.stride,
      pad: c.pad,
      bias,
      activation: 'relu',
    });
    const biasGradient = tf.sum(y, [0, 1, 2]);
    const a = tf.randomNormal<tf.Rank.R2>([5, 7], 0, 1, 'float32', 7);
    const b = tf.randomNormal<tf.Rank.R2>([7, 3], 0, 1, 'float32', 8);
    const products = [
      tf.matMul(a, b),
      tf.matMul(a.transpose(), b, true, false),
      tf.matMul(a, b.transpose(), false, true),
      tf.matMul(a.transpose(), b.transpose(), true, true),
    ];
    return [y, dw!, dx!, dPool, fused, biasGradient, ...products].map((t) =>
      Array.from(t.dataSync()),
    );
  });
}

describe('own CPU kernels', () => {
  it('computes what the stock CPU kernels compute', () => {
    const stock = CASES.map(products);
    const stockKernel = tf.getKernel('Conv2DBackpropFilter', 'cpu')?.kernelFunc;
    installKernels('cpu', 'own');
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')?.kernelFunc).not.toBe(stockKernel);
    CASES.forEach((c, i) => {
      const fast = products(c);
      fast.forEach((values, k) => {
        const reference = stock[i]![k]!;
        expect(values.length, c.label).toBe(reference.length);
        const worst = Math.max(...values.map((v, j) => Math.abs(v - reference[j]!)));
        expect(worst, `${c.label}, product ${k}`).toBeLessThan(1e-3);
      });
    });
  });

  it('leaves NCHW convolutions to the stock kernel', () => {
    // The fast Conv2D reads NHWC only: an NCHW call must reach the stock kernel, whose result is the
    // NHWC convolution transposed.
    installKernels('cpu', 'own');
    const [nchw, viaNhwc] = tf.tidy(() => {
      const x = tf.randomNormal<tf.Rank.R4>([1, 2, 6, 6], 0, 1, 'float32', 4);
      const w = tf.randomNormal<tf.Rank.R4>([3, 3, 2, 2], 0, 1, 'float32', 5);
      const direct = tf.conv2d(x, w, 1, 'same', 'NCHW');
      const nhwc = tf.conv2d(tf.transpose(x, [0, 2, 3, 1]), w, 1, 'same');
      return [direct.dataSync(), tf.transpose(nhwc, [0, 3, 1, 2]).dataSync()];
    });
    expect(Array.from(nchw).map((v) => v.toFixed(4))).toEqual(
      Array.from(viaNhwc).map((v) => v.toFixed(4)),
    );
  });

  it('puts the stock kernels back in stock mode, except the Transform fix', () => {
    installKernels('cpu', 'own');
    const own = tf.getKernel('Conv2DBackpropFilter', 'cpu')?.kernelFunc;
    const ownTransform = tf.getKernel('Transform', 'cpu')?.kernelFunc;
    expect(installKernels('cpu', 'stock')).toEqual(['Transform']);
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')?.kernelFunc).not.toBe(own);
    expect(tf.getKernel('Transform', 'cpu')?.kernelFunc).toBe(ownTransform);
    expect(installKernels('cpu', 'own')).toContain('Conv2DBackpropFilter');
  });
});
