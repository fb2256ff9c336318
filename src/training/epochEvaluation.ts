// The test-set evaluation after an epoch, turned into the epoch's metrics: losses, accuracies,
// times, the confusion matrix and per-class precision and recall.

import type * as tf from '@tensorflow/tfjs';
import type { EpochMetrics, KernelMode, TrainConfig } from '../protocol';
import type { ModelSpec } from '../model/architecture';
import { precisionRecall } from './classMetrics';
import { evaluate, type TestPredictions } from './evaluate';
import type { GpuImageSet } from './gpuImages';
import {
  yieldControl,
  type EpochTraining,
  type RunPlan,
  type TrainingControl,
} from './trainerTypes';

export interface EpochEvaluation {
  model: tf.LayersModel;
  spec: ModelSpec;
  test: GpuImageSet;
  config: TrainConfig;
  plan: RunPlan;
  kernels: KernelMode;
  control: TrainingControl;
}

/** Epoch `epoch`'s metrics and per-image predictions, or null when stopped. */
export async function evaluateEpoch(
  epoch: number,
  trained: EpochTraining,
  { model, spec, test, config, plan, kernels, control }: EpochEvaluation,
): Promise<{ metrics: EpochMetrics; predictions: TestPredictions } | null> {
  const evalStart = performance.now();
  const result = await evaluate(
    model,
    spec,
    test,
    config.testImages,
    config.batchSize,
    { shouldStop: () => control.shouldStop(), yieldControl: () => yieldControl(control) },
    kernels,
  );
  control.throwIfBackendFailed?.();
  if (!result) return null;
  const trainSeconds = trained.trainMs / 1000;
  const metrics: EpochMetrics = {
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
  return { metrics, predictions: result.predictions };
}
