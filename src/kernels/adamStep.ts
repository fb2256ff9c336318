// The scalars of one Adam update, as the fused kernels (CPU and WebGPU) take them as attributes and
// as tfjs's AdamOptimizer (tfjs-core optimizers/adam_optimizer.ts) computes with them: every value
// enters the arithmetic as a float32, in this order (same operations as tfjs, so results match):
//   m' = m * beta1 + g * (1 - beta1)
//   v' = v * beta2 + (g * g) * (1 - beta2)
//   w' = ((m' / (1 - accBeta1)) / (sqrt(v' / (1 - accBeta2)) + epsilon)) * -learningRate + w * keep
// where accBeta is beta^(t + 1) after t steps, kept in float32 by repeated multiplication, and
// keep = 1 - learningRate * weightDecay is AdamW's decoupled decay (PyTorch's p.mul_(1 - lr * wd)
// before the Adam step). Without decay keep is exactly 1, so w * keep is w and the result is tfjs's.
// The learning rate and decay change per step (the schedule): they reach the WebGPU kernel as a
// uniform, so no step recompiles anything.

import type * as tf from '@tensorflow/tfjs';
import { numberAttr } from './kernelAttrs';
import { FUSED_ADAM } from './ownKernelNames';

export interface AdamStepAttrs {
  learningRate: number;
  /** AdamW's decoupled weight decay; 0 for plain Adam. */
  weightDecay: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1 - beta1^(t + 1), float32, as tfjs computes it from its accumulated accBeta1. */
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
}

/** The float32 constants of one update, in the order the WebGPU kernel's uniform declares them. */
export interface AdamStepConstants {
  beta1: number;
  oneMinusBeta1: number;
  beta2: number;
  oneMinusBeta2: number;
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
  epsilon: number;
  negLearningRate: number;
  /** 1 - learningRate * weightDecay, what every weight is multiplied by before the step. */
  keepWeight: number;
}

export function adamStepConstants(attrs: tf.NamedAttrMap | undefined): AdamStepConstants {
  const read = (name: keyof AdamStepAttrs) => numberAttr(attrs, name, FUSED_ADAM);
  const f = Math.fround;
  return {
    beta1: f(read('beta1')),
    oneMinusBeta1: f(1 - read('beta1')),
    beta2: f(read('beta2')),
    oneMinusBeta2: f(1 - read('beta2')),
    oneMinusAccBeta1: f(read('oneMinusAccBeta1')),
    oneMinusAccBeta2: f(read('oneMinusAccBeta2')),
    epsilon: f(read('epsilon')),
    negLearningRate: f(-read('learningRate')),
    keepWeight: f(1 - read('learningRate') * read('weightDecay')),
  };
}
