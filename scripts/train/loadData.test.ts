import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_CLASSES } from '../../src/protocol';
import { DataError } from '../../src/data/manifest';
import { loadData } from './loadData';

const temp = () => mkdtempSync(join(tmpdir(), 'load-data-'));
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A shard of `count` images whose pixels all equal their image index, labels index % 10. */
function writeShards(dir: string, train: number, test: number): void {
  const shard = (file: string, count: number, first: number) => {
    const bytes = new Uint8Array(count * 785);
    for (let i = 0; i < count; i++) {
      bytes.fill(first + i, i * 784, (i + 1) * 784);
      bytes[count * 784 + i] = (first + i) % 10;
    }
    writeFileSync(join(dir, file), bytes);
    return { file, count, bytes: bytes.length, sha256: sha256(bytes) };
  };
  const manifest = {
    version: 1,
    dataset: 'fashion-mnist',
    imageSize: 28,
    classNames: [...FASHION_MNIST_CLASSES],
    train: { count: train, shards: [shard('train-00.bin', train, 0)] },
    test: { count: test, shards: [shard('test-00.bin', test, 100)] },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

const officialDir = [
  process.env.FASHION_MNIST_DIR,
  resolve('../shared/fashion-mnist'),
  '/usr/share/datasets/fashion-mnist',
].find((d): d is string => !!d && existsSync(join(d, 'train-images-idx3-ubyte.gz')));

describe('loadData', () => {
  it('reads the first N images of each split from shards', () => {
    const dir = temp();
    writeShards(dir, 6, 4);
    const data = loadData(dir, { train: 3, test: 10 }, []);
    expect(data.train.count).toBe(3);
    expect(data.test.count).toBe(4);
    expect(Array.from(data.train.labels)).toEqual([0, 1, 2]);
    expect(data.train.images[2 * 784]).toBe(2);
    expect(data.test.images[3 * 784 + 783]).toBe(103);
    expect(data.source).toBe(`${dir} (shards)`);
  });

  it('refuses a shard that does not match its manifest', () => {
    const dir = temp();
    writeShards(dir, 6, 4);
    writeFileSync(join(dir, 'test-00.bin'), new Uint8Array(4 * 785));
    expect(() => loadData(dir, { train: 1, test: 1 }, [])).toThrow(
      `${join(dir, 'test-00.bin')}: does not match its manifest entry. Run \`npm run data\`.`,
    );
  });

  it('falls back through the default folders and says which it tried', () => {
    const empty = temp();
    const withData = temp();
    writeShards(withData, 2, 2);
    expect(loadData(undefined, { train: 2, test: 2 }, [empty, withData]).source).toContain(
      withData,
    );
    expect(() => loadData(undefined, { train: 2, test: 2 }, [empty, '/nonexistent'])).toThrow(
      `No Fashion-MNIST data found. Looked for manifest.json (shards) or the official IDX files in:\n` +
        `  ${empty}\n  /nonexistent\nRun \`npm run data\`, or pass --data DIR.`,
    );
  });

  it('refuses IDX files that are not the official ones', () => {
    const dir = temp();
    writeFileSync(join(dir, 'train-images-idx3-ubyte'), new Uint8Array(16));
    expect(() => loadData(dir, { train: 1, test: 1 }, [])).toThrow(DataError);
    expect(() => loadData(dir, { train: 1, test: 1 }, [])).toThrow(
      'train-images-idx3-ubyte: not the official Fashion-MNIST file (SHA-256 differs).',
    );
  });

  it.runIf(officialDir || process.env.CI)(
    'reads the official files gzipped or plain, with the same result',
    () => {
      if (!officialDir) throw new Error('No copy of the official Fashion-MNIST files found.');
      const dir = temp();
      for (const name of ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz']) {
        symlinkSync(join(officialDir, name), join(dir, name));
      }
      for (const name of ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) {
        writeFileSync(join(dir, name), gunzipSync(readFileSync(join(officialDir, `${name}.gz`))));
      }
      const mixed = loadData(dir, { train: 100, test: 50 }, []);
      const gzipped = loadData(officialDir, { train: 100, test: 50 }, []);
      expect(mixed.train).toEqual(gzipped.train);
      expect(mixed.test).toEqual(gzipped.test);
      expect(mixed.test.count).toBe(50);
      // The first training image of Fashion-MNIST is an ankle boot (9), the first test one too.
      expect([mixed.train.labels[0], mixed.test.labels[0]]).toEqual([9, 9]);
    },
  );
});
