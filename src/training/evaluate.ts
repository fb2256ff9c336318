// Test-set evaluation in fixed-size batches, dropout off. The last, partial batch is padded (by
// repeating the last image) and the padding masked out of the sums, so every batch has the training
// batch's shape and the WebGPU buffer pool reuses its buffers.
//
// The same pass counts the confusion matrix on the GPU (one-hot(true, masked)^T x one-hot(predicted),
// added up per batch) and keeps each image's predicted class and its probability, as one small
// tensor per batch: everything is read back once, at the end.

import * as tf from '@tensorflow/tfjs';
import { NUM_CLASSES, type KernelMode } from '../protocol';
import type { ModelSpec } from '../model/architecture';
import type { GpuImageSet } from './gpuImages';
import { forward, toModelInput } from '../model/models';
import { GpuAccumulators } from './trainingStep';

/** Each evaluated test image's predicted class and the probability the model gave that class. */
export interface TestPredictions {
  predicted: Uint8Array;
  probability: Float32Array;
}

export interface EvaluationResult {
  /** Mean softmax cross-entropy per image. */
  loss: number;
  accuracy: number;
  count: number;
  /** NUM_CLASSES^2 counts, `[true * NUM_CLASSES + predicted]`, summing to `count`. */
  confusion: Int32Array;
  /** For test images 0 .. count-1. */
  predictions: TestPredictions;
}

export interface EvaluationControl {
  /** Checked between batches; evaluation gives up (returns null) when it turns true. */
  shouldStop(): boolean;
  /** Awaited between batches so the worker can handle messages. */
  yieldControl(): Promise<void>;
}

/** Batches between two reads of the sums: keeps the GPU queue, and so a stop's delay, short. */
const SYNC_EVERY_BATCHES = 10;

export async function evaluate(
  model: tf.LayersModel,
  spec: ModelSpec,
  set: GpuImageSet,
  count: number,
  batchSize: number,
  control: EvaluationControl,
  kernels: KernelMode,
): Promise<EvaluationResult | null> {
  const n = Math.min(count, set.count);
  if (n < 1) throw new Error('The test set is empty: nothing to evaluate on.');
  const sums = new GpuAccumulators();
  const confusion = tf.tidy(() => tf.variable(tf.zeros([NUM_CLASSES, NUM_CLASSES]), false));
  /** Per batch, [batchSize, 2]: predicted class (as a float) and its probability. */
  const perImage: tf.Tensor2D[] = [];
  try {
    let batches = 0;
    for (let start = 0; start < n; start += batchSize) {
      if (control.shouldStop()) return null;
      const predictions = tf.tidy(() => {
        const positions = tf.range(start, start + batchSize, 1, 'int32');
        const valid = tf.cast(tf.less(positions, n), 'float32');
        const { images, labels } = set.gather(tf.minimum(positions, tf.scalar(n - 1, 'int32')));
        const logits = forward(model, spec, toModelInput(images, spec), {
          training: false,
          kernels,
        });
        const truth = tf.oneHot(labels, NUM_CLASSES);
        const losses = tf.losses.softmaxCrossEntropy(
          truth,
          logits,
          undefined,
          undefined,
          tf.Reduction.NONE,
        );
        const predicted = tf.argMax(logits, 1);
        const hits = tf.cast(tf.equal(predicted, labels), 'float32');
        sums.lossSum.assign(tf.add(sums.lossSum, tf.sum(tf.mul(losses, valid))));
        sums.correct.assign(tf.add(sums.correct, tf.sum(tf.mul(hits, valid))));
        // Padding rows get an all-zero truth row, so they add nothing to any cell.
        const maskedTruth = tf.mul(tf.cast(truth, 'float32'), tf.expandDims(valid, 1));
        const predictedOneHot = tf.cast(tf.oneHot(predicted, NUM_CLASSES), 'float32');
        confusion.assign(tf.add(confusion, tf.matMul(maskedTruth, predictedOneHot, true, false)));
        const probability = tf.max(tf.softmax(logits), 1);
        return tf.stack([tf.cast(predicted, 'float32'), probability], 1) as tf.Tensor2D;
      });
      perImage.push(predictions);
      batches += 1;
      if (batches % SYNC_EVERY_BATCHES === 0) await sums.read();
      await control.yieldControl();
    }
    return await readResult(sums, confusion, perImage, n);
  } finally {
    sums.dispose();
    confusion.dispose();
    tf.dispose(perImage);
  }
}

/** One GPU->CPU transfer for the sums, the confusion matrix and every image's prediction. */
async function readResult(
  sums: GpuAccumulators,
  confusion: tf.Variable,
  perImage: tf.Tensor2D[],
  n: number,
): Promise<EvaluationResult> {
  const all = tf.tidy(() =>
    tf.concat([
      tf.stack([sums.lossSum, sums.correct]),
      tf.reshape(confusion, [-1]),
      tf.reshape(tf.concat(perImage, 0), [-1]),
    ]),
  );
  let values: Float32Array;
  try {
    const data = await all.data();
    values = data instanceof Float32Array ? data : Float32Array.from(data);
  } finally {
    all.dispose();
  }
  const [lossSum = NaN, correct = NaN] = values;
  const cells = NUM_CLASSES * NUM_CLASSES;
  const predicted = new Uint8Array(n);
  const probability = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    predicted[i] = values[2 + cells + 2 * i] ?? 0;
    probability[i] = values[2 + cells + 2 * i + 1] ?? NaN;
  }
  return {
    loss: lossSum / n,
    accuracy: correct / n,
    count: n,
    confusion: Int32Array.from(values.subarray(2, 2 + cells), Math.round),
    predictions: { predicted, probability },
  };
}
