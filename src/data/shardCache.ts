// The browser's copy of verified shards, so a reload or a return visit does not download them again.
// Keys name the shard and its SHA-256, so a changed manifest never matches an old copy; the loader
// checks every copy's SHA-256 again before use, drops a bad one and downloads it afresh.

import type { ShardEntry } from './manifest';

export interface ShardCache {
  get(key: string): Promise<Uint8Array<ArrayBuffer> | null>;
  put(key: string, bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

export const SHARD_CACHE_NAME = 'alexnet-webgpu-shards-v1';

export function shardKey(shard: ShardEntry): string {
  return `${shard.file}@${shard.sha256}`;
}

/**
 * Cache Storage (workers have it in secure contexts, localhost included) under `cacheName`, keyed by
 * a made-up same-origin URL per shard. Null where the browser offers none, or refuses it (some
 * private modes): the loader then downloads every time.
 */
export async function openShardCache(
  cacheName = SHARD_CACHE_NAME,
  origin = globalThis.location?.origin ?? 'http://localhost',
): Promise<ShardCache | null> {
  const storage = (globalThis as { caches?: CacheStorage }).caches;
  if (!storage) return null;
  let cache: Cache;
  try {
    cache = await storage.open(cacheName);
  } catch {
    return null;
  }
  const prefix = `${origin}/__alexnet-shard-cache__/`;
  const urlOf = (key: string) => prefix + encodeURIComponent(key);
  return {
    async get(key) {
      const response = await cache.match(urlOf(key));
      return response ? new Uint8Array(await response.arrayBuffer()) : null;
    },
    async put(key, bytes) {
      const headers = { 'content-type': 'application/octet-stream' };
      await cache.put(urlOf(key), new Response(bytes, { headers }));
    },
    async delete(key) {
      await cache.delete(urlOf(key));
    },
    async keys() {
      const requests = await cache.keys();
      return requests
        .map((r) => r.url)
        .filter((url) => url.startsWith(prefix))
        .map((url) => decodeURIComponent(url.slice(prefix.length)));
    },
  };
}

/** An in-memory ShardCache, for tests. */
export function memoryShardCache(): ShardCache & { entries: Map<string, Uint8Array<ArrayBuffer>> } {
  const entries = new Map<string, Uint8Array<ArrayBuffer>>();
  return {
    entries,
    get: (key) => Promise.resolve(entries.get(key)?.slice() ?? null),
    put: (key, bytes) => Promise.resolve(void entries.set(key, bytes.slice())),
    delete: (key) => Promise.resolve(void entries.delete(key)),
    keys: () => Promise.resolve([...entries.keys()]),
  };
}
