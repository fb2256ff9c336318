// One epoch's steps: pause and stop between any two of them, the loss and correct-count sums read
// back as ReadCadence decides (every step when steps are slower than about 1/3 s, up to 20 steps
// apart when fast), each read reported as progress, and a step sampled now and then for the live
// step profile.

import type { GpuAccumulators } from './trainingStep';
import { ReadCadence } from './readCadence';
import {
  yieldControl,
  type EpochTraining,
  type RunPlan,
  type TrainingCallbacks,
  type TrainingControl,
} from './trainerTypes';

export interface EpochLoop {
  epoch: number;
  plan: RunPlan;
  batchSize: number;
  sums: GpuAccumulators;
  callbacks: TrainingCallbacks;
  control: TrainingControl;
  /** Records step `step` of the epoch, `runStep` of the run, on the GPU. */
  runStep(step: number, runStep: number): void;
}

/** Runs the epoch's steps; its sums as last read and the time taken, or null when stopped midway. */
export async function runEpochLoop(loop: EpochLoop): Promise<EpochTraining | null> {
  const { epoch, plan, batchSize, sums, callbacks, control } = loop;
  sums.reset();
  const cadence = new ReadCadence();
  let lastRead = { lossSum: 0, correct: 0 };
  let trainMs = 0;
  for (let step = 0; step < plan.stepsPerEpoch; step++) {
    await control.waitIfPaused();
    if (control.shouldStop()) return null;
    const stepStart = performance.now();
    cadence.stepStarting(stepStart);
    const runStep = (epoch - 1) * plan.stepsPerEpoch + step;
    const runOne = () => loop.runStep(step, runStep);
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
      const imagesDone = (step + 1) * batchSize;
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
    // Every step, read or not: a read can resolve without a macrotask turn (the CPU backend's
    // does), and pause/stop/predict must get through between any two steps.
    await yieldControl(control);
  }
  // The last step is always read, so lastRead holds the whole epoch's sums.
  return { ...lastRead, trainMs };
}
