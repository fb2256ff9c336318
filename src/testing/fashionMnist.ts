// Test helper: real Fashion-MNIST images from disk, for the tests that prove the model learns.
// Prefers the app's prepared shards (public/data/fashion-mnist, made by `npm run data`), else parses
// the official gzipped IDX files (FASHION_MNIST_DIR, ../shared, Debian's package). Null when none is there.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { IMAGE_PIXELS } from '../protocol';
import type { LabelledImages } from '../training/gpuImages';

type Split = 'train' | 'test';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SHARD_DIR = join(REPO_ROOT, 'public/data/fashion-mnist');
const IDX_DIRS = [
  process.env.FASHION_MNIST_DIR,
  join(REPO_ROOT, '../shared/fashion-mnist'),
  '/usr/share/datasets/fashion-mnist',
].filter((dir): dir is string => Boolean(dir));
const IDX_FILES: Record<Split, [string, string]> = {
  train: ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz'],
  test: ['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'],
};

function fromShard(split: Split, count: number): LabelledImages | null {
  const manifestPath = join(SHARD_DIR, 'manifest.json');
  if (!existsSync(manifestPath)) return null;
  const manifest: unknown = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const shard = readFirstShard(manifest, split);
  if (!shard || shard.count < count) return null;
  const bytes = readFileSync(join(SHARD_DIR, shard.file));
  return {
    images: new Uint8Array(bytes.subarray(0, count * IMAGE_PIXELS)),
    labels: new Uint8Array(
      bytes.subarray(shard.count * IMAGE_PIXELS, shard.count * IMAGE_PIXELS + count),
    ),
    count,
  };
}

function readFirstShard(manifest: unknown, split: Split): { file: string; count: number } | null {
  if (typeof manifest !== 'object' || manifest === null || !(split in manifest)) return null;
  const entry: unknown = (manifest as Record<string, unknown>)[split];
  if (typeof entry !== 'object' || entry === null || !('shards' in entry)) return null;
  const first: unknown = Array.isArray(entry.shards) ? entry.shards[0] : undefined;
  if (typeof first !== 'object' || first === null || !('file' in first) || !('count' in first)) {
    return null;
  }
  const { file, count } = first;
  return typeof file === 'string' && typeof count === 'number' ? { file, count } : null;
}

function fromIdx(split: Split, count: number): LabelledImages | null {
  const dir = IDX_DIRS.find((d) => existsSync(join(d, IDX_FILES[split][0])));
  if (!dir) return null;
  const images = gunzipSync(readFileSync(join(dir, IDX_FILES[split][0])));
  const labels = gunzipSync(readFileSync(join(dir, IDX_FILES[split][1])));
  // IDX headers: 16 bytes for images (magic, count, rows, cols), 8 for labels (magic, count).
  return {
    images: new Uint8Array(images.subarray(16, 16 + count * IMAGE_PIXELS)),
    labels: new Uint8Array(labels.subarray(8, 8 + count)),
    count,
  };
}

/** The first `count` images of a split, or null when no copy of the dataset is on this machine. */
export function loadFashionMnist(split: Split, count: number): LabelledImages | null {
  return fromShard(split, count) ?? fromIdx(split, count);
}
