// The CLI itself, spawned as `npm run data` would run it, plus a run on the real Fashion-MNIST files
// when a copy is on this machine.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchManifest, loadDataset } from '../src/data/shardLoader';
import { DEBIAN_DIR } from './data/officialFiles';
import { syntheticIdxFiles, writeSyntheticSource } from './data/syntheticSource';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const tsx = join(repoRoot, 'node_modules/.bin/tsx');
const cli = join(repoRoot, 'scripts/prepare-data.ts');

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'prepare-data-cli-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function runCli(args: string[]): Promise<CliRun> {
  // FASHION_MNIST_DIR from the caller's environment (CI sets it) must not leak into the run.
  const env = { ...process.env, FASHION_MNIST_DIR: '' };
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, [cli, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const { code, stdout, stderr } = err as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

/** A fetch that serves a folder's files, standing in for the dev server. */
function folderFetch(dir: string): typeof fetch {
  return async (input) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const name = url.replace(/^\/data\//, '');
    return new Response(new Uint8Array(await readFile(join(dir, name))));
  };
}

describe('prepare-data CLI', () => {
  it('exits non-zero, naming the file and the problem, and writes nothing', async () => {
    const src = join(root, 'src');
    await writeSyntheticSource(src, syntheticIdxFiles(3, 2));
    await writeFile(join(src, 't10k-labels-idx1-ubyte.gz'), 'truncated');
    const out = join(root, 'out');
    const run = await runCli(['--from', src, '--out', out, '--cache', join(root, 'cache')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^prepare-data: .*\/src\/train-images-idx3-ubyte\.gz: wrong MD5 checksum [0-9a-f]{32}, the official file's is 8d4fb7e6c68d591d4c3dfef9ec88bf0d, and its content is not the official data either \(given by --from\)\./,
    );
    expect(existsSync(out)).toBe(false);
  });

  const realSource = process.env.FASHION_MNIST_DIR || (existsSync(DEBIAN_DIR) ? DEBIAN_DIR : '');
  const missing = `no Fashion-MNIST files: set FASHION_MNIST_DIR to a folder holding the four official .gz files (.ci/run uses ../shared/fashion-mnist) or install Debian's dataset-fashion-mnist (${DEBIAN_DIR})`;
  if (!realSource && process.env.CI) {
    // CI always has the files: their absence there is a broken setup, not a reason to skip.
    it('has the real Fashion-MNIST files', () => {
      throw new Error(missing);
    });
  } else if (!realSource) {
    console.warn(`Skipping the real-data run: ${missing}.`);
  }

  it.skipIf(!realSource)('turns the real files into shards the loader reads back', async () => {
    const out = join(root, 'data');
    const run = await runCli(['--from', realSource, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Wrote 60000 train + 10000 test images');

    const fetchFn = folderFetch(out);
    const manifest = await fetchManifest('/data/', fetchFn);
    expect(manifest.train.shards.map((s) => s.file)).toEqual(
      ['00', '01', '02', '03', '04', '05'].map((i) => `train-${i}.bin`),
    );
    expect(manifest.test.shards.map((s) => [s.file, s.bytes])).toEqual([
      ['test-00.bin', 7_850_000],
    ]);
    const { train, test } = await loadDataset('/data/', manifest, { fetchFn });
    const perClass = (labels: Uint8Array) => {
      const counts = new Array<number>(10).fill(0);
      for (const l of labels) counts[l] = (counts[l] ?? 0) + 1;
      return counts;
    };
    expect(perClass(train.labels)).toEqual(new Array(10).fill(6000));
    expect(perClass(test.labels)).toEqual(new Array(10).fill(1000));
    // Pixel means published with the files (SOURCE.md): 72.9404 train, 73.1466 test.
    const mean = (px: Uint8Array) => px.reduce((a, b) => a + b, 0) / px.length;
    expect(mean(train.images)).toBeCloseTo(72.9404, 3);
    expect(mean(test.images)).toBeCloseTo(73.1466, 3);

    const second = await runCli(['--from', realSource, '--out', out]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/are up to date/);
  });
});
