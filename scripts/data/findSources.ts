// Finds a verified copy of each official source file: the folder the user named, else Debian's
// package, else a download into the cache.

import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '../../src/data/manifest';
import { downloadFile } from './download';
import {
  HOW_TO_PROVIDE,
  SOURCE_FILE_NAMES,
  type ChecksumTable,
  type SourceFileName,
} from './officialFiles';
import { errorText, verifySourceFile, type VerifiedSource } from './verifySource';

export type VerifiedSources = Record<SourceFileName, VerifiedSource>;

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/** A folder the user named; how they named it ('--from', 'FASHION_MNIST_DIR') goes in messages. */
export interface ExplicitSource {
  dir: string;
  origin: string;
}

export interface FallbackSources {
  /** Debian's copy; skipped when absent. */
  systemDir: string | null;
  cacheDir: string;
  downloadBase: URL;
  downloadIdleTimeoutMs: number;
}

/** Every file from the named folder; any missing or wrong file is an error, never skipped. */
export async function verifyExplicitSource(
  source: ExplicitSource,
  checksums: ChecksumTable,
): Promise<VerifiedSources> {
  if (!existsSync(source.dir))
    throw new DataError(`${source.origin} ${source.dir}: no such folder.\n${HOW_TO_PROVIDE}`);
  const verified: Partial<VerifiedSources> = {};
  for (const name of SOURCE_FILE_NAMES) {
    try {
      verified[name] = await verifySourceFile(join(source.dir, name), checksums[name]);
    } catch (err) {
      throw new DataError(`${errorText(err)} (given by ${source.origin}).`);
    }
  }
  return verified as VerifiedSources;
}

/** Each file from Debian's copy if it checks out (with a warning if not), else the cache or a download. */
export async function findFallbackSources(
  fallback: FallbackSources,
  checksums: ChecksumTable,
  log: Logger,
): Promise<VerifiedSources> {
  const verified: Partial<VerifiedSources> = {};
  const systemDir =
    fallback.systemDir !== null && existsSync(fallback.systemDir) ? fallback.systemDir : null;
  for (const name of SOURCE_FILE_NAMES) {
    if (systemDir !== null) {
      try {
        verified[name] = await verifySourceFile(join(systemDir, name), checksums[name]);
        continue;
      } catch (err) {
        log.warn(`Skipping the system copy: ${errorText(err)}. Trying the download cache.`);
      }
    }
    verified[name] = await fromCacheOrDownload(name, fallback, checksums, log);
  }
  return verified as VerifiedSources;
}

async function fromCacheOrDownload(
  name: SourceFileName,
  fallback: FallbackSources,
  checksums: ChecksumTable,
  log: Logger,
): Promise<VerifiedSource> {
  const cached = join(fallback.cacheDir, name);
  if (existsSync(cached)) {
    try {
      return await verifySourceFile(cached, checksums[name]);
    } catch (err) {
      log.warn(`Discarding the cached copy: ${errorText(err)}.`);
      await rm(cached, { force: true });
    }
  }
  const url = new URL(name, fallback.downloadBase);
  await mkdir(fallback.cacheDir, { recursive: true });
  // A per-process name, so two runs downloading at once can't write into each other's file.
  const partial = `${cached}.download-${process.pid}`;
  log.info(`Downloading ${url.href} ...`);
  try {
    await downloadFile(url, partial, fallback.downloadIdleTimeoutMs);
  } catch (err) {
    const looked = [fallback.systemDir, fallback.cacheDir].filter((d) => d !== null).join(', ');
    throw new DataError(
      `Cannot get ${name}: there is no local copy (looked in ${looked}) and ${errorText(err)}.\n${HOW_TO_PROVIDE}`,
    );
  }
  try {
    const verified = await verifySourceFile(partial, checksums[name]);
    await rename(partial, cached);
    return { ...verified, path: cached };
  } catch (err) {
    await rm(partial, { force: true });
    throw new DataError(
      `The file downloaded from ${url.href} is not the official one: ${errorText(err)}`,
    );
  }
}
