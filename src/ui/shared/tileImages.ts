// Pixels for the canvases of the inside views: grayscale or heat-coloured tiles laid out in a grid
// (filters, feature maps), and a saliency map laid over its picture. Pure: no React, no DOM.

export type Palette = 'gray' | 'heat';

// Black through purple and orange to pale yellow, like matplotlib's "inferno": dark is low, so a
// dead channel is black, as in the grayscale palette.
const HEAT_STOPS: readonly (readonly [number, number, number])[] = [
  [0, 0, 4],
  [87, 16, 110],
  [188, 55, 84],
  [249, 142, 9],
  [252, 255, 164],
];

/** The colour of a value in [0, 1] (clamped) in `palette`. */
export function paletteColor(value: number, palette: Palette): [number, number, number] {
  const v = Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
  if (palette === 'gray') {
    const g = Math.round(v * 255);
    return [g, g, g];
  }
  const position = v * (HEAT_STOPS.length - 1);
  const i = Math.min(HEAT_STOPS.length - 2, Math.floor(position));
  const f = position - i;
  const [a, b] = [HEAT_STOPS[i]!, HEAT_STOPS[i + 1]!];
  return [0, 1, 2].map((c) => Math.round(a[c]! + (b[c]! - a[c]!) * f)) as [number, number, number];
}

export interface TileGrid {
  /** `count` tiles of width x height values in [0, 1], row-major, one after another. */
  values: ArrayLike<number>;
  count: number;
  width: number;
  height: number;
  columns: number;
  palette: Palette;
  /** Pixels between tiles (drawn in the background colour). */
  gap: number;
}

/** The grid's size in canvas pixels. */
export function gridSize(grid: Omit<TileGrid, 'values' | 'palette'>): {
  width: number;
  height: number;
} {
  const columns = Math.max(1, Math.min(grid.columns, grid.count));
  const rows = Math.ceil(grid.count / columns);
  return {
    width: columns * grid.width + (columns - 1) * grid.gap,
    height: rows * grid.height + (rows - 1) * grid.gap,
  };
}

/** RGBA bytes of the whole grid; the gaps are transparent, so the page's background shows. */
export function tileGridRgba(grid: TileGrid): Uint8ClampedArray {
  const { width: canvasWidth, height: canvasHeight } = gridSize(grid);
  const rgba = new Uint8ClampedArray(canvasWidth * canvasHeight * 4);
  const columns = Math.max(1, Math.min(grid.columns, grid.count));
  for (let t = 0; t < grid.count; t++) {
    const left = (t % columns) * (grid.width + grid.gap);
    const top = Math.floor(t / columns) * (grid.height + grid.gap);
    for (let y = 0; y < grid.height; y++) {
      for (let x = 0; x < grid.width; x++) {
        const value = grid.values[(t * grid.height + y) * grid.width + x] ?? 0;
        const at = ((top + y) * canvasWidth + left + x) * 4;
        rgba.set([...paletteColor(value, grid.palette), 255], at);
      }
    }
  }
  return rgba;
}

/**
 * RGBA bytes of a 28x28 picture (values in [0, 1]) dimmed to grey, with the saliency map (values in
 * [0, 1]) laid over it in the heat palette, as opaque as it is strong.
 */
export function saliencyOverlayRgba(
  picture: ArrayLike<number>,
  saliency: ArrayLike<number>,
): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(saliency.length * 4);
  for (let i = 0; i < saliency.length; i++) {
    const base = Math.round((picture[i] ?? 0) * 110);
    const s = Math.min(1, Math.max(0, saliency[i] ?? 0));
    const heat = paletteColor(s, 'heat');
    // Opacity grows faster than the value so weak but real gradients still show.
    const alpha = Math.sqrt(s);
    const mixed = heat.map((c) => Math.round(base + (c - base) * alpha));
    rgba.set([...mixed, 255], i * 4);
  }
  return rgba;
}
