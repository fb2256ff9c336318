// Turns a drawing or an uploaded picture into the 28x28 input the model was trained on. Fashion-MNIST
// images are light garments on a black background, trimmed to the object, its longest edge scaled to
// fill the frame and centred; a photo of a dark shoe on a white table must be made to look like that
// before the network's answer means anything. Pure pixel math: no DOM, no tfjs.

import { IMAGE_PIXELS, IMAGE_SIZE } from '../protocol';

/** Row-major pixels as read from a canvas (`channels` 4, RGBA) or a grayscale buffer (`channels` 1). */
export interface RasterImage {
  width: number;
  height: number;
  channels: 1 | 4;
  data: ArrayLike<number>;
}

export interface ModelInput {
  /** 784 values in [0, 1], row-major, light object on black. */
  pixels: Float32Array;
  /** True when the picture had a light background and was inverted. */
  inverted: boolean;
  /** The object's bounding box in the source image. */
  box: { x: number; y: number; width: number; height: number };
}

export interface PreprocessOptions {
  /** Side, in output pixels, that the object's longest edge is scaled to. Fashion-MNIST scales the
   * longest edge to the full 28; a one-pixel margin each side keeps strokes off the border. */
  fitSize?: number;
  /** Share of the full range a pixel must exceed (after background removal) to count as object. */
  threshold?: number;
}

const DEFAULT_FIT = 26;
const DEFAULT_THRESHOLD = 0.15;

/** Luminance in [0, 1]; transparent pixels are composited over white, as a browser shows them. */
export function toGrayscale(image: RasterImage): Float32Array {
  const { width, height, channels, data } = image;
  const n = width * height;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`Image size must be positive integers, got ${width}x${height}.`);
  }
  if (data.length !== n * channels) {
    throw new RangeError(
      `Expected ${n * channels} values for ${width}x${height}x${channels}, got ${data.length}.`,
    );
  }
  const gray = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (channels === 1) {
      gray[i] = (data[i] ?? 0) / 255;
      continue;
    }
    const r = data[4 * i] ?? 0;
    const g = data[4 * i + 1] ?? 0;
    const b = data[4 * i + 2] ?? 0;
    const a = (data[4 * i + 3] ?? 255) / 255;
    const luma = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    gray[i] = luma * a + (1 - a);
  }
  return gray;
}

/** Mean of the outermost ring of pixels: what the background most likely is. */
export function borderMean(gray: Float32Array, width: number, height: number): number {
  let sum = 0;
  let count = 0;
  for (let y = 0; y < height; y++) {
    const edgeRow = y === 0 || y === height - 1;
    for (let x = 0; x < width; x++) {
      if (edgeRow || x === 0 || x === width - 1) {
        sum += gray[y * width + x] ?? 0;
        count++;
      }
    }
  }
  return count === 0 ? 0 : sum / count;
}

/**
 * Area-averaging resample of a `side` x `side` square to `size` x `size`: each output pixel is the
 * mean of the source area it covers, so thin strokes fade rather than vanish when shrinking.
 */
export function resampleSquare(src: Float32Array, side: number, size: number): Float32Array {
  const out = new Float32Array(size * size);
  const scale = side / size;
  for (let oy = 0; oy < size; oy++) {
    const y0 = oy * scale;
    const y1 = y0 + scale;
    for (let ox = 0; ox < size; ox++) {
      const x0 = ox * scale;
      const x1 = x0 + scale;
      let sum = 0;
      for (let sy = Math.floor(y0); sy < Math.min(side, Math.ceil(y1)); sy++) {
        const wy = Math.min(y1, sy + 1) - Math.max(y0, sy);
        for (let sx = Math.floor(x0); sx < Math.min(side, Math.ceil(x1)); sx++) {
          const wx = Math.min(x1, sx + 1) - Math.max(x0, sx);
          sum += (src[sy * side + sx] ?? 0) * wx * wy;
        }
      }
      out[oy * size + ox] = sum / (scale * scale);
    }
  }
  return out;
}

/**
 * Converts an image to the model's 28x28 input: grayscale, background made black (inverting light
 * backgrounds, judged by the border's mean), contrast stretched so the brightest pixel is 1, cropped to
 * the object's bounding box, padded to a square, scaled so its longest edge is `fitSize` and centred.
 * Returns null when nothing stands out from the background (an empty drawing, a blank picture).
 */
export function toModelInput28(
  image: RasterImage,
  options: PreprocessOptions = {},
): ModelInput | null {
  const fitSize = options.fitSize ?? DEFAULT_FIT;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!Number.isInteger(fitSize) || fitSize < 1 || fitSize > IMAGE_SIZE) {
    throw new RangeError(`fitSize must be an integer in 1..${IMAGE_SIZE}, got ${fitSize}.`);
  }
  const { width, height } = image;
  const gray = toGrayscale(image);
  const inverted = borderMean(gray, width, height) > 0.5;
  if (inverted) for (let i = 0; i < gray.length; i++) gray[i] = 1 - (gray[i] ?? 0);

  // Whatever the border is made of is background: subtract it, then stretch what is left to 0..1.
  const background = Math.min(borderMean(gray, width, height), 0.5);
  let peak = 0;
  for (let i = 0; i < gray.length; i++) {
    const v = Math.max(0, (gray[i] ?? 0) - background);
    gray[i] = v;
    if (v > peak) peak = v;
  }
  // A blank or uniformly grey picture: nothing to classify.
  if (peak < 0.05) return null;

  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const v = (gray[i] ?? 0) / peak;
      gray[i] = v;
      if (v > threshold) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  if (maxX < 0) return null;

  const boxW = maxX - minX + 1;
  const boxH = maxY - minY + 1;
  const side = Math.max(boxW, boxH);
  const square = new Float32Array(side * side);
  const offX = Math.floor((side - boxW) / 2);
  const offY = Math.floor((side - boxH) / 2);
  for (let y = 0; y < boxH; y++) {
    for (let x = 0; x < boxW; x++) {
      square[(y + offY) * side + x + offX] = gray[(y + minY) * width + x + minX] ?? 0;
    }
  }

  const fitted = resampleSquare(square, side, fitSize);
  const pixels = new Float32Array(IMAGE_PIXELS);
  const margin = Math.floor((IMAGE_SIZE - fitSize) / 2);
  for (let y = 0; y < fitSize; y++) {
    for (let x = 0; x < fitSize; x++) {
      pixels[(y + margin) * IMAGE_SIZE + x + margin] = Math.min(1, fitted[y * fitSize + x] ?? 0);
    }
  }
  return { pixels, inverted, box: { x: minX, y: minY, width: boxW, height: boxH } };
}
