import { describe, expect, it } from 'vitest';
import { flatGeometry, vectorWidth } from './flatElementwise';

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

describe('flatGeometry', () => {
  // Elementwise shapes of a training step at batch 128: alexnet-mini's conv1 output and fc1, alexnet's
  // conv1 output (the largest), and a size that is no multiple of 4 or 64.
  it.each([[[128, 28, 28, 16]], [[128, 256]], [[128, 54, 54, 96]], [[3, 37]]])(
    '%j: one invocation per element or vec4, all covered, less than one workgroup spare',
    (shape) => {
      const width = vectorWidth(shape.at(-1)!);
      const { dispatch, workgroupSize } = flatGeometry(shape, width);
      const invocations = dispatch[0] * dispatch[1] * dispatch[2] * workgroupSize[0];
      const needed = Math.ceil(size(shape) / width);
      expect(invocations).toBeGreaterThanOrEqual(needed);
      expect(invocations - needed).toBeLessThan(workgroupSize[0]);
    },
  );

  it('takes vec4s only where the size splits into them', () => {
    expect([vectorWidth(96), vectorWidth(10), vectorWidth(3 * 37)]).toEqual([4, 1, 1]);
    expect(flatGeometry([128, 256], 4).dispatch[0]).toBe((128 * 256) / 4 / 64);
  });
});
