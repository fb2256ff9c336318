import { describe, expect, it } from 'vitest';
import { countConfusion, precisionRecall } from './classMetrics';

describe('countConfusion', () => {
  it('counts each (true, predicted) pair in its row and column', () => {
    // 3 classes: true 0 0 0 1 1 2, predicted 0 1 1 1 1 0.
    const confusion = countConfusion([0, 0, 0, 1, 1, 2], [0, 1, 1, 1, 1, 0], 3);
    expect([...confusion]).toEqual([1, 2, 0, 0, 2, 0, 1, 0, 0]);
  });

  it('refuses mismatched lengths and classes out of range', () => {
    expect(() => countConfusion([0, 1], [0], 3)).toThrow(/2 labels but 1 predictions/);
    expect(() => countConfusion([0, 3], [0, 0], 3)).toThrow(/Image 1: class 3/);
    expect(() => countConfusion([0], [1.5], 3)).toThrow(/outside 0-2/);
  });
});

describe('precisionRecall', () => {
  it('matches hand-computed values, with NaN for a class nothing was predicted as', () => {
    // Rows true, columns predicted:
    //   [1 2 0]   class 0: recall 1/3, precision 1/2 (column 0 holds 1 + 0 + 1)
    //   [0 2 0]   class 1: recall 2/2, precision 2/4
    //   [1 0 0]   class 2: recall 0/1, precision 0/0 -> NaN (never predicted)
    const { precision, recall } = precisionRecall([1, 2, 0, 0, 2, 0, 1, 0, 0]);
    expect([...recall]).toEqual([Math.fround(1 / 3), 1, 0]);
    expect(precision[0]).toBe(0.5);
    expect(precision[1]).toBe(0.5);
    expect(precision[2]).toBeNaN();
  });

  it('gives NaN recall for a class with no test images, and works on the ten classes', () => {
    const confusion = new Int32Array(100);
    confusion[0] = 4; // 4 T-shirts, all right
    confusion[6 * 10 + 0] = 1; // a shirt called a T-shirt
    const { precision, recall } = precisionRecall(confusion);
    expect(recall[0]).toBe(1);
    expect(recall[6]).toBe(0);
    expect(recall[3]).toBeNaN();
    expect(precision[0]).toBe(Math.fround(0.8));
    expect(precision[6]).toBeNaN();
  });

  it('refuses a matrix that is not square', () => {
    expect(() => precisionRecall([1, 2, 3])).toThrow(/square/);
  });
});
