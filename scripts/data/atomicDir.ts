// Replaces a whole output folder at once: everything is written into a temporary sibling, which is
// then renamed into place. A run killed halfway leaves the old folder (or none), never a manifest
// pointing at missing or partial shards.

import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errorCode } from './verifySource';

/** Sibling names: `.fashion-mnist.partial-<pid>-<random>` while building, `.old-` while swapping. */
function siblingPath(dir: string, kind: 'partial' | 'old'): string {
  const unique = `${process.pid}-${randomBytes(4).toString('hex')}`;
  return join(dirname(dir), `.${basename(dir)}.${kind}-${unique}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === 'EPERM';
  }
}

/** Removes the leftovers of runs that were killed; a concurrent run's folders are left alone. */
export async function removeStaleSiblings(dir: string): Promise<void> {
  const prefix = `.${basename(dir)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(dir));
  } catch {
    return;
  }
  for (const name of names) {
    const match = /^(?:partial|old)-(\d+)-[0-9a-f]+$/.exec(name.slice(prefix.length));
    if (!name.startsWith(prefix) || !match?.[1]) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && !isRunning(pid))
      await rm(join(dirname(dir), name), { recursive: true, force: true });
  }
}

/** Moves `from` to `to`, pushing aside whatever is at `to`; retries if another run swaps in between. */
async function swapIn(from: string, to: string): Promise<void> {
  const pushedAside: string[] = [];
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await rename(from, to);
        return;
      } catch (err) {
        const code = errorCode(err);
        if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || attempt >= 5) throw err;
      }
      const old = siblingPath(to, 'old');
      try {
        await rename(to, old);
        pushedAside.push(old);
      } catch (err) {
        if (errorCode(err) !== 'ENOENT') throw err;
      }
    }
  } finally {
    for (const old of pushedAside) await rm(old, { recursive: true, force: true });
  }
}

/** Calls `fill` with an empty temporary folder, then puts that folder in place of `dir`. */
export async function replaceDirAtomically(
  dir: string,
  fill: (tempDir: string) => Promise<void>,
): Promise<void> {
  await mkdir(dirname(dir), { recursive: true });
  const temp = siblingPath(dir, 'partial');
  await mkdir(temp);
  try {
    await fill(temp);
    await swapIn(temp, dir);
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
}
