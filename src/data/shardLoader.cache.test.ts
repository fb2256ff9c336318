import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_CLASSES } from '../protocol/classes';
import type { DatasetManifest, ShardEntry } from './manifest';
import { memoryShardCache, shardKey } from './shardCache';
import { loadDataset } from './shardLoader';

const BASE = '/data/fashion-mnist/';

function shardBytes(first: number, count: number): Uint8Array {
  const bytes = new Uint8Array(count * 785);
  for (let i = 0; i < count * 784; i++) bytes[i] = (first * 7 + i) % 97 === 0 ? 200 : 0;
  for (let i = 0; i < count; i++) bytes[count * 784 + i] = (first + i) % 10;
  return bytes;
}

/** Three shards served as .bin and .bin.gz; `served` may replace what a URL returns. */
function dataset(seed = 0) {
  const raw = new Map([
    ['train-00.bin', shardBytes(seed, 3)],
    ['train-01.bin', shardBytes(seed + 3, 2)],
    ['test-00.bin', shardBytes(seed + 100, 2)],
  ]);
  const served = new Map<string, Uint8Array>();
  for (const [file, bytes] of raw) {
    served.set(file, bytes);
    served.set(`${file}.gz`, gzipSync(bytes));
  }
  const entry = (file: string): ShardEntry => {
    const bytes = raw.get(file)!;
    return {
      file,
      count: bytes.length / 785,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      gzip: { file: `${file}.gz`, bytes: served.get(`${file}.gz`)!.length },
    };
  };
  const manifest: DatasetManifest = {
    version: 1,
    dataset: 'fashion-mnist',
    imageSize: 28,
    classNames: [...FASHION_MNIST_CLASSES],
    train: { count: 5, shards: [entry('train-00.bin'), entry('train-01.bin')] },
    test: { count: 2, shards: [entry('test-00.bin')] },
  };
  const requested: string[] = [];
  const fetchFn: typeof fetch = (input) => {
    const url = input instanceof Request ? input.url : input.toString();
    requested.push(url.slice(BASE.length));
    const body = served.get(url.slice(BASE.length));
    return Promise.resolve(
      body ? new Response(body.slice()) : new Response('Not found', { status: 404 }),
    );
  };
  return { raw, served, manifest, requested, fetchFn };
}

describe('loadDataset with compressed shards and the browser copy', () => {
  it('downloads the .gz shards, decompresses them, and counts the compressed bytes', async () => {
    const d = dataset();
    const { train, test, stats } = await loadDataset(BASE, d.manifest, { fetchFn: d.fetchFn });
    expect(d.requested).toEqual(['train-00.bin.gz', 'train-01.bin.gz', 'test-00.bin.gz']);
    expect(train.images.subarray(0, 3 * 784)).toEqual(
      d.raw.get('train-00.bin')!.subarray(0, 3 * 784),
    );
    expect(test.labels).toEqual(new Uint8Array([0, 1]));
    const gzBytes = [...d.manifest.train.shards, ...d.manifest.test.shards].reduce(
      (s, e) => s + e.gzip!.bytes,
      0,
    );
    expect(stats).toEqual({ fromNetwork: 3, fromBrowser: 0, downloadedBytes: gzBytes });
    expect(gzBytes).toBeLessThan(0.5 * (7 * 785)); // these mostly-black images compress well
  });

  it('takes a .gz the server already decompressed (Content-Encoding) as it is', async () => {
    const d = dataset();
    for (const [file, bytes] of d.raw) d.served.set(`${file}.gz`, bytes);
    const { train } = await loadDataset(BASE, d.manifest, { fetchFn: d.fetchFn });
    expect(train.labels).toEqual(new Uint8Array([0, 1, 2, 3, 4]));
  });

  it('counts the bytes on the wire (Content-Length) when the browser inflated the body', async () => {
    const d = dataset();
    // As a browser hands over a body sent with Content-Encoding: gzip: inflated, with the
    // compressed size in Content-Length.
    const fetchFn: typeof fetch = (input) => {
      const file = (input instanceof Request ? input.url : input.toString()).slice(BASE.length);
      const raw = d.raw.get(file.replace(/\.gz$/, ''))!;
      const headers = { 'content-length': String(d.served.get(file)!.length) };
      return Promise.resolve(new Response(raw.slice(), { headers }));
    };
    const { stats } = await loadDataset(BASE, d.manifest, { fetchFn });
    const gzBytes = [...d.manifest.train.shards, ...d.manifest.test.shards].reduce(
      (s, e) => s + e.gzip!.bytes,
      0,
    );
    expect(stats.downloadedBytes).toBe(gzBytes);
  });

  it('uses plain shards where the browser cannot decompress', async () => {
    const d = dataset();
    await loadDataset(BASE, d.manifest, { fetchFn: d.fetchFn, compressed: false });
    expect(d.requested).toEqual(['train-00.bin', 'train-01.bin', 'test-00.bin']);
  });

  it('takes the shards from the browser copy the second time, without a request', async () => {
    const d = dataset();
    const cache = memoryShardCache();
    const first = await loadDataset(BASE, d.manifest, { fetchFn: d.fetchFn, cache });
    expect([...cache.entries.keys()]).toEqual(
      [...d.manifest.train.shards, ...d.manifest.test.shards].map(shardKey),
    );
    d.requested.length = 0;
    const progress: number[] = [];
    const second = await loadDataset(BASE, d.manifest, {
      fetchFn: d.fetchFn,
      cache,
      onProgress: (loaded) => progress.push(loaded),
    });
    expect(d.requested).toEqual([]);
    expect(second.stats).toEqual({ fromNetwork: 0, fromBrowser: 3, downloadedBytes: 0 });
    expect(second.train.images).toEqual(first.train.images);
    expect(progress.at(-1)).toBe(7 * 785);
  });

  it('drops a corrupted copy and downloads that shard again', async () => {
    const d = dataset();
    const cache = memoryShardCache();
    await loadDataset(BASE, d.manifest, { fetchFn: d.fetchFn, cache });
    const key = shardKey(d.manifest.train.shards[1]!);
    const copy = cache.entries.get(key)!;
    copy[10] = copy[10]! ^ 0xff;
    d.requested.length = 0;
    const { stats, train } = await loadDataset(BASE, d.manifest, { fetchFn: d.fetchFn, cache });
    expect(d.requested).toEqual(['train-01.bin.gz']);
    expect(stats).toMatchObject({ fromNetwork: 1, fromBrowser: 2 });
    expect(train.images.subarray(3 * 784)).toEqual(d.raw.get('train-01.bin')!.subarray(0, 2 * 784));
    expect(cache.entries.get(key)).toEqual(d.raw.get('train-01.bin'));
  });

  it('replaces the copy when the manifest changes', async () => {
    const cache = memoryShardCache();
    const old = dataset(0);
    await loadDataset(BASE, old.manifest, { fetchFn: old.fetchFn, cache });
    const rebuilt = dataset(1);
    const { stats } = await loadDataset(BASE, rebuilt.manifest, {
      fetchFn: rebuilt.fetchFn,
      cache,
    });
    expect(stats.fromNetwork).toBe(3);
    expect([...cache.entries.keys()].sort()).toEqual(
      [...rebuilt.manifest.train.shards, ...rebuilt.manifest.test.shards].map(shardKey).sort(),
    );
  });

  it('still loads when the browser refuses to keep a copy (a full disk)', async () => {
    const d = dataset();
    const cache = memoryShardCache();
    cache.put = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    const { stats } = await loadDataset(BASE, d.manifest, { fetchFn: d.fetchFn, cache });
    expect(stats.fromNetwork).toBe(3);
  });

  it('names a .gz shard that is not valid gzip', async () => {
    const d = dataset();
    const broken = d.served.get('test-00.bin.gz')!.slice();
    broken[20] = broken[20]! ^ 0xff;
    d.served.set('test-00.bin.gz', broken);
    await expect(loadDataset(BASE, d.manifest, { fetchFn: d.fetchFn })).rejects.toThrow(
      'Shard test-00.bin (/data/fashion-mnist/test-00.bin.gz) is not valid gzip data (incorrect data check). Press Retry',
    );
  });
});
