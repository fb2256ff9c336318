// The training run: a fresh seeded model and Adam, epochs of shuffled fixed-size batches gathered on
// the GPU, the loss sums read back as ReadCadence decides (every step when steps are slower than
// about 0.75 s, up to 20 steps apart when fast), and an evaluation per epoch. Pure tfjs: it reports
// through callbacks and is steered through a control object.

import * as tf from '@tensorflow/tfjs';
import { stepScalars } from '../protocol';
import type {
  CheckpointContents,
  DoneReason,
  EpochMetrics,
  KernelMode,
  TrainConfig,
  TrainerSnapshot,
} from '../protocol';
import { createAdam, FusedAdamOptimizer } from '../kernels/fusedAdam';
import { MODEL_SPECS, type ModelSpec } from '../model/architecture';
import { augmentBatch } from './augment';
import { precisionRecall } from './classMetrics';
import { evaluate, type TestPredictions } from './evaluate';
import type { GpuImageSet } from './gpuImages';
import { buildModel, trainableVariables } from '../model/models';
import { predictProbabilities, type Predictor } from './predict';
import { createRandom, deriveSeed, shuffledIndices } from './random';
import { restoreSnapshot, takeSnapshot } from './snapshot';
import { ReadCadence } from './readCadence';
import type { StepProfiler } from './stepProfiler';
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
  /** Awaited before the next epoch starts: the weights stay as they are until it resolves, so a
   * checkpoint can read them (Trainer.snapshot) at the epoch's end. */
  onEpoch(metrics: EpochMetrics): void | Promise<void>;
  /** Samples a step now and then for the live step profile (stepProfiler.ts); absent: none. */
  profiler?: StepProfiler;
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

/** Whether the recipe changes Adam's learning rate or decays weights (so needs them per step). */
const hasStepScalars = (config: TrainConfig): boolean =>
  config.schedule !== 'constant' || config.weightDecay > 0;

const yieldControl = (control: TrainingControl): Promise<void> =>
  control.yieldControl ? control.yieldControl() : yieldToEventLoop();

/** One model and its optimizer, trained by `run` and then kept for predictions. */
export class Trainer implements Predictor {
  readonly spec: ModelSpec;
  readonly model: tf.Sequential;
  readonly plan: RunPlan;
  private readonly optimizer: tf.Optimizer;
  private readonly variables: tf.Variable[];
  /** Each evaluated epoch's per-image predictions, for the images behind its confusion matrix. */
  private readonly predictionsByEpoch = new Map<number, TestPredictions>();
  private disposed = false;
  /** Epochs finished so far, by this trainer or the checkpoint it was restored from. */
  private finishedEpochs = 0;

  /**
   * `kernels`: the engine's kernel mode, handed to every op that has an own kernel. The initial
   * weights, shuffles, augmentation and dropout masks do not depend on it.
   */
  constructor(
    readonly config: TrainConfig,
    private readonly sets: TrainingSets,
    readonly kernels: KernelMode,
  ) {
    validateTrainConfig(config, { train: sets.train.count, test: sets.test.count });
    this.spec = MODEL_SPECS[config.model];
    const stepsPerEpoch = Math.floor(
      Math.min(config.trainImages, sets.train.count) / config.batchSize,
    );
    this.plan = { stepsPerEpoch, imagesPerEpoch: stepsPerEpoch * config.batchSize };
    this.model = buildModel(config.model, config.seed);
    this.variables = trainableVariables(this.model);
    this.optimizer = createAdam(config.learningRate, kernels, hasStepScalars(config));
  }

  get epochsDone(): number {
    return this.finishedEpochs;
  }

  /**
   * Trains the epochs left of `config.epochs` (all of them unless restored from a checkpoint), each
   * followed by a test-set evaluation, until done or stopped.
   */
  async run(callbacks: TrainingCallbacks, control: TrainingControl): Promise<DoneReason> {
    const sums = new GpuAccumulators();
    try {
      for (let epoch = this.finishedEpochs + 1; epoch <= this.config.epochs; epoch++) {
        const trained = await this.trainEpoch(epoch, sums, callbacks, control);
        if (!trained) return 'stopped';
        const metrics = await this.evaluateEpoch(epoch, trained, control);
        if (!metrics) return 'stopped';
        this.finishedEpochs = epoch;
        await callbacks.onEpoch(metrics);
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
        const runStep = (epoch - 1) * plan.stepsPerEpoch + step;
        const runOne = () =>
          this.step(orderTensor, step, runStep, deriveSeed(config.seed, epoch, step), random, sums);
        if (callbacks.profiler) await callbacks.profiler.run(runStep, runOne);
        else runOne();
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

  /** The test-set evaluation after an epoch, as the epoch's metrics (with its confusion matrix and
   * per-class precision and recall); null when stopped. Keeps its per-image predictions. */
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
      this.kernels,
    );
    control.throwIfBackendFailed?.();
    if (!result) return null;
    this.predictionsByEpoch.set(epoch, result.predictions);
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
      classes: { confusion: result.confusion, ...precisionRecall(result.confusion) },
    };
  }

  /**
   * This trainer's own step, again and again, on epoch 1's shuffle (wrapping round its batches),
   * with no reads, reports or evaluation: what a benchmark times. `step()` records one step's GPU
   * work and returns; `dispose()` frees the order and sums it made.
   */
  stepRunner(): { step(): void; dispose(): void } {
    const { config, plan } = this;
    const random = createRandom(deriveSeed(config.seed, 1));
    const trainCount = Math.min(config.trainImages, this.sets.train.count);
    const order = tf.tensor1d(
      shuffledIndices(trainCount, random).subarray(0, plan.imagesPerEpoch),
      'int32',
    );
    const sums = new GpuAccumulators();
    let runStep = 0;
    return {
      step: () => {
        const step = runStep % plan.stepsPerEpoch;
        this.step(order, step, runStep, deriveSeed(config.seed, 1, step), random, sums);
        runStep++;
      },
      dispose: () => {
        order.dispose();
        sums.dispose();
      },
    };
  }

  /** What epoch `epoch`'s evaluation predicted for each test image; undefined if not evaluated. */
  testPredictions(epoch: number): TestPredictions | undefined {
    return this.predictionsByEpoch.get(epoch);
  }

  /** Step `step` of the epoch, `runStep` of the run (what the learning-rate schedule counts). */
  private step(
    order: tf.Tensor1D,
    step: number,
    runStep: number,
    dropoutSeed: number,
    random: () => number,
    sums: GpuAccumulators,
  ): void {
    const { config, plan } = this;
    const { batchSize, flips, shifts } = config;
    if (this.optimizer instanceof FusedAdamOptimizer) {
      // Two numbers a step; resumed runs count runStep from their epoch, so the schedule goes on.
      this.optimizer.setStepScalars(
        stepScalars(config, runStep, plan.stepsPerEpoch * config.epochs),
      );
    }
    tf.tidy(() => {
      const indices = tf.slice(order, [step * batchSize], [batchSize]);
      const batch = this.sets.train.gather(indices);
      const images =
        flips || shifts ? augmentBatch(batch.images, random, { flips, shifts }) : batch.images;
      trainStep(
        this.model,
        this.spec,
        this.optimizer,
        this.variables,
        { images, labels: batch.labels },
        dropoutSeed,
        sums,
        {
          kernels: this.kernels,
          dropoutRate: config.dropout,
          labelSmoothing: config.labelSmoothing,
        },
      );
    });
  }

  /** The weights and (for 'full') Adam's state, read back as plain arrays for a checkpoint. */
  snapshot(contents: CheckpointContents): Promise<TrainerSnapshot> {
    if (this.disposed) throw new Error('This model was disposed.');
    return takeSnapshot(this.model, this.optimizer, contents);
  }

  /**
   * Continues from a checkpoint taken after `epochsDone` epochs: its weights, and Adam's state when
   * it has it (without, Adam starts afresh: close to, but not the same as, an uninterrupted run).
   * The next `run` starts at epoch `epochsDone + 1` with that epoch's shuffle and dropout seeds.
   */
  async restore(snapshot: TrainerSnapshot, epochsDone: number): Promise<void> {
    if (!Number.isInteger(epochsDone) || epochsDone < 0 || epochsDone > this.config.epochs) {
      throw new Error(
        `A checkpoint after ${epochsDone} epochs does not fit a ${this.config.epochs}-epoch run.`,
      );
    }
    await restoreSnapshot(this.model, this.optimizer, snapshot);
    this.finishedEpochs = epochsDone;
  }

  /** Class probabilities for `pixels` (n * 784 values in [0, 1]), with the current weights. */
  predict(pixels: Float32Array, n: number): Promise<Float32Array> {
    if (this.disposed) return Promise.reject(new Error('This model was disposed.'));
    return predictProbabilities(this.model, this.spec, pixels, n, this.kernels);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.predictionsByEpoch.clear();
    this.optimizer.dispose();
    this.model.dispose();
  }
}
