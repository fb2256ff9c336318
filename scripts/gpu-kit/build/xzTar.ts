// The kit's big parts (Node + dawn.node, the dataset) are tar.xz files that take a minute to
// compress and rarely change: they are kept in a cache under the content's hash and reused until
// the content changes. xz runs on all cores (-T0) at a moderate level.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const XZ_LEVEL = 6;

/** SHA-256 of files' contents, streamed (Node's binary is ~100 MB). */
export async function hashFiles(paths: readonly string[], extra = ''): Promise<string> {
  const hash = createHash('sha256').update(extra);
  for (const path of paths) {
    hash.update(path.split('/').at(-1) ?? '');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

export interface CachedPart {
  path: string;
  /** False when it was compressed just now. */
  fromCache: boolean;
}

/**
 * Returns `<cacheDir>/<name>-<key>.tar.xz`, making it first when missing: `fill(dir)` puts the
 * files in an empty folder, which is archived (owner root) and compressed. Older versions of the
 * same part are removed from the cache.
 */
export async function cachedXzTar(
  cacheDir: string,
  name: string,
  key: string,
  fill: (dir: string) => void | Promise<void>,
): Promise<CachedPart> {
  mkdirSync(cacheDir, { recursive: true });
  const file = `${name}-${key.slice(0, 16)}-xz${XZ_LEVEL}.tar.xz`;
  const path = join(cacheDir, file);
  if (existsSync(path)) return { path, fromCache: true };
  const staging = mkdtempSync(join(tmpdir(), `gpu-kit-${name}-`));
  try {
    await fill(staging);
    const partial = `${path}.partial`;
    execFileSync(
      'bash',
      [
        '-c',
        'set -o pipefail; tar -C "$1" --owner=0 --group=0 --numeric-owner -cf - . | xz -T0 -"$2" > "$3"',
        'tar-xz',
        staging,
        String(XZ_LEVEL),
        partial,
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    renameSync(partial, path);
    for (const old of readdirSync(cacheDir)) {
      if (old.startsWith(`${name}-`) && old !== file) rmSync(join(cacheDir, old), { force: true });
    }
    return { path, fromCache: false };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
