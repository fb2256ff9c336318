import { describe, expect, it } from 'vitest';
import { describeError } from './errorMessages';
import { GpuFailureError } from './gpuHealth';

const alexnet128 = { model: 'alexnet', batchSize: 128, backend: 'webgpu' } as const;

describe('describeError', () => {
  it('turns a GPU out-of-memory error into advice, not fatal', () => {
    const failure = new GpuFailureError({ kind: 'out-of-memory', message: 'Failed to allocate.' });
    expect(describeError(failure, alexnet128)).toEqual({
      kind: 'out-of-memory',
      fatal: false,
      message:
        'The GPU ran out of memory at batch 128 for alexnet: try a smaller batch or alexnet-mini.',
    });
  });

  it('recognises out-of-memory messages from the browser and the CPU backend', () => {
    const cpu = describeError(new RangeError('Array buffer allocation failed'), {
      ...alexnet128,
      backend: 'cpu',
    });
    expect(cpu.message).toBe(
      'The browser ran out of memory at batch 128 for alexnet: try a smaller batch or alexnet-mini.',
    );
    expect(describeError(new Error('GPUOutOfMemoryError: out of memory'), {}).kind).toBe(
      'out-of-memory',
    );
  });

  it("maps Dawn's buffer-limit validation error to a size problem", () => {
    // The message Dawn raises for a buffer over maxBufferSize.
    const dawn = new GpuFailureError({
      kind: 'validation',
      message:
        'Buffer size (1099511627776) exceeds the max buffer size limit (1073741824).\n' +
        ' - While calling [Device].CreateBuffer([BufferDescriptor ""]).',
    });
    const described = describeError(dawn, { model: 'alexnet-mini', batchSize: 4096 });
    expect(described).toEqual({
      kind: 'buffer-limit',
      fatal: false,
      message:
        'A tensor at batch 4096 for alexnet-mini is larger than this GPU allows in one buffer: try a smaller batch.',
    });
  });

  it('makes a lost device fatal', () => {
    const lost = new GpuFailureError({ kind: 'device-lost', message: 'lost: GPU hung' });
    const described = describeError(lost, alexnet128);
    expect(described.fatal).toBe(true);
    expect(described.message).toMatch(
      /^The GPU device was lost at batch 128 for alexnet \(lost: GPU hung\)/,
    );
    expect(describeError(new Error('WebGL: CONTEXT_LOST_WEBGL'), {}).fatal).toBe(true);
  });

  it("reads a GPU read cut off by the device's destruction as a lost device", () => {
    // What Chromium rejects a pending read with when the device is destroyed mid-step.
    const cutOff = new DOMException(
      "Failed to execute 'mapAsync' on 'GPUBuffer': Buffer was unmapped before mapping was resolved.",
      'AbortError',
    );
    expect(describeError(cutOff, alexnet128)).toMatchObject({ kind: 'device-lost', fatal: true });
  });

  it('passes other messages through, and copes with things that are not errors', () => {
    expect(describeError(new Error('Batch size must be a whole number >= 1.'))).toEqual({
      kind: 'other',
      fatal: false,
      message: 'Batch size must be a whole number >= 1.',
    });
    expect(describeError('plain string').message).toBe('plain string');
    expect(describeError(undefined).message).toBe('undefined');
  });
});
