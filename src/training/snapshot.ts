// A model's weights and Adam's state as plain Float32Arrays (TrainerSnapshot), and back: what
// checkpoints store. The optimizer's part is tfjs's Adam format (iterations, then every variable's
// first moment, then every second moment), which FusedAdamOptimizer and tf.AdamOptimizer both read.

import * as tf from '@tensorflow/tfjs';
import {
  hasNonFinite,
  type CheckpointContents,
  type TensorData,
  type TrainerSnapshot,
} from '../protocol';

/** A checkpoint that does not fit the model it is restored into. */
export class SnapshotMismatchError extends Error {
  override name = 'SnapshotMismatchError';
}

async function toTensorData(name: string, tensor: tf.Tensor): Promise<TensorData> {
  if (tensor.dtype !== 'float32') throw new Error(`${name} is ${tensor.dtype}, not float32.`);
  const values = await tensor.data<'float32'>();
  // The CPU backend hands out its own storage: copy, so later steps cannot change the snapshot.
  return { name, shape: [...tensor.shape], values: Float32Array.from(values) };
}

/** A model's weights, read back from the backend, without optimizer state. */
export async function readWeights(model: tf.LayersModel): Promise<TrainerSnapshot> {
  const weights: TensorData[] = [];
  for (const w of model.weights) weights.push(await toTensorData(w.originalName, w.read()));
  return { weights, optimizer: null };
}

/** Reads the weights (and, for 'full', Adam's state) back from the backend. */
export async function takeSnapshot(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  contents: CheckpointContents,
): Promise<TrainerSnapshot> {
  const { weights } = await readWeights(model);
  if (contents === 'weights') return { weights, optimizer: null };
  const [iteration, ...moments] = await optimizer.getWeights();
  if (!iteration) throw new Error('The optimizer gave no iteration count.');
  const iterations = (await iteration.tensor.data())[0] ?? 0;
  iteration.tensor.dispose(); // a fresh scalar; the moments are the optimizer's own variables
  const momentData: TensorData[] = [];
  for (const m of moments) momentData.push(await toTensorData(m.name, m.tensor));
  return { weights, optimizer: { iterations, moments: momentData } };
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/** Why `snapshot` cannot be loaded into `model`, or null when it fits weight for weight. */
export function snapshotMismatch(model: tf.LayersModel, snapshot: TrainerSnapshot): string | null {
  const expected = model.weights;
  if (snapshot.weights.length !== expected.length) {
    return `it has ${snapshot.weights.length} weight tensors where ${model.name} has ${expected.length}`;
  }
  for (let i = 0; i < expected.length; i++) {
    const want = expected[i]!;
    const got = snapshot.weights[i]!;
    if (got.name !== want.originalName || !sameShape(got.shape, want.shape as number[])) {
      return `its weight ${got.name} [${got.shape.join(', ')}] is not ${want.originalName} [${want.shape.join(', ')}]`;
    }
    const size = want.shape.reduce<number>((a, b) => a * (b ?? 1), 1);
    if (got.values.length !== size)
      return `its weight ${got.name} has ${got.values.length} values, not ${size}`;
  }
  const optimizer = snapshot.optimizer;
  if (optimizer) {
    if (optimizer.moments.length !== 2 * expected.length) {
      return `it has ${optimizer.moments.length} Adam moments for ${expected.length} weights`;
    }
    for (let i = 0; i < optimizer.moments.length; i++) {
      const m = optimizer.moments[i]!;
      const w = snapshot.weights[i % expected.length]!;
      if (!sameShape(m.shape, w.shape) || m.values.length !== w.values.length) {
        return `its Adam moment ${m.name} does not have the shape of ${w.name}`;
      }
    }
    if (!Number.isSafeInteger(optimizer.iterations) || optimizer.iterations < 0) {
      return `its Adam step count ${optimizer.iterations} is not a whole number`;
    }
  }
  return null;
}

/** Puts `snapshot`'s values into `model` and (when it has them) Adam's state into `optimizer`. */
export async function restoreSnapshot(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  snapshot: TrainerSnapshot,
): Promise<void> {
  const problem = snapshotMismatch(model, snapshot);
  if (problem)
    throw new SnapshotMismatchError(`The checkpoint does not fit this model: ${problem}.`);
  // A damaged record, or a run that diverged: NaN would train on as NaN without a word.
  const bad = [...snapshot.weights, ...(snapshot.optimizer?.moments ?? [])].find((t) =>
    hasNonFinite(t.values),
  );
  if (bad) {
    throw new SnapshotMismatchError(
      `The weights cannot be used: ${bad.name} holds NaN or infinite values. Discard them and train anew.`,
    );
  }
  const weights = snapshot.weights.map((w) => tf.tensor(w.values, w.shape, 'float32'));
  try {
    model.setWeights(weights); // copies into the model's own variables
  } finally {
    tf.dispose(weights);
  }
  if (!snapshot.optimizer) return;
  const { iterations, moments } = snapshot.optimizer;
  const named = [
    { name: 'iter', tensor: tf.scalar(iterations, 'int32') },
    ...moments.map((m) => ({ name: m.name, tensor: tf.tensor(m.values, m.shape, 'float32') })),
  ];
  try {
    await optimizer.setWeights(named); // each moment becomes a variable of its own
  } finally {
    tf.dispose(named.map((n) => n.tensor));
  }
}
