import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FASHION_MNIST_CLASSES } from '../protocol/classes';
import type { DatasetManifest, ShardEntry } from './manifest';
import { DataError, fetchManifest, loadDataset } from './shardLoader';

const BASE = '/data/fashion-mnist/';

/** Shard bytes as prepare-data writes them: count*784 pixels, then count labels. */
function shardBytes(firstImage: number, count: number): Uint8Array {
  const bytes = new Uint8Array(count * 785);
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < 784; p++) bytes[i * 784 + p] = (firstImage + i + p) & 0xff;
    bytes[count * 784 + i] = (firstImage + i) % 10;
  }
  return bytes;
}

function entry(file: string, bytes: Uint8Array): ShardEntry {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { file, count: bytes.length / 785, bytes: bytes.length, sha256 };
}

/** A small dataset: train = shards of 3 + 2 images, test = 1 shard of 2, all served from `files`. */
function fixture() {
  const files = new Map<string, Uint8Array>([
    ['train-00.bin', shardBytes(0, 3)],
    ['train-01.bin', shardBytes(3, 2)],
    ['test-00.bin', shardBytes(100, 2)],
  ]);
  const shard = (name: string) => entry(name, files.get(name) ?? new Uint8Array());
  const manifest: DatasetManifest = {
    version: 1,
    dataset: 'fashion-mnist',
    imageSize: 28,
    classNames: [...FASHION_MNIST_CLASSES],
    train: { count: 5, shards: [shard('train-00.bin'), shard('train-01.bin')] },
    test: { count: 2, shards: [shard('test-00.bin')] },
  };
  return { files, manifest };
}

/** Streams `bytes` in chunks of 1000, as a network response would arrive. */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + 1000));
      offset += 1000;
    },
  });
}

/** A fetch that serves `files` under BASE (404 otherwise) and records the URLs asked for. */
function fakeFetch(
  files: Map<string, Uint8Array | string>,
  requested: string[] = [],
): typeof fetch {
  return (input) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    requested.push(url);
    const body = url.startsWith(BASE) ? files.get(url.slice(BASE.length)) : undefined;
    if (body === undefined)
      return Promise.resolve(new Response('Not found', { status: 404, statusText: 'Not Found' }));
    return Promise.resolve(new Response(typeof body === 'string' ? body : streamOf(body)));
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('loadDataset', () => {
  it('joins the shards of each split into typed arrays, reporting progress in bytes', async () => {
    const { files, manifest } = fixture();
    const progress: [number, number][] = [];
    const requested: string[] = [];
    const data = await loadDataset(BASE, manifest, {
      fetchFn: fakeFetch(files, requested),
      onProgress: (loaded, total) => progress.push([loaded, total]),
    });
    expect(requested).toEqual([`${BASE}train-00.bin`, `${BASE}train-01.bin`, `${BASE}test-00.bin`]);
    expect(data.train.count).toBe(5);
    expect(data.train.images.length).toBe(5 * 784);
    expect([...data.train.labels]).toEqual([0, 1, 2, 3, 4]);
    // Image 3 comes from the second shard: its first pixel is (3 + 0) & 255.
    expect(data.train.images[3 * 784]).toBe(3);
    expect(data.train.images[4 * 784 + 783]).toBe((4 + 783) & 0xff);
    expect([...data.test.labels]).toEqual([0, 1]);
    expect(data.test.images[784 + 1]).toBe(102);

    const total = (5 + 2) * 785;
    expect(progress.every(([, t]) => t === total)).toBe(true);
    expect(progress.at(-1)).toEqual([total, total]);
    const loaded = progress.map(([l]) => l);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    // 3 shards of 2355, 1570 and 1570 bytes arrive in chunks of 1000: 3 + 2 + 2 calls, plus the first.
    expect(progress.length).toBe(8);
  });

  it('names a missing shard and the HTTP status', async () => {
    const { files, manifest } = fixture();
    files.delete('train-01.bin');
    await expect(loadDataset(BASE, manifest, { fetchFn: fakeFetch(files) })).rejects.toThrow(
      /Could not download shard train-01\.bin \(\/data\/fashion-mnist\/train-01\.bin\): HTTP 404 Not Found\. The file is missing on the server\. Press Retry/,
    );
  });

  it('reports a truncated shard with the bytes it got', async () => {
    const { files, manifest } = fixture();
    files.set('test-00.bin', (files.get('test-00.bin') ?? new Uint8Array()).subarray(0, 1200));
    await expect(loadDataset(BASE, manifest, { fetchFn: fakeFetch(files) })).rejects.toThrow(
      'Shard test-00.bin (/data/fashion-mnist/test-00.bin) is truncated: got 1200 of 1570 bytes.',
    );
  });

  it('reports a shard longer than the manifest says', async () => {
    const { files, manifest } = fixture();
    const longer = new Uint8Array(2355 + 1);
    longer.set(files.get('train-00.bin') ?? []);
    files.set('train-00.bin', longer);
    await expect(loadDataset(BASE, manifest, { fetchFn: fakeFetch(files) })).rejects.toThrow(
      /Shard train-00\.bin .* is larger than the 2355 bytes the manifest lists/,
    );
  });

  it('reports a corrupted shard by its checksum', async () => {
    const { files, manifest } = fixture();
    const corrupted = Uint8Array.from(files.get('train-00.bin') ?? []);
    corrupted[500] = (corrupted[500] ?? 0) ^ 1;
    files.set('train-00.bin', corrupted);
    const run = loadDataset(BASE, manifest, { fetchFn: fakeFetch(files) });
    await expect(run).rejects.toThrow(DataError);
    await expect(run).rejects.toThrow(
      /Shard train-00\.bin .* is corrupted: its SHA-256 checksum does not match the manifest/,
    );
  });

  it('turns a network failure into a DataError naming the shard', async () => {
    const { manifest } = fixture();
    const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(loadDataset(BASE, manifest, { fetchFn: offline })).rejects.toThrow(
      'Could not download shard train-00.bin (/data/fashion-mnist/train-00.bin): Failed to fetch.',
    );
  });

  it('explains that Web Crypto needs https or localhost when it is missing', async () => {
    const { files, manifest } = fixture();
    vi.stubGlobal('crypto', undefined);
    await expect(loadDataset(BASE, manifest, { fetchFn: fakeFetch(files) })).rejects.toThrow(
      'Cannot check shard train-00.bin: this browser offers no Web Crypto here. Open the app over https or on localhost.',
    );
  });

  it('stops with the abort reason, not a DataError, when aborted', async () => {
    const { files, manifest } = fixture();
    const controller = new AbortController();
    const run = loadDataset(BASE, manifest, {
      fetchFn: fakeFetch(files),
      signal: controller.signal,
      onProgress: (loaded) => {
        if (loaded > 0) controller.abort(new Error('user left'));
      },
    });
    await expect(run).rejects.toThrow('user left');
  });
});

describe('fetchManifest', () => {
  it('fetches and validates manifest.json under the base URL', async () => {
    const { manifest } = fixture();
    const files = new Map([['manifest.json', JSON.stringify(manifest)]]);
    expect(await fetchManifest(BASE, fakeFetch(files))).toEqual(manifest);
    expect(await fetchManifest('/data/fashion-mnist', fakeFetch(files))).toEqual(manifest);
  });

  it('says the manifest is missing when the server answers 404', async () => {
    await expect(fetchManifest(BASE, fakeFetch(new Map()))).rejects.toThrow(
      /Could not download the dataset manifest \(\/data\/fashion-mnist\/manifest\.json\): HTTP 404/,
    );
  });

  it('rejects a manifest that is not JSON', async () => {
    const files = new Map([['manifest.json', '{"version": 1,']]);
    await expect(fetchManifest(BASE, fakeFetch(files))).rejects.toThrow(
      /The dataset manifest \/data\/fashion-mnist\/manifest\.json is not valid JSON/,
    );
  });

  it('rejects a manifest whose numbers do not add up', async () => {
    const { manifest } = fixture();
    manifest.train.count = 6;
    const files = new Map([['manifest.json', JSON.stringify(manifest)]]);
    await expect(fetchManifest(BASE, fakeFetch(files))).rejects.toThrow(
      /manifest\.json is invalid: the train shards hold 5 images in all but "train\.count" says 6/,
    );
  });

  it('recognises the web page a dev server sends for a missing file', async () => {
    const html: typeof fetch = () =>
      Promise.resolve(
        new Response('<!doctype html><html></html>', { headers: { 'content-type': 'text/html' } }),
      );
    await expect(fetchManifest(BASE, html)).rejects.toThrow(
      /the server sent a web page instead, so the file is probably missing/,
    );
  });
});
