import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleSiblings, replaceDirAtomically } from './atomicDir';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'atomic-dir-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The id of a process that has certainly ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('replaceDirAtomically', () => {
  it('puts the new folder in place of the old one, removing the old files', async () => {
    const dir = join(root, 'out');
    await mkdir(dir);
    await writeFile(join(dir, 'stale.bin'), 'old');
    await replaceDirAtomically(dir, (temp) => writeFile(join(temp, 'manifest.json'), 'new'));
    expect(await readdir(dir)).toEqual(['manifest.json']);
    expect(await readdir(root)).toEqual(['out']);
  });

  it('creates the folder and its parents when missing', async () => {
    const dir = join(root, 'a/b/out');
    await replaceDirAtomically(dir, (temp) => writeFile(join(temp, 'x'), '1'));
    expect(await readFile(join(dir, 'x'), 'utf8')).toBe('1');
  });

  it('on failure keeps the old folder untouched and leaves no temporary folder', async () => {
    const dir = join(root, 'out');
    await mkdir(dir);
    await writeFile(join(dir, 'manifest.json'), 'old');
    const failing = replaceDirAtomically(dir, async (temp) => {
      await writeFile(join(temp, 'manifest.json'), 'half');
      throw new Error('disk full');
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(await readFile(join(dir, 'manifest.json'), 'utf8')).toBe('old');
    expect(await readdir(root)).toEqual(['out']);
  });
});

describe('removeStaleSiblings', () => {
  it("removes folders left by killed runs but not a running process's", async () => {
    const dir = join(root, 'fashion-mnist');
    const dead = `.fashion-mnist.partial-${deadPid()}-abcd1234`;
    const deadOld = `.fashion-mnist.old-${deadPid()}-00ff00ff`;
    const alive = `.fashion-mnist.partial-${process.ppid}-12345678`;
    for (const name of [dead, deadOld, alive, 'fashion-mnist', '.other.partial-1-aa'])
      await mkdir(join(root, name));
    await removeStaleSiblings(dir);
    expect((await readdir(root)).sort()).toEqual(
      ['.other.partial-1-aa', alive, 'fashion-mnist'].sort(),
    );
  });
});
