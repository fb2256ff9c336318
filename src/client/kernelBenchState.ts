// The page's view of one "Benchmark this GPU" run, folded from the benchmark worker's events. Pure.

import type {
  BrowserKernelBenchReport,
  KernelBenchRequest,
  KernelBenchRow,
  KernelBenchUpdate,
} from '../protocol';
import { adapterName } from '../protocol';

export type KernelBenchStatus = 'idle' | 'running' | 'stopping' | 'finished' | 'failed';

export interface KernelBenchState {
  status: KernelBenchStatus;
  request: KernelBenchRequest | null;
  rows: KernelBenchRow[];
  totalRows: number;
  /** The adapter's description once the worker has its device. */
  adapter: string | null;
  report: BrowserKernelBenchReport | null;
  error: string | null;
}

export const idleKernelBench: KernelBenchState = {
  status: 'idle',
  request: null,
  rows: [],
  totalRows: 0,
  adapter: null,
  report: null,
  error: null,
};

export type KernelBenchAction =
  | { type: 'start'; request: KernelBenchRequest }
  | { type: 'stop' }
  /** The worker ended without a report (crash, or terminated after a Stop it did not answer). */
  | { type: 'lost'; message: string }
  | KernelBenchUpdate;

export function kernelBenchReducer(
  state: KernelBenchState,
  action: KernelBenchAction,
): KernelBenchState {
  switch (action.type) {
    case 'start':
      return { ...idleKernelBench, status: 'running', request: action.request };
    case 'stop':
      return state.status === 'running' ? { ...state, status: 'stopping' } : state;
    case 'started':
      // Named as the page's header names the training worker's adapter.
      return { ...state, totalRows: action.totalRows, adapter: adapterName(action.adapter) };
    case 'row':
      return { ...state, rows: [...state.rows, action.row], totalRows: action.totalRows };
    case 'finished':
      return { ...state, status: 'finished', rows: action.report.rows, report: action.report };
    case 'failed':
      return { ...state, status: 'failed', error: action.message };
    case 'lost':
      if (state.status === 'finished' || state.status === 'failed') return state;
      return { ...state, status: 'failed', error: action.message };
    default:
      return action satisfies never;
  }
}

/** Share of the rows measured, 0..1. */
export function kernelBenchProgress(state: KernelBenchState): number {
  return state.totalRows > 0 ? Math.min(1, state.rows.length / state.totalRows) : 0;
}
