// Decides cheaply whether the shards already on disk are the ones this run would write, so
// `npm run data` (run before every dev, build and unit-test run) can return at once.

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { MANIFEST_FILE, MANIFEST_VERSION, validateManifest } from '../../src/data/manifest';
import { FASHION_MNIST_CLASSES } from '../../src/protocol/classes';
import { SOURCE_FILE_NAMES, type ChecksumTable } from './officialFiles';
import { errorCode, errorText, sha256Hex } from './verifySource';

/** Written beside the manifest: what the shards were built from. */
export const STAMP_FILE = 'source.json';

interface Stamp {
  manifestVersion: number;
  /** 'gzip': every shard has a .gz copy listed in the manifest (older builds had none). */
  compression: 'gzip';
  shardSize: number;
  /** MD5 of each source file the shards were built from (the official ones). */
  sourceMd5: Record<string, string>;
}

function stampFor(checksums: ChecksumTable, shardSize: number): Stamp {
  const sourceMd5 = Object.fromEntries(SOURCE_FILE_NAMES.map((n) => [n, checksums[n].md5]));
  return { manifestVersion: MANIFEST_VERSION, compression: 'gzip', shardSize, sourceMd5 };
}

export async function writeStamp(dir: string, checksums: ChecksumTable, shardSize: number) {
  await writeFile(
    join(dir, STAMP_FILE),
    `${JSON.stringify(stampFor(checksums, shardSize), null, 2)}\n`,
  );
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

/**
 * Null when `dir` holds a valid manifest, built from sources with these checksums and this shard
 * size, whose every shard has the listed size and SHA-256. Otherwise says why a rebuild is due.
 * Hashing the ~55 MB of shards and unzipping their .gz copies takes well under a second; the
 * sources are not re-read.
 */
export async function whyRebuild(
  dir: string,
  checksums: ChecksumTable,
  shardSize: number,
): Promise<string | null> {
  let manifestJson: unknown;
  let stampJson: unknown;
  try {
    manifestJson = await readJson(join(dir, MANIFEST_FILE));
    stampJson = await readJson(join(dir, STAMP_FILE));
  } catch (err) {
    return errorCode(err) === 'ENOENT' ? 'no shards yet' : `unreadable: ${errorText(err)}`;
  }
  if (JSON.stringify(stampJson) !== JSON.stringify(stampFor(checksums, shardSize)))
    return 'built from other sources or settings';
  let manifest;
  try {
    manifest = validateManifest(manifestJson, join(dir, MANIFEST_FILE));
  } catch (err) {
    return errorText(err);
  }
  if (manifest.classNames.join('\n') !== FASHION_MNIST_CLASSES.join('\n'))
    return 'the class names changed';
  for (const shard of [...manifest.train.shards, ...manifest.test.shards]) {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(dir, shard.file));
    } catch {
      return `shard ${shard.file} is missing`;
    }
    if (bytes.length !== shard.bytes || sha256Hex(bytes) !== shard.sha256)
      return `shard ${shard.file} does not match the manifest`;
    if (!shard.gzip) return `shard ${shard.file} has no compressed copy`;
    try {
      const gz = await readFile(join(dir, shard.gzip.file));
      if (gz.length !== shard.gzip.bytes || !gunzipSync(gz).equals(bytes))
        return `${shard.gzip.file} does not match the manifest`;
    } catch {
      return `${shard.gzip.file} is missing or not gzip`;
    }
  }
  return null;
}
