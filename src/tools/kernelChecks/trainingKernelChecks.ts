// Correctness cases for the own training kernels (seeded dropout, bias + ReLU, fused Adam) in the
// shape of the other kernel checks, so scripts/check-kernels.ts runs them on any adapter against
// tfjs's CPU backend. The cases are the kernels' own lists (./cases/*.cases.ts); the layer
// shapes of bias + ReLU are taken at the check's batch. The *.webgpu.test.ts files beside the
// kernels test more (exact forward outputs, keep rates over 10^6 draws, dispatch counts).

import * as tf from '@tensorflow/tfjs';
import { biasRelu } from '../../kernels/biasRelu';
import { BIAS_RELU_CASES, RELU_LAYER_SHAPES } from './cases/biasRelu.cases';
import { createAdam } from '../../kernels/fusedAdam';
import { FUSED_ADAM_CASES } from './cases/fusedAdam.cases';
import { BIAS_RELU, FUSED_ADAM, SEEDED_DROPOUT } from '../../kernels/ownKernelNames';
import { seededDropout } from '../../kernels/seededDropout';
import { SEEDED_DROPOUT_CASES, SEEDED_DROPOUT_TOLERANCE } from './cases/seededDropout.cases';
import type { KernelCheck } from './kernelCheck';

/**
 * Forward output and input gradient: the masks are exact functions of (seed, index), so the GPU
 * must give the bits of this project's CPU kernel.
 */
export function seededDropoutChecks(): KernelCheck[] {
  return SEEDED_DROPOUT_CASES.map(({ label, shape, rate, seed }) => ({
    kernel: SEEDED_DROPOUT,
    label: `${label}: output and gradient`,
    inputShapes: [shape, shape],
    compute: ([x, dy], _backend, kernels) => {
      const drop = (xx: tf.Tensor) => seededDropout(xx, rate, seed, kernels);
      return [drop(x!), tf.grad(drop)(x!, dy)];
    },
    tolerance: SEEDED_DROPOUT_TOLERANCE,
    reference: 'own',
  }));
}

/**
 * The bias gradient sums each column in another order than tfjs's Sum: its error, relative to the
 * largest bias gradient, is allowed this much; the output and input gradient come out exact.
 */
const BIAS_RELU_CHECK_TOLERANCE = 1e-5;

/** relu(x + bias), dx and dBias for an upstream gradient, against tfjs's Add + Relu on the CPU. */
export function biasReluChecks(batch: number, alexnetBatch = batch): KernelCheck[] {
  const layers = RELU_LAYER_SHAPES.map(([layer, shape]) => {
    const b = layer.startsWith('alexnet-mini') ? batch : alexnetBatch;
    return { label: `${layer}, batch ${b}`, shape: [b, ...shape] };
  });
  const odd = BIAS_RELU_CASES.filter((c) => c.label.startsWith('odd'));
  return [...layers, ...odd].map(({ label, shape }) => ({
    kernel: BIAS_RELU,
    label: `${label}: output and both gradients`,
    inputShapes: [shape, [shape.at(-1) ?? 1], shape],
    compute: ([x, bias, dy], _backend, kernels) => {
      const f = (xx: tf.Tensor, bb: tf.Tensor) => biasRelu(xx, bb as tf.Tensor1D, kernels);
      return [f(x!, bias!), ...tf.grads(f)([x!, bias!], dy)];
    },
    tolerance: BIAS_RELU_CHECK_TOLERANCE,
    reference: 'stock',
  }));
}

/**
 * Adam against tf.train.adam on the CPU: the weights and both moments after the case's steps. The
 * CPU's division and square root are correctly rounded, a GPU's need not be (WGSL allows a few
 * ulp), so the bound is looser than the 1e-6 the tests hold it to against tf.train.adam on the
 * same adapter.
 */
const FUSED_ADAM_CHECK_TOLERANCE = 1e-5;

export function fusedAdamChecks(): KernelCheck[] {
  return FUSED_ADAM_CASES.map(({ label, shape, steps, learningRate }) => ({
    kernel: FUSED_ADAM,
    label: `${label}: weights and moments after ${steps} steps`,
    // Start values and two gradients, used in turn at scales 1e-3 to 10 (as training sees).
    inputShapes: [shape, shape, shape],
    compute: async ([start, g0, g1], _backend, kernels) => {
      // createAdam: the fused optimizer with own kernels (WebGPU), tf.train.adam on the stock CPU
      // reference.
      const optimizer = createAdam(learningRate, kernels);
      const variable = tf.variable(start!);
      try {
        for (let step = 0; step < steps; step++) {
          tf.tidy(() => {
            const gradient = tf.mul(step % 2 ? g1! : g0!, 10 ** ((step % 5) - 3));
            optimizer.applyGradients({ [variable.name]: gradient });
          });
        }
        const [, m, v] = await optimizer.getWeights();
        if (!m || !v) throw new Error('The optimizer has no moments.');
        return [variable.clone(), m.tensor.clone(), v.tensor.clone()];
      } finally {
        optimizer.dispose();
        variable.dispose();
      }
    },
    tolerance: FUSED_ADAM_CHECK_TOLERANCE,
    reference: 'stock',
  }));
}
