import { describe, expect, it } from 'vitest';
import { bufferLimitProblem, largestActivation } from './bufferLimits';

const MIB = 1024 * 1024;

describe('largestActivation', () => {
  it("finds alexnet's conv1 output: 128 x 54 x 54 x 96 floats = 143 MB at batch 128", () => {
    expect(largestActivation('alexnet', 128)).toEqual({
      layer: 'conv1',
      bytes: 128 * 54 * 54 * 96 * 4,
    });
  });

  it("finds fc1's 105 MB weights when the batch is small", () => {
    expect(largestActivation('alexnet', 1)).toEqual({
      layer: 'fc1 weights',
      bytes: 6400 * 4096 * 4,
    });
  });
});

describe('bufferLimitProblem', () => {
  it('explains why alexnet at batch 128 does not fit the 128 MiB default, and what would', () => {
    const limits = { maxBufferSize: 256 * MIB, maxStorageBufferBindingSize: 128 * MIB };
    expect(bufferLimitProblem('alexnet', 128, limits)).toBe(
      'alexnet at batch 128 needs a 143 MB buffer (conv1), but this GPU allows 134 MB per buffer: ' +
        'use a batch of 119 or less, or alexnet-mini.',
    );
  });

  it('passes configs within the limits', () => {
    const limits = { maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 31 };
    expect(bufferLimitProblem('alexnet', 128, limits)).toBeNull();
    expect(
      bufferLimitProblem('alexnet-mini', 1024, {
        maxBufferSize: 128 * MIB,
        maxStorageBufferBindingSize: 128 * MIB,
      }),
    ).toBeNull();
  });

  it('suggests alexnet-mini alone when even one image is too big', () => {
    const limits = { maxBufferSize: 64 * MIB, maxStorageBufferBindingSize: 64 * MIB };
    expect(bufferLimitProblem('alexnet', 8, limits)).toMatch(
      /\(fc1 weights\).*: use alexnet-mini\.$/,
    );
  });
});
