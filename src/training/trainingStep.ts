// One optimisation step of the custom training loop, with nothing read back to the CPU, and the
// "bare tfjs" step the benchmark compares it with.

import * as tf from '@tensorflow/tfjs';
import type { KernelMode, ModelName } from '../protocol';
import { NUM_CLASSES } from '../protocol';
import { MODEL_SPECS, type ModelSpec } from '../model/architecture';
import { buildModel, forward, toModelInput } from '../model/models';
import { markStepPhase } from './stepPhases';

/** Per-epoch sums kept on the GPU: step losses and correct predictions. Read every few steps. */
export class GpuAccumulators {
  // Made in a tidy: tf.variable keeps its initial value's tensor alive otherwise (a leak per instance).
  readonly lossSum = tf.tidy(() => tf.variable(tf.scalar(0), false));
  readonly correct = tf.tidy(() => tf.variable(tf.scalar(0), false));

  reset(): void {
    tf.tidy(() => {
      this.lossSum.assign(tf.scalar(0));
      this.correct.assign(tf.scalar(0));
    });
  }

  /** One GPU->CPU transfer for both sums. */
  async read(): Promise<{ lossSum: number; correct: number }> {
    const both = tf.stack([this.lossSum, this.correct]);
    try {
      const [lossSum = NaN, correct = NaN] = await both.data();
      return { lossSum, correct };
    } finally {
      both.dispose();
    }
  }

  dispose(): void {
    this.lossSum.dispose();
    this.correct.dispose();
  }
}

export interface StepBatch {
  /** [b, 28, 28, 1] in [0, 1], already augmented if augmentation is on. */
  images: tf.Tensor4D;
  /** [b] int32 class ids. */
  labels: tf.Tensor1D;
}

/** Count of rows whose arg-max logit is the label. */
export function countCorrect(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')));
}

/**
 * Mean softmax cross-entropy against targets smoothed by `labelSmoothing` e: (1 - e) on the label
 * and e / classes on every class (tfjs's and PyTorch's definition); e = 0 is the plain loss.
 */
export function smoothedCrossEntropy(
  oneHot: tf.Tensor,
  logits: tf.Tensor,
  labelSmoothing: number,
): tf.Scalar {
  return tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(
    oneHot,
    logits,
    undefined,
    labelSmoothing,
  );
}

/**
 * Forward, softmax cross-entropy, backward and optimizer update, adding the step's loss and correct
 * count to `sums`. Returns nothing and reads nothing: the caller decides when to sync. With
 * `labelSmoothing` e the target is (1 - e) one-hot + e / 10 everywhere (tfjs's and PyTorch's
 * definition), and the loss summed is that smoothed loss.
 */
export function trainStep(
  model: tf.LayersModel,
  spec: ModelSpec,
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
  batch: StepBatch,
  dropoutSeed: number,
  sums: GpuAccumulators,
  {
    kernels,
    dropoutRate,
    labelSmoothing = 0,
  }: { kernels: KernelMode; dropoutRate: number; labelSmoothing?: number },
): void {
  tf.tidy(() => {
    const input = toModelInput(batch.images, spec);
    const oneHot = tf.oneHot(batch.labels, NUM_CLASSES);
    let correct: tf.Scalar | undefined;
    // optimizer.minimize in its two halves, with the phase marks of the sampled step profile between.
    const { value: loss, grads } = optimizer.computeGradients(() => {
      markStepPhase('forward');
      const logits = forward(model, spec, input, {
        training: true,
        kernels,
        dropoutSeed,
        dropoutRate,
      });
      // computeGradients runs this inside its own tidy: keep the count so it outlives it.
      correct = tf.keep(countCorrect(logits, batch.labels));
      const stepLoss = smoothedCrossEntropy(oneHot, logits, labelSmoothing);
      markStepPhase('backward');
      return stepLoss;
    }, variables);
    markStepPhase('optimizer');
    // In the variables' order, as minimize() hands them over.
    optimizer.applyGradients(variables.map((v) => ({ name: v.name, tensor: grads[v.name]! })));
    tf.dispose(grads);
    markStepPhase('after');
    if (!correct) throw new Error('The optimizer returned no loss.');
    sums.lossSum.assign(tf.add(sums.lossSum, loss));
    sums.correct.assign(tf.add(sums.correct, correct));
    correct.dispose();
  });
}

/**
 * The plain tfjs way to train, for the benchmark's baseline: the same model (same seed), Adam and a
 * fixed random batch already at the model's input size, stepped with `model.trainOnBatch`, which reads
 * the loss back every step.
 */
export interface BareTrainingStep {
  /** One training step; resolves with its loss once the GPU has finished it. */
  step(): Promise<number>;
  dispose(): void;
}

export function createBareTrainingStep(
  name: ModelName,
  batchSize: number,
  learningRate = 0.001,
  seed = 42,
): BareTrainingStep {
  const spec = MODEL_SPECS[name];
  const model = buildModel(name, seed);
  const optimizer = tf.train.adam(learningRate);
  // The built model ends in logits; trainOnBatch wants probabilities for categoricalCrossentropy,
  // so the baseline adds the softmax the custom loop folds into its loss.
  const withSoftmax = tf.sequential({ layers: [model, tf.layers.softmax()] });
  withSoftmax.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const x = tf.randomUniform([batchSize, spec.inputSize, spec.inputSize, 1], 0, 1, 'float32', seed);
  const y = tf.tidy(() =>
    tf.oneHot(
      tf.randomUniform<tf.Rank.R1>([batchSize], 0, NUM_CLASSES, 'int32', seed + 1),
      NUM_CLASSES,
    ),
  );
  return {
    async step() {
      const loss = await withSoftmax.trainOnBatch(x, y);
      return typeof loss === 'number' ? loss : (loss[0] ?? NaN);
    },
    dispose() {
      x.dispose();
      y.dispose();
      withSoftmax.dispose(); // disposes the inner model too
      optimizer.dispose();
    },
  };
}
