// The bench rows of the own training kernels (src/kernels: biasRelu, seededDropout, fusedAdam), each
// as a training step runs it on a layer: bias + ReLU forward with both gradients, dropout forward
// with its gradient, one Adam update of the layer's weights. In 'stock' mode the same calls run
// tfjs's ops (Add + Relu, a mask drawn on the CPU and a multiply, tf.train.adam), as the app does
// then. The op bench swaps the registry between its timings (installKernels), so each call takes
// the mode installed now.

import * as tf from '@tensorflow/tfjs';
import { biasRelu } from '../../kernels/biasRelu';
import { createAdam } from '../../kernels/fusedAdam';
import { installedKernelMode } from '../../kernels/installKernels';
import { BIAS_RELU, FUSED_ADAM, SEEDED_DROPOUT } from '../../kernels/ownKernelNames';
import type { KernelMode } from '../../protocol';
import { seededDropout } from '../../kernels/seededDropout';
import { conv, dense, type BenchLayer, type OpDescriptor } from './opDescriptor';

/** One image's output of the layer (before its activation), and the weights' shape. */
function activationShape(layer: BenchLayer): number[] {
  return layer.kind === 'conv' ? conv(layer).output : [dense(layer).units];
}

function weightShape(layer: BenchLayer): number[] {
  return layer.kind === 'conv' ? conv(layer).filter : [dense(layer).inputs, dense(layer).units];
}

/** Per weight tensor under test: the variable and each kernel mode's optimizer, kept across calls. */
interface AdamState {
  variable: tf.Variable;
  optimizers: Map<KernelMode, tf.Optimizer>;
}
const adamStates = new WeakMap<tf.Tensor, AdamState>();

function adamState(start: tf.Tensor): AdamState {
  let state = adamStates.get(start);
  if (!state) {
    state = { variable: tf.variable(start), optimizers: new Map() };
    adamStates.set(start, state);
  }
  return state;
}

export const trainingOps: OpDescriptor[] = [
  {
    op: 'biasRelu',
    kernel: BIAS_RELU,
    appliesTo: ['conv', 'dense'],
    inputShapes: (l, b) => {
      const shape = [b, ...activationShape(l)];
      return [shape, [shape.at(-1)!], shape];
    },
    notInTraining: (l) =>
      l.kind === 'dense' && !dense(l).relu
        ? 'not in a training step: no ReLU on the logits'
        : undefined,
    // Forward, then dx and dBias from the given upstream gradient.
    run: ([x, bias, dy]) =>
      tf.grads((xx: tf.Tensor, bb: tf.Tensor) =>
        biasRelu(xx, bb as tf.Tensor1D, installedKernelMode('webgpu')),
      )([x!, bias!], dy),
  },
  {
    op: 'dropout',
    kernel: SEEDED_DROPOUT,
    appliesTo: ['dense'],
    inputShapes: (l, b) => [
      [b, dense(l).units],
      [b, dense(l).units],
    ],
    notInTraining: (l) =>
      l.kind === 'dense' && dense(l).dropoutRate === undefined
        ? 'not in a training step: no dropout after this layer'
        : undefined,
    run: ([x, dy], l) =>
      tf.grad((xx: tf.Tensor) =>
        seededDropout(xx, dense(l).dropoutRate ?? 0.5, 12345, installedKernelMode('webgpu')),
      )(x!, dy),
  },
  {
    op: 'adam',
    kernel: FUSED_ADAM,
    appliesTo: ['conv', 'dense'],
    // The weights' start values and a gradient.
    inputShapes: (l) => [weightShape(l), weightShape(l)],
    // One update of the layer's weights (the first call, the warm-up, creates the moments), by the
    // optimizer the trainer's createAdam gives with the kernels installed now.
    run: ([start, gradient]) => {
      const state = adamState(start!);
      const mode = installedKernelMode('webgpu');
      let optimizer = state.optimizers.get(mode);
      if (!optimizer) {
        optimizer = createAdam(0.001, mode);
        state.optimizers.set(mode, optimizer);
      }
      optimizer.applyGradients({ [state.variable.name]: gradient! });
      return [];
    },
    dispose: ([start]) => {
      const state = start && adamStates.get(start);
      if (!state) return;
      state.optimizers.forEach((o) => o.dispose());
      state.variable.dispose();
      adamStates.delete(start);
    },
  },
];
