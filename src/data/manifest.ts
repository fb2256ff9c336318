// The format of public/data/fashion-mnist/manifest.json, written by scripts/prepare-data.ts and read by
// the shard loader in the worker.
//
// A shard file holds `count` images then their `count` labels: count * 784 pixel bytes (row-major
// 28x28, 0 = black background, 255 = garment, as in the IDX files) followed by count label bytes (0-9).

export const MANIFEST_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
/** Where the shards live under public/, and so under the app's base URL. */
export const DATA_DIR = 'data/fashion-mnist';

export interface ShardEntry {
  /** File name relative to the manifest. */
  file: string;
  /** Images in this shard. */
  count: number;
  /** File size: count * 785. */
  bytes: number;
  /** Lower-case hex SHA-256 of the whole file. */
  sha256: string;
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
