// Counts WebGPU compute dispatches: every kernel tfjs runs on the GPU (and every own raw dispatch)
// goes through GPUComputePassEncoder.dispatchWorkgroups while the op is called, so wrapping that
// method counts a step's dispatches exactly, whatever the GPU and however long they take.

/** Total of `dispatchWorkgroups` calls (direct and indirect) since the counter was started. */
export interface DispatchCounter {
  readonly count: number;
  /** Puts the original methods back. */
  stop(): void;
}

type DispatchMethod = 'dispatchWorkgroups' | 'dispatchWorkgroupsIndirect';
const METHODS: readonly DispatchMethod[] = ['dispatchWorkgroups', 'dispatchWorkgroupsIndirect'];

/** Starts counting dispatches on every compute pass of this realm. One counter at a time. */
export function startDispatchCounter(): DispatchCounter {
  if (typeof GPUComputePassEncoder === 'undefined') {
    throw new Error('No WebGPU here: GPUComputePassEncoder is undefined.');
  }
  const proto = GPUComputePassEncoder.prototype as unknown as Record<
    DispatchMethod,
    (...args: unknown[]) => unknown
  >;
  const originals = METHODS.map((name) => [name, proto[name]] as const);
  if (originals.some(([, fn]) => (fn as { counting?: boolean }).counting)) {
    throw new Error('A dispatch counter is already running.');
  }
  let count = 0;
  for (const [name, original] of originals) {
    const counting = function (this: unknown, ...args: unknown[]) {
      count += 1;
      return original.apply(this, args);
    };
    proto[name] = Object.assign(counting, { counting: true });
  }
  return {
    get count() {
      return count;
    },
    stop() {
      for (const [name, original] of originals) proto[name] = original;
    },
  };
}

/** The number of compute dispatches `fn` records (tfjs records them synchronously, as ops run). */
export async function countDispatches(fn: () => void | Promise<void>): Promise<number> {
  const counter = startDispatchCounter();
  try {
    await fn();
    return counter.count;
  } finally {
    counter.stop();
  }
}
