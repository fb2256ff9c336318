import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateManifest } from '../../src/data/manifest';
import type { Logger } from './findSources';
import { OFFICIAL_CHECKSUMS, type ChecksumTable } from './officialFiles';
import { prepareDataset, type PrepareOptions } from './prepareDataset';
import { idxImages, idxLabels, syntheticLabel, syntheticPixel } from '../../src/tools/syntheticIdx';
import { syntheticIdxFiles, writeSyntheticSource } from './syntheticSource';

let root: string;
let warnings: string[];
const log: Logger = { info: () => undefined, warn: (m) => warnings.push(m) };

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'prepare-dataset-'));
  warnings = [];
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const TRAIN = 25;
const TEST = 12;

/** Options for a run on the folder `src`, with everything else inside the test's temp folder. */
function options(src: string, checksums: ChecksumTable): PrepareOptions {
  return {
    outDir: join(root, 'public/data/fashion-mnist'),
    cacheDir: join(root, 'cache'),
    source: { dir: src, origin: '--from' },
    systemDir: null,
    checksums,
    shardSize: 10,
    log,
  };
}

async function goodSource(): Promise<{ dir: string; checksums: ChecksumTable }> {
  const dir = join(root, 'src');
  return { dir, checksums: await writeSyntheticSource(dir, syntheticIdxFiles(TRAIN, TEST)) };
}

async function readManifest(outDir: string) {
  return validateManifest(JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')));
}

describe('prepareDataset from a named folder', () => {
  it('writes shards of pixels then labels, and a manifest that lists them', async () => {
    const { dir, checksums } = await goodSource();
    const opts = options(dir, checksums);
    const result = await prepareDataset(opts);
    expect(result.written).toBe(true);
    const manifest = await readManifest(opts.outDir);
    expect(manifest.train.shards.map((s) => [s.file, s.count])).toEqual([
      ['train-00.bin', 10],
      ['train-01.bin', 10],
      ['train-02.bin', 5],
    ]);
    expect(manifest.test.shards.map((s) => [s.file, s.count])).toEqual([
      ['test-00.bin', 10],
      ['test-01.bin', 2],
    ]);
    const shard = await readFile(join(opts.outDir, 'train-02.bin'));
    expect(shard.length).toBe(5 * 785);
    // Image 1 of train-02 is training image 21.
    expect(shard[784 + 100]).toBe(syntheticPixel(21, 100));
    expect([...shard.subarray(5 * 784)]).toEqual([20, 21, 22, 23, 24].map(syntheticLabel));
    // Test images carry on from the training images in the synthetic set.
    const test1 = await readFile(join(opts.outDir, 'test-01.bin'));
    expect(test1[783]).toBe(syntheticPixel(TRAIN + 10, 783));
    // Each shard also as .gz, listed with its size, holding exactly the same bytes.
    const gz = await readFile(join(opts.outDir, 'train-02.bin.gz'));
    expect(manifest.train.shards[2]?.gzip).toEqual({ file: 'train-02.bin.gz', bytes: gz.length });
    expect(gunzipSync(gz)).toEqual(shard);
  });

  it('rebuilds when a compressed copy is missing or damaged', async () => {
    const { dir, checksums } = await goodSource();
    const opts = options(dir, checksums);
    await prepareDataset(opts);
    const gzPath = join(opts.outDir, 'test-00.bin.gz');
    const original = await readFile(gzPath);
    await writeFile(gzPath, original.subarray(0, 10));
    expect((await prepareDataset(opts)).written).toBe(true);
    expect(await readFile(gzPath)).toEqual(original);
  });

  it('leaves up-to-date shards alone, and rebuilds a shard that was changed', async () => {
    const { dir, checksums } = await goodSource();
    const opts = options(dir, checksums);
    await prepareDataset(opts);
    const shardPath = join(opts.outDir, 'train-01.bin');
    const before = (await stat(shardPath)).mtimeMs;
    expect((await prepareDataset(opts)).written).toBe(false);
    expect((await stat(shardPath)).mtimeMs).toBe(before);

    const original = await readFile(shardPath);
    const damaged = Buffer.from(original);
    damaged[0] = (damaged[0] ?? 0) ^ 0xff;
    await writeFile(shardPath, damaged);
    expect((await prepareDataset(opts)).written).toBe(true);
    expect(await readFile(shardPath)).toEqual(original);
  });

  it('rebuilds when the shard size changes', async () => {
    const { dir, checksums } = await goodSource();
    await prepareDataset(options(dir, checksums));
    const result = await prepareDataset({ ...options(dir, checksums), shardSize: 100 });
    expect(result.written).toBe(true);
    expect(result.manifest?.train.shards.length).toBe(1);
    expect(await readdir(join(root, 'public/data/fashion-mnist'))).not.toContain('train-01.bin');
  });

  it('accepts a copy whose gzip wrapper differs when its content has the official SHA-256', async () => {
    const idx = syntheticIdxFiles(TRAIN, TEST);
    const { dir, checksums } = await goodSource();
    // Recompressed at another level: other bytes, same content (like Debian's rewritten headers).
    const recompressed = gzipSync(idx['t10k-images-idx3-ubyte.gz'], { level: 1 });
    await writeFile(join(dir, 't10k-images-idx3-ubyte.gz'), recompressed);
    expect((await prepareDataset(options(dir, checksums))).written).toBe(true);
  });
});

/** Runs on a good build, then on `dir`; expects `message`, and the good build still in place. */
async function expectFailureKeepsOutput(
  dir: string,
  checksums: ChecksumTable,
  message: RegExp,
): Promise<void> {
  const good = await goodSource();
  const opts = options(good.dir, good.checksums);
  await prepareDataset(opts);
  const manifestBefore = await readFile(join(opts.outDir, 'manifest.json'), 'utf8');
  const outDir = opts.outDir;
  // Same output folder, but it no longer matches the new checksums: a rebuild is attempted.
  await expect(prepareDataset({ ...options(dir, checksums), outDir })).rejects.toThrow(message);
  expect(await readFile(join(outDir, 'manifest.json'), 'utf8')).toBe(manifestBefore);
  // No temporary folder is left beside the output.
  expect(await readdir(join(root, 'public/data'))).toEqual(['fashion-mnist']);
}

describe('prepareDataset rejects bad input with a message naming the file', () => {
  const bad = () => join(root, 'bad');

  it('a missing file', async () => {
    const checksums = await writeSyntheticSource(bad(), syntheticIdxFiles(TRAIN, TEST));
    await rm(join(bad(), 't10k-labels-idx1-ubyte.gz'));
    await expectFailureKeepsOutput(
      bad(),
      checksums,
      /bad\/t10k-labels-idx1-ubyte\.gz: file is missing \(given by --from\)/,
    );
  });

  it('a folder that does not exist', async () => {
    await expect(
      prepareDataset(options(join(root, 'nowhere'), OFFICIAL_CHECKSUMS)),
    ).rejects.toThrow(/--from .*nowhere: no such folder/);
  });

  it('a wrong MD5', async () => {
    await writeSyntheticSource(bad(), syntheticIdxFiles(TRAIN, TEST));
    await expectFailureKeepsOutput(
      bad(),
      OFFICIAL_CHECKSUMS,
      /bad\/train-images-idx3-ubyte\.gz: wrong MD5 checksum [0-9a-f]{32}, the official file's is 8d4fb7e6c68d591d4c3dfef9ec88bf0d, and its content is not the official data either/,
    );
  });

  it('a truncated gzip file whose checksum matches', async () => {
    const idx = syntheticIdxFiles(TRAIN, TEST);
    const gz = gzipSync(idx['train-labels-idx1-ubyte.gz']);
    const truncated = gz.subarray(0, gz.length - 12);
    const checksums = await writeSyntheticSource(bad(), idx, {
      'train-labels-idx1-ubyte.gz': truncated,
    });
    await expectFailureKeepsOutput(
      bad(),
      checksums,
      /bad\/train-labels-idx1-ubyte\.gz: the gzip data is truncated/,
    );
  });

  it('a truncated gzip file that fails its checksum', async () => {
    const idx = syntheticIdxFiles(TRAIN, TEST);
    const checksums = await writeSyntheticSource(bad(), idx);
    const gz = await readFile(join(bad(), 'train-images-idx3-ubyte.gz'));
    await writeFile(join(bad(), 'train-images-idx3-ubyte.gz'), gz.subarray(0, gz.length / 2));
    await expectFailureKeepsOutput(
      bad(),
      checksums,
      /train-images-idx3-ubyte\.gz: wrong MD5 checksum .*; the gzip data is truncated/,
    );
  });

  it('a wrong IDX magic number', async () => {
    const idx = syntheticIdxFiles(TRAIN, TEST);
    idx['t10k-images-idx3-ubyte.gz'] = idxImages(TEST, { magic: 0x00000802 });
    const checksums = await writeSyntheticSource(bad(), idx);
    await expectFailureKeepsOutput(
      bad(),
      checksums,
      /bad\/t10k-images-idx3-ubyte\.gz: wrong IDX magic number 0x00000802, expected 0x00000803/,
    );
  });

  it('images and labels of different counts', async () => {
    const idx = syntheticIdxFiles(TRAIN, TEST);
    idx['train-labels-idx1-ubyte.gz'] = idxLabels([1, 2, 3]);
    const checksums = await writeSyntheticSource(bad(), idx);
    await expectFailureKeepsOutput(
      bad(),
      checksums,
      /train-images-idx3-ubyte\.gz holds 25 images but .*train-labels-idx1-ubyte\.gz holds 3 labels/,
    );
  });

  it('a bad named folder even when the shards are up to date', async () => {
    const { dir, checksums } = await goodSource();
    await prepareDataset(options(dir, checksums));
    await writeFile(join(dir, 'train-labels-idx1-ubyte.gz'), 'not gzip');
    await expect(prepareDataset(options(dir, checksums))).rejects.toThrow(
      /train-labels-idx1-ubyte\.gz: wrong MD5 checksum .*; the gzip data is damaged/,
    );
  });
});
