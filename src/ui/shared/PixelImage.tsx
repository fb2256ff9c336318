import { useEffect, useRef } from 'react';
import { IMAGE_SIZE } from '../../protocol';
import './PixelImage.css';

interface PixelImageProps {
  /** 784 values: Float32Array in [0, 1] or Uint8Array in 0..255, row-major, white on black. */
  pixels: Float32Array | Uint8Array;
  label: string;
  /** CSS size in pixels; the 28x28 image is scaled up with hard pixel edges. */
  size?: number;
}

/** A 28x28 grayscale image as the model sees it. */
export function PixelImage({ pixels, label, size = 112 }: PixelImageProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(IMAGE_SIZE, IMAGE_SIZE);
    const scale = pixels instanceof Uint8Array ? 1 : 255;
    for (let i = 0; i < IMAGE_SIZE * IMAGE_SIZE; i++) {
      const v = Math.round((pixels[i] ?? 0) * scale);
      image.data.set([v, v, v, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }, [pixels]);
  return (
    <canvas
      ref={ref}
      className="pixel-image"
      width={IMAGE_SIZE}
      height={IMAGE_SIZE}
      role="img"
      aria-label={label}
      style={{ width: size, height: size }}
    />
  );
}
