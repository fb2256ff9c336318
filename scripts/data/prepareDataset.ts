// `npm run data` as a library function: find and check the sources, and (re)write the shards only
// when those on disk are not already up to date. The CLI (scripts/prepare-data.ts) is a thin wrapper.

import type { DatasetManifest } from '../../src/data/manifest';
import { replaceDirAtomically, removeStaleSiblings } from './atomicDir';
import { DEFAULT_SHARD_SIZE, writeShards } from './buildShards';
import { downloadBaseUrl } from './download';
import {
  findFallbackSources,
  verifyExplicitSource,
  type ExplicitSource,
  type Logger,
  type VerifiedSources,
} from './findSources';
import {
  DEBIAN_DIR,
  OFFICIAL_BASE_URL,
  OFFICIAL_CHECKSUMS,
  SOURCE_FILE_NAMES,
  type ChecksumTable,
} from './officialFiles';
import { whyRebuild, writeStamp } from './upToDate';

export interface PrepareOptions {
  /** Where the shards and manifest.json go (public/data/fashion-mnist for the app). */
  outDir: string;
  /** Where downloaded source files are kept between runs. */
  cacheDir: string;
  /** A folder the user named (--from, FASHION_MNIST_DIR): used alone, and any fault is an error. */
  source?: ExplicitSource;
  /** Debian's copy, tried before downloading; null to skip it. Default /usr/share/datasets/fashion-mnist. */
  systemDir?: string | null;
  /** FASHION_MNIST_URL: another base URL on the official host or on this machine. */
  downloadUrl?: string;
  downloadIdleTimeoutMs?: number;
  /** The checksums each source file must match; tests pass those of synthetic files. */
  checksums?: ChecksumTable;
  shardSize?: number;
  log?: Logger;
}

export interface PrepareResult {
  /** False when the shards on disk were already up to date and nothing was written. */
  written: boolean;
  /** The source files used, when any were read. */
  sourcePaths: string[];
  manifest?: DatasetManifest;
}

const consoleLogger: Logger = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(`warning: ${m}`),
};

function pathsOf(sources: VerifiedSources): string[] {
  return SOURCE_FILE_NAMES.map((n) => sources[n].path);
}

export async function prepareDataset(opts: PrepareOptions): Promise<PrepareResult> {
  const checksums = opts.checksums ?? OFFICIAL_CHECKSUMS;
  const shardSize = opts.shardSize ?? DEFAULT_SHARD_SIZE;
  const log = opts.log ?? consoleLogger;
  await removeStaleSiblings(opts.outDir);

  // A named folder is checked even when nothing needs rebuilding: a bad one must not go unnoticed.
  const explicit = opts.source ? await verifyExplicitSource(opts.source, checksums) : null;
  const reason = await whyRebuild(opts.outDir, checksums, shardSize);
  if (reason === null) return { written: false, sourcePaths: explicit ? pathsOf(explicit) : [] };

  log.info(`Preparing the Fashion-MNIST shards in ${opts.outDir} (${reason}).`);
  const sources =
    explicit ??
    (await findFallbackSources(
      {
        systemDir: opts.systemDir === undefined ? DEBIAN_DIR : opts.systemDir,
        cacheDir: opts.cacheDir,
        downloadBase: downloadBaseUrl(opts.downloadUrl, OFFICIAL_BASE_URL),
        downloadIdleTimeoutMs: opts.downloadIdleTimeoutMs ?? 30_000,
      },
      checksums,
      log,
    ));
  const rewrapped = SOURCE_FILE_NAMES.filter((n) => sources[n].verifiedBy === 'content-sha256');
  if (rewrapped.length > 0)
    log.info(
      `Checked by content: ${rewrapped.join(', ')} have another gzip wrapper than the official files (as Debian's package does), but their data has the official SHA-256.`,
    );

  let manifest: DatasetManifest | undefined;
  await replaceDirAtomically(opts.outDir, async (dir) => {
    manifest = await writeShards(dir, sources, shardSize);
    await writeStamp(dir, checksums, shardSize);
  });
  return { written: true, sourcePaths: pathsOf(sources), manifest };
}
