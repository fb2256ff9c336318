// Test helpers: small, real IDX/gzip files shaped like Fashion-MNIST's, plus the checksum table that
// makes them pass, so every check after the checksum (IDX format, counts) can be exercised.

import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from '../../src/data/idx';
import { SOURCE_FILE_NAMES, type ChecksumTable, type SourceFileName } from './officialFiles';
import { md5Hex, sha256Hex } from './verifySource';

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

/** The uncompressed IDX files of a consistent synthetic dataset. Test images follow on from train's. */
export function syntheticIdxFiles(train: number, test: number): Record<SourceFileName, Buffer> {
  return {
    'train-images-idx3-ubyte.gz': idxImages(train),
    'train-labels-idx1-ubyte.gz': idxLabels(syntheticLabels(train)),
    't10k-images-idx3-ubyte.gz': idxImages(test, { firstImage: train }),
    't10k-labels-idx1-ubyte.gz': idxLabels(syntheticLabels(test, train)),
  };
}

export function checksumsOf(gzFiles: Record<SourceFileName, Buffer>): ChecksumTable {
  const entry = (name: SourceFileName) => ({ md5: md5Hex(gzFiles[name]) });
  return {
    'train-images-idx3-ubyte.gz': entry('train-images-idx3-ubyte.gz'),
    'train-labels-idx1-ubyte.gz': entry('train-labels-idx1-ubyte.gz'),
    't10k-images-idx3-ubyte.gz': entry('t10k-images-idx3-ubyte.gz'),
    't10k-labels-idx1-ubyte.gz': entry('t10k-labels-idx1-ubyte.gz'),
  };
}

/**
 * Gzips the IDX files into `dir` (any of them replaced by `gzOverride`, written as given) and returns
 * the checksum table they pass, including the gunzipped content's SHA-256.
 */
export async function writeSyntheticSource(
  dir: string,
  idx: Record<SourceFileName, Buffer>,
  gzOverride: Partial<Record<SourceFileName, Buffer>> = {},
): Promise<ChecksumTable> {
  await mkdir(dir, { recursive: true });
  const gz = {} as Record<SourceFileName, Buffer>;
  for (const name of SOURCE_FILE_NAMES) {
    gz[name] = gzOverride[name] ?? gzipSync(idx[name]);
    await writeFile(join(dir, name), gz[name]);
  }
  const table = checksumsOf(gz);
  for (const name of SOURCE_FILE_NAMES) table[name].contentSha256 = sha256Hex(idx[name]);
  return table;
}
