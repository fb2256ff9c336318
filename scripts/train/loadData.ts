// Fashion-MNIST for the Node trainer, from a folder holding either the app's shards
// (manifest.json, checked by SHA-256) or the four official IDX files, gzipped as published or
// plain (the GPU kit ships them plain: xz packs them smaller than gzip does). Every file is checked
// against the official checksums before it is used.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { IMAGE_PIXELS, NUM_CLASSES } from '../../src/protocol';
import { DataError, MANIFEST_FILE, validateManifest } from '../../src/data/manifest';
import type { SplitManifest } from '../../src/data/manifest';
import { parseIdxPair } from '../../src/data/idx';
import type { LabelledImages } from '../../src/training/gpuImages';
import { DEBIAN_DIR, OFFICIAL_CHECKSUMS, SPLIT_SOURCES } from '../data/officialFiles';
import type { SourceFileName } from '../data/officialFiles';

export interface LoadedData {
  train: LabelledImages;
  test: LabelledImages;
  /** Where it came from and in which form, for the report. */
  source: string;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

/** The first `count` images of a split (copies, so the full arrays can be freed). */
function firstImages(split: LabelledImages, count: number): LabelledImages {
  const n = Math.min(count, split.count);
  return {
    images: split.images.slice(0, n * IMAGE_PIXELS),
    labels: split.labels.slice(0, n),
    count: n,
  };
}

function readShardSplit(dir: string, split: SplitManifest, limit: number): LabelledImages {
  const count = Math.min(limit, split.count);
  const images = new Uint8Array(count * IMAGE_PIXELS);
  const labels = new Uint8Array(count);
  let offset = 0;
  for (const shard of split.shards) {
    if (offset >= count) break;
    const path = join(dir, shard.file);
    if (!existsSync(path))
      throw new DataError(`${path}: the shard is missing. Run \`npm run data\`.`);
    const bytes = readFileSync(path);
    if (bytes.length !== shard.bytes || sha256(bytes) !== shard.sha256) {
      throw new DataError(`${path}: does not match its manifest entry. Run \`npm run data\`.`);
    }
    const take = Math.min(shard.count, count - offset);
    const shardLabels = bytes.subarray(
      shard.count * IMAGE_PIXELS,
      shard.count * IMAGE_PIXELS + take,
    );
    if (shardLabels.some((l) => l >= NUM_CLASSES)) throw new DataError(`${path}: invalid label.`);
    images.set(bytes.subarray(0, take * IMAGE_PIXELS), offset * IMAGE_PIXELS);
    labels.set(shardLabels, offset);
    offset += take;
  }
  return { images, labels, count };
}

function fromShards(dir: string, counts: { train: number; test: number }): LoadedData {
  const manifestPath = join(dir, MANIFEST_FILE);
  const manifest = validateManifest(JSON.parse(readFileSync(manifestPath, 'utf8')), manifestPath);
  return {
    train: readShardSplit(dir, manifest.train, counts.train),
    test: readShardSplit(dir, manifest.test, counts.test),
    source: `${dir} (shards)`,
  };
}

/** Reads `<name>` (plain IDX) or `<name>.gz`, checked against the official checksums. */
function readIdxFile(dir: string, gzName: SourceFileName): { bytes: Uint8Array; file: string } {
  const expected = OFFICIAL_CHECKSUMS[gzName];
  const plain = join(dir, gzName.replace(/\.gz$/, ''));
  if (existsSync(plain)) {
    const bytes = readFileSync(plain);
    if (sha256(bytes) !== expected.contentSha256) {
      throw new DataError(`${plain}: not the official Fashion-MNIST file (SHA-256 differs).`);
    }
    return { bytes, file: plain };
  }
  const gz = join(dir, gzName);
  if (!existsSync(gz)) throw new DataError(`${dir}: has neither ${gzName} nor its unzipped form.`);
  const packed = readFileSync(gz);
  const bytes = gunzipSync(packed);
  if (md5(packed) !== expected.md5 && sha256(bytes) !== expected.contentSha256) {
    throw new DataError(`${gz}: not the official Fashion-MNIST file (MD5 and content differ).`);
  }
  return { bytes, file: gz };
}

function fromIdx(dir: string, counts: { train: number; test: number }): LoadedData {
  const split = (name: 'train' | 'test'): LabelledImages => {
    const files = SPLIT_SOURCES[name];
    const pair = parseIdxPair(readIdxFile(dir, files.images), readIdxFile(dir, files.labels));
    const all = { images: pair.pixels, labels: pair.labels, count: pair.count };
    return firstImages(all, counts[name]);
  };
  return { train: split('train'), test: split('test'), source: `${dir} (IDX files)` };
}

const hasShards = (dir: string) => existsSync(join(dir, MANIFEST_FILE));
const hasIdx = (dir: string) =>
  ['train-images-idx3-ubyte', 'train-images-idx3-ubyte.gz'].some((f) => existsSync(join(dir, f)));

/** Folders tried, in order, when --data is not given. */
export function defaultDataDirs(repoRoot: string, env = process.env): string[] {
  return [
    join(repoRoot, 'public/data/fashion-mnist'),
    ...(env.FASHION_MNIST_DIR ? [resolve(env.FASHION_MNIST_DIR)] : []),
    DEBIAN_DIR,
  ];
}

/**
 * Loads the first `counts` images of each split from `dir`, or from the first default folder that
 * holds the data. Throws a DataError saying what was tried.
 */
export function loadData(
  dir: string | undefined,
  counts: { train: number; test: number },
  fallbacks: readonly string[],
): LoadedData {
  const candidates = dir === undefined ? fallbacks : [resolve(dir)];
  for (const candidate of candidates) {
    if (hasShards(candidate)) return fromShards(candidate, counts);
    if (hasIdx(candidate)) return fromIdx(candidate, counts);
  }
  const tried = candidates.map((c) => `  ${c}`).join('\n');
  throw new DataError(
    `No Fashion-MNIST data found. Looked for manifest.json (shards) or the official IDX files in:\n` +
      `${tried}\nRun \`npm run data\`, or pass --data DIR.`,
  );
}
