// Turns the verified source files into shard files plus the manifest that lists them.

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseIdxPair } from '../../src/data/idx';
import {
  BYTES_PER_IMAGE,
  MANIFEST_FILE,
  MANIFEST_VERSION,
  type DatasetManifest,
  type ShardEntry,
  type SplitManifest,
} from '../../src/data/manifest';
import { FASHION_MNIST_CLASSES, IMAGE_PIXELS, IMAGE_SIZE } from '../../src/protocol/classes';
import { SPLIT_SOURCES } from './officialFiles';
import type { VerifiedSources } from './findSources';
import { gunzipSource, sha256Hex, type VerifiedSource } from './verifySource';

export const DEFAULT_SHARD_SIZE = 10_000;

export function shardFileName(split: string, index: number): string {
  return `${split}-${String(index).padStart(2, '0')}.bin`;
}

async function gunzipped(source: VerifiedSource): Promise<{ bytes: Buffer; file: string }> {
  const bytes = source.content ?? gunzipSource(await readFile(source.path), source.path);
  return { bytes, file: source.path };
}

/** Writes one split's shards into `dir`: each is count*784 pixel bytes, then count label bytes. */
async function writeSplit(
  dir: string,
  split: 'train' | 'test',
  sources: VerifiedSources,
  shardSize: number,
): Promise<SplitManifest> {
  const names = SPLIT_SOURCES[split];
  const { count, pixels, labels } = parseIdxPair(
    await gunzipped(sources[names.images]),
    await gunzipped(sources[names.labels]),
  );
  const shards: ShardEntry[] = [];
  for (let start = 0; start < count; start += shardSize) {
    const n = Math.min(shardSize, count - start);
    const bytes = Buffer.alloc(n * BYTES_PER_IMAGE);
    bytes.set(pixels.subarray(start * IMAGE_PIXELS, (start + n) * IMAGE_PIXELS), 0);
    bytes.set(labels.subarray(start, start + n), n * IMAGE_PIXELS);
    const file = shardFileName(split, shards.length);
    await writeFile(join(dir, file), bytes);
    // The same bytes gzipped (no name, no time stamp: the same input gives the same file), which
    // the app downloads and decompresses: about half the bytes over the network.
    const gz = gzipSync(bytes, { level: 9 });
    await writeFile(join(dir, `${file}.gz`), gz);
    shards.push({
      file,
      count: n,
      bytes: bytes.length,
      sha256: sha256Hex(bytes),
      gzip: { file: `${file}.gz`, bytes: gz.length },
    });
  }
  return { count, shards };
}

/** Writes every shard and manifest.json into `dir` (an empty folder) and returns the manifest. */
export async function writeShards(
  dir: string,
  sources: VerifiedSources,
  shardSize: number,
): Promise<DatasetManifest> {
  const manifest: DatasetManifest = {
    version: MANIFEST_VERSION,
    dataset: 'fashion-mnist',
    imageSize: IMAGE_SIZE,
    classNames: [...FASHION_MNIST_CLASSES],
    train: await writeSplit(dir, 'train', sources, shardSize),
    test: await writeSplit(dir, 'test', sources, shardSize),
  };
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
