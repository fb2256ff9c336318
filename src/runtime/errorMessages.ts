// Turns whatever a training run, a backend or a GPU threw into a sentence a student can act on, and
// says whether the worker can go on.

import type { BackendName, ModelName } from '../protocol';
import { GpuFailureError, type GpuFailure } from './gpuHealth';

export interface ErrorContext {
  model?: ModelName;
  batchSize?: number;
  backend?: BackendName;
}

export interface DescribedError {
  message: string;
  /** True when the backend is unusable (lost device or context): the page should restart the worker. */
  fatal: boolean;
  kind: 'out-of-memory' | 'buffer-limit' | 'device-lost' | 'other';
}

const OUT_OF_MEMORY =
  /out of memory|GPUOutOfMemoryError|\bOOM\b|allocation failed|failed to allocate|Array buffer allocation/i;
const BUFFER_LIMIT =
  /exceeds the max(imum)? (buffer size|storage buffer binding size)|maxStorageBufferBindingSize|maxBufferSize|Requested texture size .* greater than maximum/i;
// "Buffer was unmapped before mapping was resolved": a pending read (mapAsync) cut off because the
// device destroyed its buffers. In Chromium this rejection comes within milliseconds of the loss,
// while `device.lost` itself resolved 13 s later during a SwiftShader training run (measured).
const DEVICE_LOST =
  /device (was |is )?lost|GPUDevice.*lost|CONTEXT_LOST|context (was )?lost|unmapped before mapping was resolved/i;

function rawMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String(error.message);
  }
  return String(error);
}

function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  if ('name' in error && typeof error.name === 'string' && error.name !== 'Error')
    return error.name;
  return error.constructor.name;
}

function where(ctx: ErrorContext): string {
  const parts = [
    ctx.batchSize !== undefined ? `at batch ${ctx.batchSize}` : '',
    ctx.model ? `for ${ctx.model}` : '',
  ].filter(Boolean);
  return parts.length ? ` ${parts.join(' ')}` : '';
}

function advice(ctx: ErrorContext): string {
  return ctx.model === 'alexnet-mini'
    ? 'try a smaller batch'
    : 'try a smaller batch or alexnet-mini';
}

/** `error` may be an exception, a GpuFailure recorded by GpuHealth, or anything else thrown. */
export function describeError(error: unknown, ctx: ErrorContext = {}): DescribedError {
  const failure =
    error instanceof GpuFailureError ? error.failure : isGpuFailure(error) ? error : null;
  const message = rawMessage(error);
  const name = errorName(error);
  const processor = ctx.backend === 'cpu' ? 'The browser' : 'The GPU';

  if (failure?.kind === 'device-lost' || DEVICE_LOST.test(message)) {
    return {
      kind: 'device-lost',
      fatal: true,
      // The page's banner adds how to start again (restart the worker).
      message:
        `The GPU device was lost${where(ctx)} (${message}). The driver may have reset, or ` +
        'another tab used all GPU memory.',
    };
  }
  if (
    failure?.kind === 'out-of-memory' ||
    OUT_OF_MEMORY.test(message) ||
    OUT_OF_MEMORY.test(name)
  ) {
    return {
      kind: 'out-of-memory',
      fatal: false,
      message: `${processor} ran out of memory${where(ctx)}: ${advice(ctx)}.`,
    };
  }
  if (BUFFER_LIMIT.test(message)) {
    return {
      kind: 'buffer-limit',
      fatal: false,
      message: `A tensor${where(ctx)} is larger than this GPU allows in one buffer: ${advice(ctx)}.`,
    };
  }
  return { kind: 'other', fatal: false, message: message || 'Unknown error.' };
}

export function isGpuFailure(value: unknown): value is GpuFailure {
  return (
    typeof value === 'object' &&
    value !== null &&
    'kind' in value &&
    'message' in value &&
    typeof value.message === 'string' &&
    (value.kind === 'out-of-memory' ||
      value.kind === 'validation' ||
      value.kind === 'internal' ||
      value.kind === 'device-lost')
  );
}
