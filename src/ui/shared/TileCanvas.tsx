import { useMemo } from 'react';
import { RgbaCanvas } from './RgbaCanvas';
import { gridSize, tileGridRgba, type TileGrid } from './tileImages';

interface TileCanvasProps extends TileGrid {
  label: string;
  /** CSS pixels per value (the canvas never grows wider than its container). */
  scale: number;
}

/** Equal small images (filters, feature-map channels) in a grid, on one canvas. */
export function TileCanvas(props: TileCanvasProps) {
  const { label, scale, values, count, width, height, columns, palette, gap } = props;
  const rgba = useMemo(
    () => tileGridRgba({ values, count, width, height, columns, palette, gap }),
    [values, count, width, height, columns, palette, gap],
  );
  const size = gridSize({ count, width, height, columns, gap });
  return (
    <RgbaCanvas
      rgba={rgba}
      width={size.width}
      height={size.height}
      label={label}
      cssWidth={size.width * scale}
    />
  );
}
