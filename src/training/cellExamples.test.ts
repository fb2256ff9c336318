import { describe, expect, it } from 'vitest';
import { selectCellExamples } from './cellExamples';

const predictions = {
  predicted: Uint8Array.from([6, 0, 6, 6, 6, 2]),
  probability: Float32Array.from([0.5, 0.9, 0.75, 0.5, 0.25, 0.6]),
};
const labels = [0, 0, 0, 0, 6, 2];

describe('selectCellExamples', () => {
  it('picks the images of the cell, the most confident first, ties in index order', () => {
    // True T-shirt (0) predicted as shirt (6): images 0, 2, 3.
    const cell = selectCellExamples(predictions, labels, 0, 6, 24);
    expect(cell.total).toBe(3);
    expect([...cell.indices]).toEqual([2, 0, 3]);
    expect([...cell.probabilities]).toEqual([0.75, 0.5, 0.5]);
  });

  it('shows at most `limit` images but counts them all', () => {
    const cell = selectCellExamples(predictions, labels, 0, 6, 1);
    expect(cell.total).toBe(3);
    expect([...cell.indices]).toEqual([2]);
  });

  it('gives an empty cell no examples', () => {
    const cell = selectCellExamples(predictions, labels, 6, 0, 24);
    expect(cell.total).toBe(0);
    expect(cell.indices).toHaveLength(0);
  });

  it('only looks at the evaluated images, and needs a label for each', () => {
    // Labels beyond the evaluated subset are ignored.
    expect(selectCellExamples(predictions, [...labels, 0, 0], 2, 2, 24).total).toBe(1);
    expect(() => selectCellExamples(predictions, [0, 0], 0, 6, 24)).toThrow(/only 2 labels/);
  });
});
