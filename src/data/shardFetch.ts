// Downloading one file of the dataset: fetch with failures named in words, a body read into exactly
// the bytes the manifest lists (with progress), gzip-compressed shards decompressed on the way in.
// Fetch and streams only: runs in the worker and in Node's tests.

import { DataError, type ShardEntry } from './manifest';

// The page shows these beside a Retry button that reloads the dataset without reloading the page.
export const HOW_TO_FIX =
  'Press Retry to download it again; if it fails the same way, the copy on the server needs ' +
  'rebuilding (`npm run data`).';
export const TRY_AGAIN = 'Press Retry to try again.';

/** fetch with network failures (as opposed to HTTP errors) turned into a DataError naming the URL. */
export async function fetchOrFail(
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

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Reads a shard's body into exactly `shard.bytes` bytes, reporting each chunk's length. */
export async function readShardBody(
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

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * The body of a `.gz` shard, decompressed, with `onNetworkBytes` told of every compressed byte as it
 * arrives. A server that sends the file with `Content-Encoding: gzip` has the browser decompress it
 * already: then the bytes do not start with gzip's magic number and pass through untouched. Damaged
 * gzip data is a DataError naming `what`; a network failure passes through as it is.
 */
export async function gunzippedBody(
  body: ReadableStream<Uint8Array>,
  onNetworkBytes: (bytes: number) => void,
  what: string,
): Promise<ReadableStream<Uint8Array>> {
  const reader = body.getReader();
  const first = await reader.read();
  let networkFailed = false;
  const counted = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) return controller.close();
      onNetworkBytes(first.value.length);
      controller.enqueue(first.value);
    },
    async pull(controller) {
      const next = await reader.read().catch((error: unknown) => {
        networkFailed = true;
        throw error;
      });
      if (next.done) return controller.close();
      onNetworkBytes(next.value.length);
      controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const head = first.done ? new Uint8Array() : first.value;
  if (head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1]) return counted;
  const inflating = counted
    .pipeThrough(new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>)
    .getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await inflating.read();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        if (networkFailed) throw error;
        throw new DataError(`${what} is not valid gzip data (${errorText(error)}). ${HOW_TO_FIX}`);
      }
    },
    cancel: (reason) => inflating.cancel(reason),
  });
}

/** Whether this browser can decompress gzip itself (every current one can). */
export function canGunzip(): boolean {
  return (
    typeof (globalThis as { DecompressionStream?: unknown }).DecompressionStream === 'function'
  );
}

/** Base URLs end with '/', so file names can simply be appended. */
export function withSlash(baseUrl: string): string {
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
}
