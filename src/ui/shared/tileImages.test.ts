import { describe, expect, it } from 'vitest';
import { gridSize, paletteColor, saliencyOverlayRgba, tileGridRgba } from './tileImages';

describe('paletteColor', () => {
  it('maps 0 to black and 1 to white in gray, clamping outside [0, 1]', () => {
    expect(paletteColor(0, 'gray')).toEqual([0, 0, 0]);
    expect(paletteColor(0.5, 'gray')).toEqual([128, 128, 128]);
    expect(paletteColor(2, 'gray')).toEqual([255, 255, 255]);
    expect(paletteColor(NaN, 'gray')).toEqual([0, 0, 0]);
  });

  it('runs the heat palette from near black to pale yellow, brighter as it goes', () => {
    expect(paletteColor(0, 'heat')).toEqual([0, 0, 4]);
    expect(paletteColor(1, 'heat')).toEqual([252, 255, 164]);
    const brightness = [0, 0.25, 0.5, 0.75, 1].map((v) =>
      paletteColor(v, 'heat').reduce((a, b) => a + b),
    );
    expect(brightness).toEqual([...brightness].sort((a, b) => a - b));
  });
});

describe('tileGridRgba', () => {
  it('lays tiles out left to right, top to bottom, with transparent gaps', () => {
    // Three 2x1 tiles, two columns, a 1-pixel gap: a 5x3 canvas.
    const grid = {
      values: [0, 1, 1, 0, 0.5, 0.5],
      count: 3,
      width: 2,
      height: 1,
      columns: 2,
      palette: 'gray' as const,
      gap: 1,
    };
    expect(gridSize(grid)).toEqual({ width: 5, height: 3 });
    const rgba = tileGridRgba(grid);
    const pixel = (x: number, y: number) => [
      ...rgba.subarray((y * 5 + x) * 4, (y * 5 + x) * 4 + 4),
    ];
    expect(pixel(0, 0)).toEqual([0, 0, 0, 255]);
    expect(pixel(1, 0)).toEqual([255, 255, 255, 255]);
    expect(pixel(2, 0)).toEqual([0, 0, 0, 0]); // the gap
    expect(pixel(3, 0)).toEqual([255, 255, 255, 255]);
    expect(pixel(0, 1)).toEqual([0, 0, 0, 0]); // the gap row
    expect(pixel(1, 2)).toEqual([128, 128, 128, 255]);
    expect(pixel(3, 2)).toEqual([0, 0, 0, 0]); // no fourth tile
  });
});

describe('saliencyOverlayRgba', () => {
  it('shows the dimmed picture where saliency is 0 and the heat colour where it is 1', () => {
    const rgba = saliencyOverlayRgba([1, 1, 0], [0, 1, 0]);
    expect([...rgba.subarray(0, 4)]).toEqual([110, 110, 110, 255]);
    expect([...rgba.subarray(4, 8)]).toEqual([252, 255, 164, 255]);
    expect([...rgba.subarray(8, 12)]).toEqual([0, 0, 0, 255]);
  });
});
