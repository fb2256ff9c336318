// Test helpers: small, real IDX/gzip files shaped like Fashion-MNIST's (the IDX files themselves come
// from src/tools/syntheticIdx.ts), plus the checksum table that makes them pass, so every check after
// the checksum (IDX format, counts) can be exercised.

import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { idxImages, idxLabels, syntheticLabels } from '../../src/tools/syntheticIdx';
import { SOURCE_FILE_NAMES, type ChecksumTable, type SourceFileName } from './officialFiles';
import { md5Hex, sha256Hex } from './verifySource';

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
