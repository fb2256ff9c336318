import { useEffect, useRef } from 'react';
import './RgbaCanvas.css';

interface RgbaCanvasProps {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  label: string;
  /** CSS width in pixels (the height follows); the canvas scales with hard pixel edges and never
   * grows wider than its container. */
  cssWidth: number;
  className?: string;
}

/** A small bitmap drawn at its own resolution and scaled up: filters, feature maps, saliency. */
export function RgbaCanvas({ rgba, width, height, label, cssWidth, className }: RgbaCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context || rgba.length !== width * height * 4) return;
    const image = context.createImageData(width, height);
    image.data.set(rgba);
    context.putImageData(image, 0, 0);
  }, [rgba, width, height]);
  return (
    <canvas
      ref={ref}
      className={`pixel-canvas${className ? ` ${className}` : ''}`}
      width={width}
      height={height}
      role="img"
      aria-label={label}
      style={{ width: cssWidth }}
    />
  );
}
