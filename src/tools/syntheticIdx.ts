// Test helper: small, real IDX images and labels files shaped like Fashion-MNIST's, with pixels and
// labels that depend on the image's number so that mix-ups show. The parser's tests (src/data) and
// the dataset preparation's (scripts/data, whose syntheticSource.ts gzips them) both build on it.

import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from '../data/idx';

/** A pixel value that depends on both the image and the position, so mix-ups show. */
export function syntheticPixel(image: number, pixel: number): number {
  return (image * 31 + pixel * 7) & 0xff;
}

export function syntheticLabel(image: number): number {
  return (image * 3) % 10;
}

export function idxImages(
  count: number,
  opts: { magic?: number; rows?: number; cols?: number; firstImage?: number } = {},
): Buffer {
  const { magic = IDX_IMAGES_MAGIC, rows = 28, cols = 28, firstImage = 0 } = opts;
  const out = Buffer.alloc(16 + count * rows * cols);
  out.writeUInt32BE(magic, 0);
  out.writeUInt32BE(count, 4);
  out.writeUInt32BE(rows, 8);
  out.writeUInt32BE(cols, 12);
  for (let i = 0; i < count; i++)
    for (let p = 0; p < rows * cols; p++)
      out[16 + i * rows * cols + p] = syntheticPixel(firstImage + i, p);
  return out;
}

export function idxLabels(labels: number[], magic = IDX_LABELS_MAGIC): Buffer {
  const out = Buffer.alloc(8 + labels.length);
  out.writeUInt32BE(magic, 0);
  out.writeUInt32BE(labels.length, 4);
  out.set(labels, 8);
  return out;
}

export function syntheticLabels(count: number, firstImage = 0): number[] {
  return Array.from({ length: count }, (_, i) => syntheticLabel(firstImage + i));
}
