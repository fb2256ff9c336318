// "Benchmark this GPU" from the page: one benchmark worker per run (its own WebGPU device, so the
// training worker's model is never touched), driven by a KernelBenchRun (its Stop grace and its
// deadline), and ended when the run ends or the page unmounts.

import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { KernelBenchRequest } from '../protocol';
import { KernelBenchRun } from './kernelBenchRun';
import { idleKernelBench, kernelBenchReducer, type KernelBenchState } from './kernelBenchState';

export function createKernelBenchWorker(): Worker {
  return new Worker(new URL('../bench/kernels/kernelBench.worker.ts', import.meta.url), {
    type: 'module',
    name: 'kernel-bench',
  });
}

export interface KernelBench {
  state: KernelBenchState;
  start: (request: KernelBenchRequest) => void;
  stop: () => void;
}

export function useKernelBench(createWorker: () => Worker = createKernelBenchWorker): KernelBench {
  const [state, dispatch] = useReducer(kernelBenchReducer, idleKernelBench);
  const runRef = useRef<KernelBenchRun | null>(null);

  const end = useCallback(() => {
    runRef.current?.end();
    runRef.current = null;
  }, []);

  useEffect(() => end, [end]);

  const start = useCallback(
    (request: KernelBenchRequest) => {
      end();
      runRef.current = new KernelBenchRun(createWorker(), request, dispatch);
    },
    [createWorker, end],
  );

  const stop = useCallback(() => runRef.current?.stop(), []);

  return { state, start, stop };
}
