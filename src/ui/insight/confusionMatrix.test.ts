import { describe, expect, it } from 'vitest';
import {
  cellColors,
  cellLabel,
  confusionRows,
  confusionSummary,
  examplesCaption,
  moveCell,
  topConfusions,
  totalCount,
} from './confusionMatrix';

/** 10x10 with T-shirts (0): 3 right, 1 as shirt (6); shirts: 2 as T-shirt, 1 right; nothing else. */
function sample(): Int32Array {
  const m = new Int32Array(100);
  m[0] = 3;
  m[6] = 1;
  m[60] = 2;
  m[66] = 1;
  return m;
}

describe('confusionRows', () => {
  it('gives 10 rows of 10 cells with the row-normalised rate, NaN for an empty row', () => {
    const rows = confusionRows(sample());
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.length === 10)).toBe(true);
    expect(rows[0]?.[0]).toEqual({ trueClass: 0, predictedClass: 0, count: 3, rate: 0.75 });
    expect(rows[6]?.[0]?.rate).toBeCloseTo(2 / 3, 10);
    expect(rows[1]?.[1]?.rate).toBeNaN();
    expect(totalCount(sample())).toBe(7);
  });
});

describe('cellColors', () => {
  it('runs from white to dark blue with readable text at both ends', () => {
    expect(cellColors(0)).toEqual({ background: 'rgb(255, 255, 255)', color: '#000' });
    expect(cellColors(1)).toEqual({ background: 'rgb(11, 61, 145)', color: '#fff' });
    expect(cellColors(NaN).background).toBe('rgb(255, 255, 255)');
  });

  it('keeps a contrast of at least 4.5:1 between count and background at every rate', () => {
    const luminance = (rgb: number[]) => {
      const [r = 0, g = 0, b = 0] = rgb.map((c) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (let rate = 0; rate <= 1; rate += 0.01) {
      const { background, color } = cellColors(rate);
      const bg = luminance(background.match(/\d+/g)?.map(Number) ?? []);
      const fg = color === '#fff' ? 1 : 0;
      const contrast = (Math.max(bg, fg) + 0.05) / (Math.min(bg, fg) + 0.05);
      expect(contrast, `rate ${rate.toFixed(2)}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('cell names and summaries', () => {
  it('names a cell with its count and its share of the true class', () => {
    const cell = confusionRows(sample())[6]?.[0];
    expect(cell && cellLabel(cell)).toBe(
      'Shirt predicted as T-shirt/top: 2 images (66.7% of Shirt)',
    );
    const empty = confusionRows(sample())[1]?.[2];
    expect(empty && cellLabel(empty)).toBe('Trouser predicted as Pullover: 0 images');
  });

  it('lists the largest mistakes first and sums up the matrix', () => {
    expect(topConfusions(sample(), 5).map((c) => [c.trueClass, c.predictedClass])).toEqual([
      [6, 0],
      [0, 6],
    ]);
    expect(confusionSummary(sample(), 2)).toBe(
      'Epoch 2: 4 of 7 test images classified right. Most confused: Shirt as T-shirt/top (2), T-shirt/top as Shirt (1).',
    );
    const perfect = new Int32Array(100);
    perfect[11] = 5;
    expect(confusionSummary(perfect, 1)).toBe(
      'Epoch 1: 5 of 5 test images classified right. No mistakes.',
    );
  });
});

describe('moveCell', () => {
  it('moves with the arrows and Home/End, stopping at the edges', () => {
    expect(moveCell({ row: 0, column: 0 }, 'ArrowUp')).toEqual({ row: 0, column: 0 });
    expect(moveCell({ row: 0, column: 0 }, 'ArrowDown')).toEqual({ row: 1, column: 0 });
    expect(moveCell({ row: 4, column: 9 }, 'ArrowRight')).toEqual({ row: 4, column: 9 });
    expect(moveCell({ row: 4, column: 9 }, 'ArrowLeft')).toEqual({ row: 4, column: 8 });
    expect(moveCell({ row: 4, column: 5 }, 'Home')).toEqual({ row: 4, column: 0 });
    expect(moveCell({ row: 4, column: 5 }, 'End')).toEqual({ row: 4, column: 9 });
    expect(moveCell({ row: 4, column: 5 }, 'Enter')).toBeNull();
  });
});

describe('examplesCaption', () => {
  it("says how many of the cell's images are shown and which weights gave the probabilities", () => {
    const tail =
      "with the probability it gave Shirt in epoch 3's evaluation (not the current weights).";
    expect(examplesCaption(24, 40, 'Shirt', 3)).toBe(
      `The 24 of 40 images the model was surest about, ${tail}`,
    );
    expect(examplesCaption(5, 5, 'Shirt', 3)).toBe(`All 5 images, ${tail}`);
    expect(examplesCaption(1, 1, 'Shirt', 3)).toBe(`The one image, ${tail}`);
  });
});
