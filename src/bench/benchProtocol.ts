// Messages between the benchmark page and its worker, and the query-string form of a case.

import { BACKEND_PREFERENCE, KERNEL_MODES, MODEL_NAMES, type BackendInfo } from '../protocol';
import type { BenchCase, StepTiming } from './benchTypes';

export type BenchMode = 'loop' | 'bare';

export interface BenchRequest {
  type: 'bench';
  mode: BenchMode;
  benchCase: BenchCase;
  dataBaseUrl: string;
}

export type BenchReply =
  | { type: 'log'; text: string }
  | { type: 'result'; mode: BenchMode; backend: BackendInfo; timing: StepTiming }
  | { type: 'failed'; mode: BenchMode; message: string };

export function isBenchRequest(value: unknown): value is BenchRequest {
  return typeof value === 'object' && value !== null && 'type' in value && value.type === 'bench';
}

export function isBenchReply(value: unknown): value is BenchReply {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    (value.type === 'log' || value.type === 'result' || value.type === 'failed')
  );
}

function positiveInt(params: URLSearchParams, key: string, fallback: number): number {
  const n = Number(params.get(key) ?? fallback);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Reads a case from the page's query string (as scripts/bench.ts writes it), with defaults. */
export function benchCaseFromQuery(query: string): BenchCase {
  const params = new URLSearchParams(query);
  const backend = BACKEND_PREFERENCE.find((b) => b === params.get('backend')) ?? 'webgpu';
  const model = MODEL_NAMES.find((m) => m === params.get('model')) ?? 'alexnet-mini';
  const kernels = KERNEL_MODES.find((k) => k === params.get('kernels')) ?? 'own';
  return {
    backend,
    kernels,
    model,
    batchSize: positiveInt(params, 'batchSize', 64),
    steps: positiveInt(params, 'steps', 20),
    warmup: positiveInt(params, 'warmup', 3),
  };
}
