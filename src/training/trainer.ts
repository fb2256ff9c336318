// The training run: a fresh seeded model and Adam, epochs of shuffled fixed-size batches gathered on
// the GPU, the loss sums read back as ReadCadence decides (every step when steps are slower than
// about 0.75 s, up to 20 steps apart when fast), and an evaluation per epoch. Pure tfjs: it reports
// through callbacks and is steered through a control object.

import * as tf from '@tensorflow/tfjs';
import type { DoneReason, EpochMetrics, TrainConfig } from '../protocol';
import { IMAGE_SIZE } from '../protocol';
import { createAdam } from '../kernels/fusedAdam';
import { MODEL_SPECS, type ModelSpec } from '../model/architecture';
import { augmentBatch } from './augment';
import { evaluate } from './evaluate';
import type { GpuImageSet } from './gpuImages';
import { buildModel, forward, toModelInput, trainableVariables } from '../model/models';
import { createRandom, deriveSeed, shuffledIndices } from './random';
import { ReadCadence } from './readCadence';
import { GpuAccumulators, trainStep } from './trainingStep';
import { validateTrainConfig } from './trainConfig';
import { yieldToEventLoop } from './yieldToEventLoop';

export interface RunPlan {
  stepsPerEpoch: number;
  /** stepsPerEpoch * batchSize: the ragged tail is dropped. */
  imagesPerEpoch: number;
}

export interface StepProgress {
  epoch: number;
  imagesDone: number;
  imagesTotal: number;
  /** Mean loss of the steps since the previous report. */
  loss: number;
  imagesPerSec: number;
}

export interface TrainingCallbacks {
  onProgress(progress: StepProgress): void;
  onEpoch(metrics: EpochMetrics): void;
}

export interface TrainingControl {
  /** True once a stop was asked for: the run ends before its next step. */
  shouldStop(): boolean;
  /** Resolves at once unless paused; then when resumed or stopped. */
  waitIfPaused(): Promise<void>;
  /** Throws if the backend reported a failure (GPU out of memory, lost device) since the last call. */
  throwIfBackendFailed?(): void;
  /** Defaults to yieldToEventLoop. */
  yieldControl?(): Promise<void>;
}

export interface TrainingSets {
  train: GpuImageSet;
  test: GpuImageSet;
}

/** An epoch's training half: the GPU sums as last read, and the time its steps and reads took. */
interface EpochTraining {
  lossSum: number;
  correct: number;
  trainMs: number;
}

const yieldControl = (control: TrainingControl): Promise<void> =>
  control.yieldControl ? control.yieldControl() : yieldToEventLoop();

/** One model and its optimizer, trained by `run` and then kept for predictions. */
export class Trainer {
  readonly spec: ModelSpec;
  readonly model: tf.Sequential;
  readonly plan: RunPlan;
  private readonly optimizer: tf.Optimizer;
  private readonly variables: tf.Variable[];
  private disposed = false;

  constructor(
    readonly config: TrainConfig,
    private readonly sets: TrainingSets,
  ) {
    validateTrainConfig(config, { train: sets.train.count, test: sets.test.count });
    this.spec = MODEL_SPECS[config.model];
    const stepsPerEpoch = Math.floor(
      Math.min(config.trainImages, sets.train.count) / config.batchSize,
    );
    this.plan = { stepsPerEpoch, imagesPerEpoch: stepsPerEpoch * config.batchSize };
    this.model = buildModel(config.model, config.seed);
    this.variables = trainableVariables(this.model);
    this.optimizer = createAdam(config.learningRate);
  }

  /** Trains `config.epochs` epochs, each followed by a test-set evaluation, until done or stopped. */
  async run(callbacks: TrainingCallbacks, control: TrainingControl): Promise<DoneReason> {
    const sums = new GpuAccumulators();
    try {
      for (let epoch = 1; epoch <= this.config.epochs; epoch++) {
        const trained = await this.trainEpoch(epoch, sums, callbacks, control);
        if (!trained) return 'stopped';
        const metrics = await this.evaluateEpoch(epoch, trained, control);
        if (!metrics) return 'stopped';
        callbacks.onEpoch(metrics);
      }
      return 'finished';
    } finally {
      sums.dispose();
    }
  }

  /**
   * One pass over a fresh seeded shuffle of the training images, in whole batches. The loss and
   * correct-count sums stay on the GPU and are read when ReadCadence says so (every step when steps
   * are slow, every few when fast); each read becomes a progress report. Null when stopped midway.
   */
  private async trainEpoch(
    epoch: number,
    sums: GpuAccumulators,
    callbacks: TrainingCallbacks,
    control: TrainingControl,
  ): Promise<EpochTraining | null> {
    const { config, plan } = this;
    const random = createRandom(deriveSeed(config.seed, epoch));
    const trainCount = Math.min(config.trainImages, this.sets.train.count);
    const order = shuffledIndices(trainCount, random).subarray(0, plan.imagesPerEpoch);
    const orderTensor = tf.tensor1d(order, 'int32');
    sums.reset();
    const cadence = new ReadCadence();
    let lastRead = { lossSum: 0, correct: 0 };
    let trainMs = 0;
    try {
      for (let step = 0; step < plan.stepsPerEpoch; step++) {
        await control.waitIfPaused();
        if (control.shouldStop()) return null;
        const stepStart = performance.now();
        cadence.stepStarting(stepStart);
        this.step(orderTensor, step, deriveSeed(config.seed, epoch, step), random, sums);
        cadence.stepDone();
        trainMs += performance.now() - stepStart;
        if (cadence.readDue(step === plan.stepsPerEpoch - 1)) {
          const readStart = performance.now();
          const read = await sums.read();
          control.throwIfBackendFailed?.();
          const now = performance.now();
          trainMs += now - readStart;
          const imagesDone = (step + 1) * config.batchSize;
          callbacks.onProgress({
            epoch,
            imagesDone,
            imagesTotal: plan.imagesPerEpoch,
            loss: (read.lossSum - lastRead.lossSum) / cadence.pendingSteps,
            imagesPerSec: imagesDone / (trainMs / 1000),
          });
          cadence.readDone(now);
          lastRead = read;
        }
        // Every step, read or not: a read can resolve without a macrotask turn (the CPU
        // backend's does), and pause/stop/predict must get through between any two steps.
        await yieldControl(control);
      }
    } finally {
      orderTensor.dispose();
    }
    // The last step is always read, so lastRead holds the whole epoch's sums.
    return { ...lastRead, trainMs };
  }

  /** The test-set loss and accuracy after an epoch, as the epoch's metrics; null when stopped. */
  private async evaluateEpoch(
    epoch: number,
    trained: EpochTraining,
    control: TrainingControl,
  ): Promise<EpochMetrics | null> {
    const { config, plan } = this;
    const evalStart = performance.now();
    const result = await evaluate(
      this.model,
      this.spec,
      this.sets.test,
      config.testImages,
      config.batchSize,
      { shouldStop: () => control.shouldStop(), yieldControl: () => yieldControl(control) },
    );
    control.throwIfBackendFailed?.();
    if (!result) return null;
    const trainSeconds = trained.trainMs / 1000;
    return {
      epoch,
      trainLoss: trained.lossSum / plan.stepsPerEpoch,
      trainAccuracy: trained.correct / plan.imagesPerEpoch,
      testLoss: result.loss,
      testAccuracy: result.accuracy,
      trainSeconds,
      evalSeconds: (performance.now() - evalStart) / 1000,
      imagesPerSec: plan.imagesPerEpoch / trainSeconds,
    };
  }

  private step(
    order: tf.Tensor1D,
    step: number,
    dropoutSeed: number,
    random: () => number,
    sums: GpuAccumulators,
  ): void {
    const { batchSize, augment } = this.config;
    tf.tidy(() => {
      const indices = tf.slice(order, [step * batchSize], [batchSize]);
      const batch = this.sets.train.gather(indices);
      const images = augment ? augmentBatch(batch.images, random) : batch.images;
      trainStep(
        this.model,
        this.spec,
        this.optimizer,
        this.variables,
        { images, labels: batch.labels },
        dropoutSeed,
        sums,
      );
    });
  }

  /** Class probabilities for `pixels` (n * 784 values in [0, 1]), with the current weights. */
  async predict(pixels: Float32Array, n: number): Promise<Float32Array> {
    if (this.disposed) throw new Error('This model was disposed.');
    const probabilities = tf.tidy(() => {
      const images = tf.tensor4d(pixels, [n, IMAGE_SIZE, IMAGE_SIZE, 1]);
      return tf.softmax(forward(this.model, toModelInput(images, this.spec), { training: false }));
    });
    try {
      const values = await probabilities.data();
      return values instanceof Float32Array ? values : Float32Array.from(values);
    } finally {
      probabilities.dispose();
    }
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.optimizer.dispose();
    this.model.dispose();
  }
}
