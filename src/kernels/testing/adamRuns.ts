// What the fused Adam tests compare: a variable trained by an optimizer with seeded random
// gradients, and the optimizer's state as getWeights() gives it.

import * as tf from '@tensorflow/tfjs';

export interface AdamRun {
  variable: tf.Variable;
  optimizer: tf.Optimizer;
}

/**
 * Pseudo-random values in [-1, 1] of `shape`, a function of `seed` made on the current backend
 * (sin of a scrambled index): cheap for the 26M-element case, and the same in every run.
 */
function noise(shape: number[], seed: number): tf.Tensor {
  return tf.tidy(() => {
    const index = tf.range(0, tf.util.sizeFromShape(shape), 1, 'float32');
    return tf.sin(tf.add(tf.mul(index, 12.9898 + seed * 0.618), seed * 78.233)).reshape(shape);
  });
}

/** A variable of `shape` with seeded values, and the optimizer that will train it. */
export function startAdamRun(shape: number[], optimizer: tf.Optimizer, seed = 1): AdamRun {
  const variable = tf.tidy(() => tf.variable(noise(shape, seed)));
  return { variable, optimizer };
}

/** Steps `from` to `to` - 1: gradients seeded by the step, of varying scale, as training has. */
export function stepAdamRun(run: AdamRun, from: number, to: number): void {
  for (let step = from; step < to; step++) {
    tf.tidy(() => {
      const scale = 10 ** ((step % 5) - 3);
      const gradient = tf.mul(noise(run.variable.shape, 1000 + step), scale);
      run.optimizer.applyGradients({ [run.variable.name]: gradient });
    });
  }
}

/** The values a run starts from, to check that training moved them. */
export async function startValues(shape: number[], seed = 1): Promise<Float32Array> {
  const start = noise(shape, seed);
  const values = Float32Array.from(await start.data());
  start.dispose();
  return values;
}

export interface AdamState {
  w: Float32Array;
  m: Float32Array;
  v: Float32Array;
  iterations: number;
  names: string[];
}

export async function adamState(run: AdamRun): Promise<AdamState> {
  const weights = await run.optimizer.getWeights();
  const [iterations, m, v] = weights;
  if (!iterations || !m || !v)
    throw new Error(`Expected iterations, m and v, got ${weights.length}.`);
  const values = async (t: tf.Tensor) => Float32Array.from(await t.data());
  return {
    w: await values(run.variable),
    m: await values(m.tensor),
    v: await values(v.tensor),
    iterations: (await iterations.tensor.data())[0] ?? NaN,
    names: weights.map((w) => w.name),
  };
}

export function disposeAdamRun(run: AdamRun): void {
  run.optimizer.dispose();
  run.variable.dispose();
}

/** max |a - b| relative to the largest |b| (0 when both are all zeros). */
export function relativeError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff === 0 ? 0 : diff / scale;
}
