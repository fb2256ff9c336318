// Test-set evaluation in fixed-size batches, dropout off. The last, partial batch is padded (by
// repeating the last image) and the padding masked out of the sums, so every batch has the training
// batch's shape and the WebGPU buffer pool reuses its buffers.

import * as tf from '@tensorflow/tfjs';
import { NUM_CLASSES } from '../protocol';
import type { ModelSpec } from '../model/architecture';
import type { GpuImageSet } from './gpuImages';
import { forward, toModelInput } from '../model/models';
import { GpuAccumulators } from './trainingStep';

export interface EvaluationResult {
  /** Mean softmax cross-entropy per image. */
  loss: number;
  accuracy: number;
  count: number;
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
): Promise<EvaluationResult | null> {
  const n = Math.min(count, set.count);
  if (n < 1) throw new Error('The test set is empty: nothing to evaluate on.');
  const sums = new GpuAccumulators();
  try {
    let batches = 0;
    for (let start = 0; start < n; start += batchSize) {
      if (control.shouldStop()) return null;
      tf.tidy(() => {
        const positions = tf.range(start, start + batchSize, 1, 'int32');
        const valid = tf.cast(tf.less(positions, n), 'float32');
        const { images, labels } = set.gather(tf.minimum(positions, tf.scalar(n - 1, 'int32')));
        const logits = forward(model, toModelInput(images, spec), { training: false });
        const losses = tf.losses.softmaxCrossEntropy(
          tf.oneHot(labels, NUM_CLASSES),
          logits,
          undefined,
          undefined,
          tf.Reduction.NONE,
        );
        const hits = tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32');
        sums.lossSum.assign(tf.add(sums.lossSum, tf.sum(tf.mul(losses, valid))));
        sums.correct.assign(tf.add(sums.correct, tf.sum(tf.mul(hits, valid))));
      });
      batches += 1;
      if (batches % SYNC_EVERY_BATCHES === 0) await sums.read();
      await control.yieldControl();
    }
    const { lossSum, correct } = await sums.read();
    return { loss: lossSum / n, accuracy: correct / n, count: n };
  } finally {
    sums.dispose();
  }
}
