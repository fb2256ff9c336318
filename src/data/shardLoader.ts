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
  /** Called as bytes arrive; counts the bytes of all shards of both splits. */
  onProgress?: (loadedBytes: number, totalBytes: number) => void;
}

// The page shows these beside a Retry button that reloads the dataset without reloading the page.
const HOW_TO_FIX =
  'Press Retry to download it again; if it fails the same way, the copy on the server needs ' +
  'rebuilding (`npm run data`).';
const TRY_AGAIN = 'Press Retry to try again.';

/** fetch with network failures (as opposed to HTTP errors) turned into a DataError naming the URL. */
async function fetchOrFail(
  fetchFn: typeof fetch,
  url: string,
  what: string,
  signal?: AbortSignal,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetchFn(url, signal ? { signal } : undefined);
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new DataError(`Could not download ${what} (${url}): ${errorText(err)}. ${TRY_AGAIN}`);
  }
  if (!response.ok) {
    const status = `${response.status} ${response.statusText}`.trim();
    const hint = response.status === 404 ? ' The file is missing on the server.' : '';
    throw new DataError(
      `Could not download ${what} (${url}): HTTP ${status}.${hint} ${HOW_TO_FIX}`,
    );
  }
  // Dev servers answer unknown paths with the app's index.html; say so rather than "bad JSON".
  if (response.headers.get('content-type')?.includes('text/html'))
    throw new DataError(
      `Could not download ${what} (${url}): the server sent a web page instead, so the file is probably missing. ${HOW_TO_FIX}`,
    );
  return response;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
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

/** Reads a shard's body into exactly `shard.bytes` bytes, reporting each chunk's length. */
async function readShardBody(
  response: Response,
  shard: ShardEntry,
  url: string,
  onChunk: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  const out = new Uint8Array(shard.bytes);
  const tooLong = (): DataError =>
    new DataError(
      `Shard ${shard.file} (${url}) is larger than the ${shard.bytes} bytes the manifest lists. ${HOW_TO_FIX}`,
    );
  if (!response.body) {
    const whole = new Uint8Array(await response.arrayBuffer());
    if (whole.length > out.length) throw tooLong();
    out.set(whole);
    onChunk(whole.length);
    checkComplete(whole.length, shard, url);
    return out;
  }
  const reader = response.body.getReader();
  let filled = 0;
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      if (filled + value.length > out.length) throw tooLong();
      out.set(value, filled);
      filled += value.length;
      onChunk(value.length);
    }
  } catch (err) {
    await reader.cancel().catch(() => undefined);
    if (err instanceof DataError || signal?.aborted) throw err;
    throw new DataError(
      `Shard ${shard.file} (${url}) broke off while downloading: ${errorText(err)}. ${TRY_AGAIN}`,
    );
  } finally {
    reader.releaseLock();
  }
  checkComplete(filled, shard, url);
  return out;
}

function checkComplete(filled: number, shard: ShardEntry, url: string): void {
  if (filled < shard.bytes)
    throw new DataError(
      `Shard ${shard.file} (${url}) is truncated: got ${filled} of ${shard.bytes} bytes. ${HOW_TO_FIX}`,
    );
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

/** Base URLs end with '/', so file names can simply be appended. */
function withSlash(baseUrl: string): string {
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
}

async function loadSplit(
  baseUrl: string,
  split: SplitManifest,
  fetchFn: typeof fetch,
  onChunk: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<SplitData> {
  const images = new Uint8Array(split.count * IMAGE_PIXELS);
  const labels = new Uint8Array(split.count);
  let offset = 0;
  for (const shard of split.shards) {
    const url = withSlash(baseUrl) + shard.file;
    const response = await fetchOrFail(fetchFn, url, `shard ${shard.file}`, signal);
    const bytes = await readShardBody(response, shard, url, onChunk, signal);
    if ((await sha256Hex(bytes, shard.file)) !== shard.sha256)
      throw new DataError(
        `Shard ${shard.file} (${url}) is corrupted: its SHA-256 checksum does not match the manifest. ${HOW_TO_FIX}`,
      );
    const shardLabels = bytes.subarray(shard.count * IMAGE_PIXELS);
    const bad = shardLabels.findIndex((l) => l >= NUM_CLASSES);
    if (bad >= 0)
      throw new DataError(
        `Shard ${shard.file} (${url}) has an invalid label ${shardLabels[bad]} at image ${bad}.`,
      );
    images.set(bytes.subarray(0, shard.count * IMAGE_PIXELS), offset * IMAGE_PIXELS);
    labels.set(shardLabels, offset);
    offset += shard.count;
  }
  return { images, labels, count: split.count };
}

/** Loads both splits, all shards; progress counts the bytes of all shards of both splits. */
export async function loadDataset(
  baseUrl: string,
  manifest: DatasetManifest,
  opts: LoadOptions = {},
): Promise<{ train: SplitData; test: SplitData }> {
  const { fetchFn = fetch, signal, onProgress } = opts;
  const totalBytes = totalShardBytes(manifest);
  let loadedBytes = 0;
  const onChunk = (bytes: number): void => {
    loadedBytes += bytes;
    onProgress?.(loadedBytes, totalBytes);
  };
  onProgress?.(0, totalBytes);
  const train = await loadSplit(baseUrl, manifest.train, fetchFn, onChunk, signal);
  const test = await loadSplit(baseUrl, manifest.test, fetchFn, onChunk, signal);
  return { train, test };
}
