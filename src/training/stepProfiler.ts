// The live step profile: one training step in `every` runs under tf.profile (timestamp queries per
// GPU program where the adapter has them; wall-clock only where not), and its summary goes to
// `onProfile`. `every` is chosen from what profiling cost the last time, so that it costs at most
// PROFILE_SHARE of the run's throughput.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { ModelName, StepProfile } from '../protocol';
import { convLayerShapes, denseLayerShapes } from '../model/layerShapes';
import { summarizeProfile, type LayerWeights } from './profileSummary';
import { withPhaseMarks } from './stepPhases';

/** The most of a run's time profiling may take. */
export const PROFILE_SHARE = 0.02;
/** The first profiled step: the one after the first (which compiles the shaders). */
const FIRST_PROFILED_STEP = 1;
const MIN_EVERY = 10;
// Only a bound for an unknown plain step: a real sample costs far less than 100,000 steps.
const MAX_EVERY = 100_000;

/** How many steps apart samples must be so that one costing `costMs` more than a plain step of
 * `plainMs` takes at most PROFILE_SHARE of the run. */
export function profileEvery(costMs: number, plainMs: number): number {
  if (!(plainMs > 0)) return MAX_EVERY;
  const every = Math.ceil(Math.max(0, costMs) / (PROFILE_SHARE * plainMs));
  return Math.min(MAX_EVERY, Math.max(MIN_EVERY, every));
}

export function layerWeights(model: ModelName): LayerWeights[] {
  return [
    ...convLayerShapes(model).map((c) => ({
      layer: c.layer,
      shape: [...c.filter],
      bias: c.filter[3],
    })),
    ...denseLayerShapes(model).map((d) => ({
      layer: d.layer,
      shape: [d.inputs, d.units],
      bias: d.units,
    })),
  ];
}

function webgpu(): WebGPUBackend | null {
  return tf.getBackend() === 'webgpu' ? (tf.backend() as WebGPUBackend) : null;
}

/** Resolves once the GPU has run everything issued so far (at once off WebGPU). */
async function gpuIdle(): Promise<void> {
  const backend = webgpu();
  if (!backend) return;
  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  backend.submitQueue();
  await backend.device.queue.onSubmittedWorkDone();
}

export class StepProfiler {
  private nextStep = FIRST_PROFILED_STEP;
  private every = MIN_EVERY;
  private lastStepStart: number | null = null;
  private plainMsSum = 0;
  private plainSteps = 0;
  private readonly weights: LayerWeights[];

  constructor(
    private readonly model: ModelName,
    private readonly batch: number,
    private readonly onProfile: (profile: StepProfile) => void,
  ) {
    this.weights = layerWeights(model);
  }

  /** Runs `step` (one training step, issued synchronously), profiling it when due. */
  async run(runStep: number, step: () => void): Promise<void> {
    const now = performance.now();
    // The period that ends now is step runStep - 1's; the run's first step compiles the shaders
    // and is no plain step.
    if (this.lastStepStart !== null && runStep > 1) {
      this.plainMsSum += now - this.lastStepStart;
      this.plainSteps++;
    }
    if (runStep < this.nextStep) {
      this.lastStepStart = now;
      step();
      return;
    }
    const plainMs = this.plainSteps > 0 ? this.plainMsSum / this.plainSteps : null;
    const start = performance.now();
    const profile = await this.profile(runStep, step, plainMs);
    const end = performance.now();
    // Without a plain step to compare (the first sample), sample again soon, when there is one.
    this.every = plainMs === null ? MIN_EVERY : profileEvery(end - start - plainMs, plainMs);
    this.nextStep = runStep + this.every;
    // The next period is measured from here: the profiled step's time is not a plain step's.
    this.lastStepStart = null;
    this.plainMsSum = 0;
    this.plainSteps = 0;
    this.onProfile({ ...profile, every: this.every });
  }

  private async profile(
    runStep: number,
    step: () => void,
    plainStepMs: number | null,
  ): Promise<StepProfile> {
    await gpuIdle();
    const backend = webgpu();
    const timestamps = backend?.device.features.has('timestamp-query') === true;
    const start = performance.now();
    let kernels: Awaited<ReturnType<typeof tf.profile>>['kernels'] = [];
    let peakBytes = tf.memory().numBytes;
    let marks: Awaited<ReturnType<typeof withPhaseMarks>>['marks'] = [];
    if (timestamps) {
      const recorded = await withPhaseMarks(() => tf.profile(step));
      ({ kernels, peakBytes } = recorded.result);
      marks = recorded.marks;
    } else {
      step();
    }
    await gpuIdle();
    const wallMs = performance.now() - start;
    const memory = tf.memory() as tf.MemoryInfo & { numBytesAllocatedInGPU?: number };
    const summary = timestamps
      ? summarizeProfile(
          kernels.map((k) => ({
            name: k.name,
            // tfjs lists an absent optional input (a fused kernel's bias) as null.
            inputShapes: k.inputShapes.filter((shape): shape is number[] => Array.isArray(shape)),
            outputShapes: k.outputShapes.filter((shape): shape is number[] => Array.isArray(shape)),
            ms: typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0,
          })),
          marks,
          this.weights,
        )
      : null;
    return {
      runStep,
      batch: this.batch,
      model: this.model,
      wallMs,
      plainStepMs,
      timestamps,
      rounded100us: summary?.rounded100us ?? false,
      gpuMs: summary?.gpuMs ?? null,
      phases: summary?.phases ?? null,
      layers: summary?.layers ?? [],
      top: summary?.top ?? [],
      kernels: kernels.length,
      memory: {
        bytesInUse: memory.numBytes,
        peakBytes: Math.max(peakBytes, memory.numBytes),
        gpuBytesAllocated: memory.numBytesAllocatedInGPU ?? null,
      },
      every: this.every,
    };
  }
}
