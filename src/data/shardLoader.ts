// Streams the prepared dataset (manifest + shards, see manifest.ts) into typed arrays. Runs in the
// training worker, so it uses only fetch and Web Crypto: no Node APIs, no DOM, no tfjs.

import { IMAGE_PIXELS, NUM_CLASSES } from '../protocol/classes';
import {
  DataError,
  MANIFEST_FILE,
  totalShardBytes,
  validateManifest,
  type DatasetManifest,
  type ShardEntry,
  type SplitManifest,
} from './manifest';

import { shardKey, type ShardCache } from './shardCache';
import {
  canGunzip,
  errorText,
  fetchOrFail,
  gunzippedBody,
  HOW_TO_FIX,
  readShardBody,
  withSlash,
} from './shardFetch';

export { DataError } from './manifest';

export interface SplitData {
  /** count * 784 bytes, row-major 28x28, 0 = background. */
  images: Uint8Array;
  /** count bytes, class indices 0-9. */
  labels: Uint8Array;
  count: number;
}

export interface LoadOptions {
  fetchFn?: typeof fetch;
  signal?: AbortSignal;
  /** Called as bytes arrive; counts the (decompressed) bytes of all shards of both splits. */
  onProgress?: (loadedBytes: number, totalBytes: number) => void;
  /** The browser's copy of verified shards; null or absent: download everything. */
  cache?: ShardCache | null;
  /** Download the `.gz` shards the manifest lists; defaults to whether the browser can gunzip. */
  compressed?: boolean;
}

/** Where a load found its shards, and what it moved over the network. */
export interface LoadStats {
  fromNetwork: number;
  fromBrowser: number;
  /** Bytes received over the network (compressed ones, for .gz shards). */
  downloadedBytes: number;
}

/** Fetches and validates `${baseUrl}manifest.json` (a missing trailing '/' on baseUrl is added). */
export async function fetchManifest(
  baseUrl: string,
  fetchFn: typeof fetch = fetch,
  signal?: AbortSignal,
): Promise<DatasetManifest> {
  const url = withSlash(baseUrl) + MANIFEST_FILE;
  const response = await fetchOrFail(fetchFn, url, 'the dataset manifest', signal);
  let json: unknown;
  try {
    json = JSON.parse(await response.text());
  } catch (err) {
    throw new DataError(
      `The dataset manifest ${url} is not valid JSON (${errorText(err)}). ${HOW_TO_FIX}`,
    );
  }
  return validateManifest(json, url);
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>, file: string): Promise<string> {
  // Browsers expose Web Crypto only to secure contexts (https or localhost), like WebGPU itself.
  const subtle = (globalThis.crypto as Crypto | undefined)?.subtle;
  if (!subtle)
    throw new DataError(
      `Cannot check shard ${file}: this browser offers no Web Crypto here. Open the app over https or on localhost.`,
    );
  const digest = await subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

interface ShardContext {
  baseUrl: string;
  fetchFn: typeof fetch;
  onChunk: (bytes: number) => void;
  signal?: AbortSignal;
  cache: ShardCache | null;
  compressed: boolean;
  stats: LoadStats;
}

/** The browser's copy of `shard` if it is there and still matches its SHA-256; a bad copy is dropped. */
async function fromCache(
  shard: ShardEntry,
  ctx: ShardContext,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const { cache } = ctx;
  if (!cache) return null;
  const key = shardKey(shard);
  const bytes = await cache.get(key).catch(() => null);
  if (!bytes) return null;
  if (bytes.length === shard.bytes && (await sha256Hex(bytes, shard.file)) === shard.sha256)
    return bytes;
  await cache.delete(key).catch(() => undefined);
  return null;
}

/** Downloads `shard` (its .gz when listed and wanted), checks its SHA-256, keeps a copy. */
async function download(shard: ShardEntry, ctx: ShardContext): Promise<Uint8Array<ArrayBuffer>> {
  const gz = ctx.compressed ? shard.gzip : undefined;
  const url = withSlash(ctx.baseUrl) + (gz ? gz.file : shard.file);
  const response = await fetchOrFail(ctx.fetchFn, url, `shard ${shard.file}`, ctx.signal);
  // Bytes on the wire: Content-Length where the server sends it (a server that marks the .gz as
  // Content-Encoding: gzip, as Vite's preview does, gets a body the browser has already inflated, so
  // counting the body would count the inflated size); else the body as it arrives.
  const wireLength = Number(response.headers.get('content-length') ?? Number.NaN);
  const knownLength = Number.isSafeInteger(wireLength) && wireLength >= 0;
  let counted = 0;
  const countNetwork = (n: number) => void (counted += n);
  let body = response;
  if (gz && response.body) {
    body = new Response(
      await gunzippedBody(response.body, countNetwork, `Shard ${shard.file} (${url})`),
    );
  }
  const onChunk = gz ? ctx.onChunk : (n: number) => (countNetwork(n), ctx.onChunk(n));
  const bytes = await readShardBody(body, shard, url, onChunk, ctx.signal);
  ctx.stats.downloadedBytes += knownLength ? wireLength : counted;
  if ((await sha256Hex(bytes, shard.file)) !== shard.sha256)
    throw new DataError(
      `Shard ${shard.file} (${url}) is corrupted: its SHA-256 checksum does not match the manifest. ${HOW_TO_FIX}`,
    );
  // A full disk or a refused cache only means the next visit downloads it again.
  await ctx.cache?.put(shardKey(shard), bytes).catch(() => undefined);
  return bytes;
}

async function loadSplit(split: SplitManifest, ctx: ShardContext): Promise<SplitData> {
  const images = new Uint8Array(split.count * IMAGE_PIXELS);
  const labels = new Uint8Array(split.count);
  let offset = 0;
  for (const shard of split.shards) {
    ctx.signal?.throwIfAborted();
    let bytes = await fromCache(shard, ctx);
    if (bytes) {
      ctx.stats.fromBrowser++;
      ctx.onChunk(bytes.length);
    } else {
      bytes = await download(shard, ctx);
      ctx.stats.fromNetwork++;
    }
    const shardLabels = bytes.subarray(shard.count * IMAGE_PIXELS);
    const bad = shardLabels.findIndex((l) => l >= NUM_CLASSES);
    if (bad >= 0)
      throw new DataError(
        `Shard ${shard.file} has an invalid label ${shardLabels[bad]} at image ${bad}.`,
      );
    images.set(bytes.subarray(0, shard.count * IMAGE_PIXELS), offset * IMAGE_PIXELS);
    labels.set(shardLabels, offset);
    offset += shard.count;
  }
  return { images, labels, count: split.count };
}

/**
 * Loads both splits, each shard from the browser's copy when it has a good one, else from the
 * network; progress counts the bytes of all shards of both splits. Copies of shards the manifest no
 * longer lists are deleted.
 */
export async function loadDataset(
  baseUrl: string,
  manifest: DatasetManifest,
  opts: LoadOptions = {},
): Promise<{ train: SplitData; test: SplitData; stats: LoadStats }> {
  const { fetchFn = fetch, signal, onProgress, cache = null } = opts;
  const totalBytes = totalShardBytes(manifest);
  let loadedBytes = 0;
  const ctx: ShardContext = {
    baseUrl,
    fetchFn,
    signal,
    cache,
    compressed: opts.compressed ?? canGunzip(),
    stats: { fromNetwork: 0, fromBrowser: 0, downloadedBytes: 0 },
    onChunk: (bytes) => {
      loadedBytes += bytes;
      onProgress?.(loadedBytes, totalBytes);
    },
  };
  onProgress?.(0, totalBytes);
  const train = await loadSplit(manifest.train, ctx);
  const test = await loadSplit(manifest.test, ctx);
  if (cache) await pruneCache(cache, manifest);
  return { train, test, stats: ctx.stats };
}

/** Deletes copies of shards that the manifest does not list (an older dataset build). */
async function pruneCache(cache: ShardCache, manifest: DatasetManifest): Promise<void> {
  const wanted = new Set([...manifest.train.shards, ...manifest.test.shards].map(shardKey));
  const keys = await cache.keys().catch(() => [] as string[]);
  for (const key of keys) if (!wanted.has(key)) await cache.delete(key).catch(() => undefined);
}
