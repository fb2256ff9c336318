// Checks one source .gz file against its expected checksums before anything else reads it.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { DataError } from '../../src/data/manifest';
import type { ExpectedChecksum } from './officialFiles';

export interface VerifiedSource {
  path: string;
  /** The gunzipped IDX bytes, when the check already had to gunzip them. */
  content?: Buffer;
  /** How the file was found to be official. */
  verifiedBy: 'md5' | 'content-sha256';
}

export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Node's error code (ENOENT, Z_BUF_ERROR, ...) if there is one. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string')
    return err.code;
  return undefined;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Gunzips, or says in words why the gzip data can't be read. */
function tryGunzip(gz: Uint8Array): Buffer | { problem: string } {
  try {
    return gunzipSync(gz);
  } catch (err) {
    return {
      problem:
        errorCode(err) === 'Z_BUF_ERROR'
          ? 'the gzip data is truncated (it ends before the compressed stream does)'
          : `the gzip data is damaged (${errorText(err)})`,
    };
  }
}

/** Gunzips a source file; the error names the file. */
export function gunzipSource(gz: Uint8Array, path: string): Buffer {
  const result = tryGunzip(gz);
  if (Buffer.isBuffer(result)) return result;
  throw new DataError(`${path}: ${result.problem}`);
}

/**
 * Reads `path` and checks it: its MD5 must be the official one, or, where the gzip wrapper differs,
 * its gunzipped content must have the official SHA-256. Throws a DataError naming the file.
 */
export async function verifySourceFile(
  path: string,
  expected: ExpectedChecksum,
): Promise<VerifiedSource> {
  let gz: Buffer;
  try {
    gz = await readFile(path);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') throw new DataError(`${path}: file is missing`);
    throw new DataError(`${path}: cannot be read (${errorText(err)})`);
  }
  const md5 = md5Hex(gz);
  if (md5 === expected.md5) return { path, verifiedBy: 'md5' };
  const wrongMd5 = `${path}: wrong MD5 checksum ${md5}, the official file's is ${expected.md5}`;
  const content = tryGunzip(gz);
  if (!Buffer.isBuffer(content)) throw new DataError(`${wrongMd5}; ${content.problem}`);
  if (expected.contentSha256 !== undefined && sha256Hex(content) === expected.contentSha256)
    return { path, content, verifiedBy: 'content-sha256' };
  throw new DataError(`${wrongMd5}, and its content is not the official data either`);
}
