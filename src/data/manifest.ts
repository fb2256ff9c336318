// The format of public/data/fashion-mnist/manifest.json, written by scripts/prepare-data.ts and read by
// the shard loader in the worker.
//
// A shard file holds `count` images then their `count` labels: count * 784 pixel bytes (row-major
// 28x28, 0 = black background, 255 = garment, as in the IDX files) followed by count label bytes (0-9).

import { IMAGE_PIXELS, IMAGE_SIZE, NUM_CLASSES } from '../protocol/classes';

export const MANIFEST_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
/** Bytes one image takes in a shard: its pixels plus its label byte. */
export const BYTES_PER_IMAGE = IMAGE_PIXELS + 1;

export interface ShardEntry {
  /** File name relative to the manifest. */
  file: string;
  /** Images in this shard. */
  count: number;
  /** File size: count * 785. */
  bytes: number;
  /** Lower-case hex SHA-256 of the whole file. */
  sha256: string;
  /** The same bytes gzip-compressed (`<file>.gz`, about half the size), for browsers that can
   * decompress them (DecompressionStream). The SHA-256 is checked on the decompressed bytes. */
  gzip?: { file: string; bytes: number };
}

export interface SplitManifest {
  count: number;
  shards: ShardEntry[];
}

export interface DatasetManifest {
  version: typeof MANIFEST_VERSION;
  dataset: 'fashion-mnist';
  imageSize: 28;
  classNames: string[];
  train: SplitManifest;
  test: SplitManifest;
}

/** Anything wrong with the dataset files, in words meant for the person running the app. */
export class DataError extends Error {
  override name = 'DataError';
}

/** Bytes of all shards of both splits. */
export function totalShardBytes(manifest: DatasetManifest): number {
  let total = 0;
  for (const split of [manifest.train, manifest.test])
    for (const s of split.shards) total += s.bytes;
  return total;
}

// Plain names only: the loader appends them to a URL, so '/', '..' or '?' must not get through.
const SHARD_FILE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.bin$/;
const GZIP_FILE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.bin\.gz$/;
const SHA256_PATTERN = /^[0-9a-f]{64}$/;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function invalid(source: string, problem: string): never {
  throw new DataError(
    `The dataset manifest ${source} is invalid: ${problem}. Run \`npm run data\`.`,
  );
}

/**
 * Checks that parsed JSON is a manifest this app can load, and returns it typed. Throws a DataError
 * naming `source` (e.g. the manifest's URL) and the first problem found.
 */
export function validateManifest(value: unknown, source = MANIFEST_FILE): DatasetManifest {
  if (!isObject(value)) invalid(source, 'it is not a JSON object');
  if (value.version !== MANIFEST_VERSION)
    invalid(
      source,
      `format version is ${JSON.stringify(value.version)}, this app reads ${MANIFEST_VERSION}`,
    );
  if (value.dataset !== 'fashion-mnist') invalid(source, '"dataset" is not "fashion-mnist"');
  if (value.imageSize !== IMAGE_SIZE) invalid(source, `"imageSize" is not ${IMAGE_SIZE}`);
  const classNames: unknown = value.classNames;
  if (!isStringList(classNames, NUM_CLASSES))
    invalid(source, `"classNames" must list ${NUM_CLASSES} names`);
  const train = validateSplit(value.train, 'train', source);
  const test = validateSplit(value.test, 'test', source);
  const files = [...train.shards, ...test.shards].map((s) => s.file);
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice !== undefined) invalid(source, `shard file ${twice} is listed twice`);
  return {
    version: MANIFEST_VERSION,
    dataset: 'fashion-mnist',
    imageSize: IMAGE_SIZE,
    classNames,
    train,
    test,
  };
}

function isStringList(value: unknown, length: number): value is string[] {
  return (
    Array.isArray(value) && value.length === length && value.every((v) => typeof v === 'string')
  );
}

function validateSplit(value: unknown, split: string, source: string): SplitManifest {
  if (!isObject(value)) invalid(source, `"${split}" is missing`);
  const { count, shards } = value;
  if (!isCount(count)) invalid(source, `"${split}.count" must be a positive whole number`);
  if (!Array.isArray(shards) || shards.length === 0)
    invalid(source, `"${split}.shards" must list the shards`);
  const entries = shards.map((s: unknown, i) => validateShard(s, `${split}.shards[${i}]`, source));
  const sum = entries.reduce((acc, e) => acc + e.count, 0);
  if (sum !== count)
    invalid(
      source,
      `the ${split} shards hold ${sum} images in all but "${split}.count" says ${count}`,
    );
  return { count, shards: entries };
}

function validateShard(value: unknown, where: string, source: string): ShardEntry {
  if (!isObject(value)) invalid(source, `${where} is not an object`);
  const { file, count, bytes, sha256, gzip } = value;
  if (typeof file !== 'string' || !SHARD_FILE_PATTERN.test(file))
    invalid(source, `${where}.file must be a plain file name ending in .bin`);
  if (!isCount(count)) invalid(source, `shard ${file}: "count" must be a positive whole number`);
  if (bytes !== count * BYTES_PER_IMAGE)
    invalid(
      source,
      `shard ${file}: "bytes" is ${JSON.stringify(bytes)} but ${count} images take ${count * BYTES_PER_IMAGE}`,
    );
  if (typeof sha256 !== 'string' || !SHA256_PATTERN.test(sha256))
    invalid(source, `shard ${file}: "sha256" must be 64 lower-case hex digits`);
  if (gzip === undefined) return { file, count, bytes, sha256 };
  if (
    !isObject(gzip) ||
    typeof gzip.file !== 'string' ||
    !GZIP_FILE_PATTERN.test(gzip.file) ||
    !isCount(gzip.bytes)
  )
    invalid(source, `shard ${file}: "gzip" must name a .bin.gz file and its size`);
  return { file, count, bytes, sha256, gzip: { file: gzip.file, bytes: gzip.bytes } };
}
