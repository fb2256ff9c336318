// Timestamps for an own kernel that records its own compute pass (fusedAdam.ts): tfjs times only
// the programs it dispatches itself, so while tf.profile / tf.time runs (the backend's active timer
// list is set) such a pass gets timestamp writes too, and its GPU ms joins tfjs's list under the
// kernel's name. Outside profiling it costs one property read.

import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

/** tfjs's private timer list: set while a tf.time / tf.profile call records. */
interface TimedBackend {
  activeTimers?: { name: string; query: Promise<number> }[] | null;
}

export interface PassTiming {
  /** Spread into the pass descriptor. */
  timestampWrites?: GPUComputePassTimestampWrites;
  /** Call after the pass has ended, before the encoder is finished. */
  resolve(encoder: GPUCommandEncoder): void;
  /** Call once the encoder's command buffer has been submitted. */
  submitted(): void;
}

const untimed: PassTiming = { resolve: () => undefined, submitted: () => undefined };

export function timeOwnPass(gpu: WebGPUBackend, name: string): PassTiming {
  const timers = (gpu as unknown as TimedBackend).activeTimers;
  const { device } = gpu;
  if (!timers || !device.features.has('timestamp-query')) return untimed;
  const querySet = device.createQuerySet({ type: 'timestamp', count: 2 });
  const resolved = device.createBuffer({
    size: 16,
    usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
  });
  const staging = device.createBuffer({
    size: 16,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  return {
    timestampWrites: { querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 },
    resolve: (encoder) => {
      encoder.resolveQuerySet(querySet, 0, 2, resolved, 0);
      encoder.copyBufferToBuffer(resolved, 0, staging, 0, 16);
    },
    submitted: () => {
      const query = staging.mapAsync(GPUMapMode.READ).then(() => {
        const [begin = 0n, end = 0n] = new BigUint64Array(staging.getMappedRange());
        const ms = Number(end - begin) / 1e6;
        staging.destroy();
        resolved.destroy();
        querySet.destroy();
        return ms;
      });
      timers.push({ name, query });
    },
  };
}
