// "Benchmark this GPU" from the page: one benchmark worker per run (its own WebGPU device, so the
// training worker's model is never touched), terminated when the run ends, on Stop if it does not
// answer within STOP_GRACE_MS, and when the page unmounts.

import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { KernelBenchCommand, KernelBenchEvent, KernelBenchRequest } from '../protocol';
import { idleKernelBench, kernelBenchReducer, type KernelBenchState } from './kernelBenchState';

/** A call in flight can be long on a slow adapter: after this, Stop ends the worker itself. */
const STOP_GRACE_MS = 5000;

export function createKernelBenchWorker(): Worker {
  return new Worker(new URL('../worker/kernelBench.worker.ts', import.meta.url), {
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
  const workerRef = useRef<Worker | null>(null);
  const stopTimer = useRef<number | undefined>(undefined);

  const end = useCallback(() => {
    window.clearTimeout(stopTimer.current);
    workerRef.current?.terminate();
    workerRef.current = null;
  }, []);

  useEffect(() => end, [end]);

  const start = useCallback(
    (request: KernelBenchRequest) => {
      end();
      const worker = createWorker();
      workerRef.current = worker;
      dispatch({ type: 'start', request });
      worker.addEventListener('message', (event: MessageEvent<KernelBenchEvent>) => {
        if (workerRef.current !== worker) return;
        dispatch(event.data);
        if (event.data.type === 'finished' || event.data.type === 'failed') end();
      });
      worker.addEventListener('error', (event) => {
        if (workerRef.current !== worker) return;
        event.preventDefault();
        dispatch({ type: 'lost', message: `The benchmark worker failed: ${event.message}` });
        end();
      });
      worker.postMessage({ type: 'start', request } satisfies KernelBenchCommand);
    },
    [createWorker, end],
  );

  const stop = useCallback(() => {
    const worker = workerRef.current;
    if (!worker) return;
    dispatch({ type: 'stop' });
    worker.postMessage({ type: 'stop' } satisfies KernelBenchCommand);
    window.clearTimeout(stopTimer.current);
    stopTimer.current = window.setTimeout(() => {
      if (workerRef.current !== worker) return;
      dispatch({ type: 'lost', message: 'Stopped: the call in flight did not end in time.' });
      end();
    }, STOP_GRACE_MS);
  }, [end]);

  return { state, start, stop };
}
