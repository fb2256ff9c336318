// Times GPU work from the CPU: issue, then wait until the GPU has finished everything submitted
// (tfjs batches dispatches into one command encoder, so submit it first), without reading back.
// Runs in Node (Dawn) and in a browser worker alike: only the CPU clock differs (none in a browser).

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

/** CPU ms this process has used, all threads together; null where there is no such clock (a browser). */
function cpuClock(): (() => number) | null {
  const proc = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } })
    .process;
  const usage = proc?.cpuUsage?.bind(proc);
  if (!usage) return null;
  return () => {
    const { user, system } = usage();
    return (user + system) / 1000;
  };
}
const cpuNow = cpuClock();

export interface CallTime {
  /** Wall ms from issue to the GPU being idle. */
  wallMs: number;
  /**
   * CPU ms this process used meanwhile, all its threads together. On a software adapter that is
   * the GPU work itself, and, unlike wall time, barely moved by other processes on a busy machine;
   * on a hardware GPU it is only the driver's and tfjs's share. Null in a browser (no such clock).
   */
  cpuMs: number | null;
}

/** Times one `call`; what it returns is disposed after. */
export async function timeCall(
  device: GPUDevice,
  call: () => tf.TensorContainer,
): Promise<CallTime> {
  await gpuIdle(device);
  const cpuStart = cpuNow?.() ?? 0;
  const start = performance.now();
  const out = call();
  await gpuIdle(device);
  const wallMs = performance.now() - start;
  const cpuMs = cpuNow ? cpuNow() - cpuStart : null;
  tf.dispose(out);
  return { wallMs, cpuMs };
}

export interface AlternatingOptions {
  /** Timed calls per variant at most. */
  reps: number;
  /**
   * Time budget of the row: after the first timed round, no new round starts once it is spent. A
   * variant whose warm-up call alone takes longer keeps that call as its one timed call (shader
   * compilation is then well under 1% of it); the other variants still get timed calls.
   */
  rowSeconds: number;
  /** Checked between calls: true ends the row, keeping what was measured. */
  shouldStop?: () => boolean;
}

export interface AlternatingResult<V extends string> {
  times: Partial<Record<V, CallTime>>;
  /** Timed calls behind each median (the fewest of any variant). */
  calls: number;
  /** Some variant's one timed call was its warm-up (see AlternatingOptions.rowSeconds). */
  warmupTimed: boolean;
}

function medians<V extends string>(samples: Map<V, CallTime[]>): Partial<Record<V, CallTime>> {
  const result: Partial<Record<V, CallTime>> = {};
  for (const [variant, calls] of samples) {
    if (calls.length === 0) continue;
    result[variant] = {
      wallMs: median(calls.map((c) => c.wallMs)),
      cpuMs: cpuNow ? median(calls.map((c) => c.cpuMs ?? NaN)) : null,
    };
  }
  return result;
}

/**
 * Medians (wall and CPU, each on its own) of up to `reps` timed calls of each variant, after one
 * warm-up call each (shader compilation, buffer pool). The variants take turns, so a machine that
 * gets busier or quieter halfway affects them alike. `prepare(variant)` switches to a variant
 * before each call.
 */
export async function timeAlternating<V extends string>(
  device: GPUDevice,
  variants: readonly V[],
  prepare: (variant: V) => void,
  call: () => tf.TensorContainer,
  options: AlternatingOptions,
): Promise<AlternatingResult<V>> {
  const stop = options.shouldStop ?? (() => false);
  const budgetMs = options.rowSeconds * 1000;
  const samples = new Map<V, CallTime[]>(variants.map((v) => [v, []]));
  const warmups = new Map<V, CallTime[]>(variants.map((v) => [v, []]));
  for (const variant of variants) {
    if (stop()) return { times: {}, calls: 0, warmupTimed: false };
    prepare(variant);
    warmups.get(variant)!.push(await timeCall(device, call));
  }
  // A variant whose warm-up alone overran the row's budget keeps it as its one timed call.
  const slow = variants.filter((v) => warmups.get(v)![0]!.wallMs > budgetMs);
  for (const variant of slow) samples.set(variant, warmups.get(variant)!);
  const rest = variants.filter((v) => !slow.includes(v));
  const start = performance.now();
  for (let rep = 0; rep < options.reps && rest.length > 0 && !stop(); rep++) {
    if (rep > 0 && performance.now() - start > budgetMs) break;
    for (const variant of rest) {
      prepare(variant);
      samples.get(variant)!.push(await timeCall(device, call));
    }
  }
  const calls = Math.min(...[...samples.values()].map((s) => s.length));
  return { times: medians(samples), calls, warmupTimed: slow.length > 0 };
}
