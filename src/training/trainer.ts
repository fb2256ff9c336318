// The training run: a fresh seeded model and Adam, epochs of shuffled fixed-size batches gathered on
// the GPU (each epoch's loop: epochLoop.ts), and an evaluation per epoch (epochEvaluation.ts). Pure
// tfjs: it reports through callbacks and is steered through a control object (trainerTypes.ts).

import * as tf from '@tensorflow/tfjs';
import { stepScalars } from '../protocol';
import type {
  CheckpointContents,
  DoneReason,
  KernelMode,
  TrainConfig,
  TrainerSnapshot,
} from '../protocol';
import { createAdam, FusedAdamOptimizer } from '../kernels/fusedAdam';
import { MODEL_SPECS, type ModelSpec } from '../model/architecture';
import { augmentBatch } from './augment';
import { evaluateEpoch } from './epochEvaluation';
import { runEpochLoop } from './epochLoop';
import type { TestPredictions } from './evaluate';
import { buildModel, trainableVariables } from '../model/models';
import { predictProbabilities, type Predictor } from './predict';
import { deriveSeed, epochShuffle } from './random';
import { restoreSnapshot, takeSnapshot } from './snapshot';
import { GpuAccumulators, trainStep } from './trainingStep';
import { validateTrainConfig } from './trainConfig';
import type { RunPlan, TrainingCallbacks, TrainingControl, TrainingSets } from './trainerTypes';

export type {
  RunPlan,
  StepProgress,
  TrainingCallbacks,
  TrainingControl,
  TrainingSets,
} from './trainerTypes';

/** Whether the recipe changes Adam's learning rate or decays weights (so needs them per step). */
const hasStepScalars = (config: TrainConfig): boolean =>
  config.schedule !== 'constant' || config.weightDecay > 0;

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
        const evaluated = await evaluateEpoch(epoch, trained, {
          model: this.model,
          spec: this.spec,
          test: this.sets.test,
          config: this.config,
          plan: this.plan,
          kernels: this.kernels,
          control,
        });
        if (!evaluated) return 'stopped';
        this.predictionsByEpoch.set(epoch, evaluated.predictions);
        this.finishedEpochs = epoch;
        await callbacks.onEpoch(evaluated.metrics);
      }
      return 'finished';
    } finally {
      sums.dispose();
    }
  }

  /** One pass over a fresh seeded shuffle of the training images, in whole batches (epochLoop.ts).
   * Null when stopped midway. */
  private async trainEpoch(
    epoch: number,
    sums: GpuAccumulators,
    callbacks: TrainingCallbacks,
    control: TrainingControl,
  ) {
    const { config, plan } = this;
    const { random, order: orderTensor } = this.epochOrder(epoch);
    try {
      return await runEpochLoop({
        epoch,
        plan,
        batchSize: config.batchSize,
        sums,
        callbacks,
        control,
        runStep: (step, runStep) =>
          this.step(orderTensor, step, runStep, deriveSeed(config.seed, epoch, step), random, sums),
      });
    } finally {
      orderTensor.dispose();
    }
  }

  /**
   * This trainer's own step, again and again, on epoch 1's shuffle (wrapping round its batches),
   * with no reads, reports or evaluation: what a benchmark times. `step()` records one step's GPU
   * work and returns; `dispose()` frees the order and sums it made.
   */
  stepRunner(): { step(): void; dispose(): void } {
    const { config, plan } = this;
    const { random, order } = this.epochOrder(1);
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

  /** Epoch `epoch`'s generator and shuffle (random.ts), the order as an int32 tensor to dispose. */
  private epochOrder(epoch: number): { random: () => number; order: tf.Tensor1D } {
    const { random, indices } = this.epochShuffle(epoch);
    return { random, order: tf.tensor1d(indices, 'int32') };
  }

  /** The training images epoch `epoch` takes, in step order: what the PyTorch twin check replays. */
  epochIndices(epoch: number): Int32Array {
    return this.epochShuffle(epoch).indices;
  }

  private epochShuffle(epoch: number) {
    const trainCount = Math.min(this.config.trainImages, this.sets.train.count);
    return epochShuffle(this.config.seed, epoch, trainCount, this.plan.imagesPerEpoch);
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

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.predictionsByEpoch.clear();
    this.optimizer.dispose();
    this.model.dispose();
  }
}
