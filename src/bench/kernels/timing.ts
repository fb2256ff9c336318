// Times GPU work from the CPU: issue, then wait until the GPU has finished everything submitted
// (tfjs batches dispatches into one command encoder, so submit it first), without reading back.

import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Resolves once the GPU has run everything tfjs has issued so far. */
export async function gpuIdle(device: GPUDevice): Promise<void> {
  const backend = tf.backend() as WebGPUBackend;
  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  backend.submitQueue();
  await device.queue.onSubmittedWorkDone();
}

export interface CallTime {
  /** Wall ms from issue to the GPU being idle. */
  wallMs: number;
  /**
   * CPU ms this process used meanwhile, all its threads together. On a software adapter that is
   * the GPU work itself, and, unlike wall time, barely moved by other processes on a busy machine;
   * on a hardware GPU it is only the driver's and tfjs's share.
   */
  cpuMs: number;
}

/** Times one `call`; what it returns is disposed after. */
export async function timeCall(
  device: GPUDevice,
  call: () => tf.TensorContainer,
): Promise<CallTime> {
  await gpuIdle(device);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const out = call();
  await gpuIdle(device);
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  tf.dispose(out);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * Medians (wall and CPU, each on its own) of `reps` timed calls of each variant, after one untimed warm-up call each (shader
 * compilation, buffer pool). The variants take turns, so a machine that gets busier or quieter
 * halfway affects them alike. `prepare(variant)` switches to a variant before each call.
 */
export async function timeAlternating<V extends string>(
  device: GPUDevice,
  variants: readonly V[],
  reps: number,
  prepare: (variant: V) => void,
  call: () => tf.TensorContainer,
  shouldStop: () => boolean = () => false,
): Promise<Partial<Record<V, CallTime>>> {
  const times = new Map<V, CallTime[]>(variants.map((v) => [v, []]));
  for (const variant of variants) {
    if (shouldStop()) return {};
    prepare(variant);
    await timeCall(device, call);
  }
  for (let rep = 0; rep < reps && !shouldStop(); rep++) {
    for (const variant of variants) {
      prepare(variant);
      times.get(variant)!.push(await timeCall(device, call));
    }
  }
  const result: Partial<Record<V, CallTime>> = {};
  for (const [variant, calls] of times) {
    if (calls.length === 0) continue;
    result[variant] = {
      wallMs: median(calls.map((c) => c.wallMs)),
      cpuMs: median(calls.map((c) => c.cpuMs)),
    };
  }
  return result;
}
