// The dataset the kit carries: the four official Fashion-MNIST files, each checked against the
// official MD5 (or, for Debian's re-gzipped copy, the official content SHA-256), stored gunzipped:
// xz packs the raw IDX files about 4 MB smaller than the published gzip files.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DEBIAN_DIR, OFFICIAL_CHECKSUMS, SOURCE_FILE_NAMES } from '../../data/officialFiles';
import { verifySourceFile } from '../../data/verifySource';

/** Where the official files are looked for: $FASHION_MNIST_DIR, then Debian's package. */
export function findOfficialDir(env = process.env): string {
  const candidates = [
    ...(env.FASHION_MNIST_DIR ? [resolve(env.FASHION_MNIST_DIR)] : []),
    DEBIAN_DIR,
  ];
  const dir = candidates.find((d) => SOURCE_FILE_NAMES.every((f) => existsSync(join(d, f))));
  if (!dir) {
    throw new Error(
      `The four official Fashion-MNIST .gz files were not found in ${candidates.join(' or ')}. ` +
        'Set FASHION_MNIST_DIR to the folder holding them, or install Debian\'s "dataset-fashion-mnist".',
    );
  }
  return dir;
}

/** A key that changes only if the data does: the official content hashes. */
export const DATASET_KEY = SOURCE_FILE_NAMES.map((f) => OFFICIAL_CHECKSUMS[f].contentSha256).join();

/** Verifies the four files in `sourceDir` and writes them gunzipped (official names minus .gz). */
export async function writeVerifiedIdx(sourceDir: string, outDir: string): Promise<void> {
  for (const name of SOURCE_FILE_NAMES) {
    const verified = await verifySourceFile(join(sourceDir, name), OFFICIAL_CHECKSUMS[name]);
    const content = verified.content ?? gunzipSync(readFileSync(verified.path));
    writeFileSync(join(outDir, name.replace(/\.gz$/, '')), content);
  }
}
