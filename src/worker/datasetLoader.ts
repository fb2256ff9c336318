// The `loadData` command: the manifest, then both splits streamed with throttled progress events.
// A new request cancels one still loading (so Retry always works, even on a stalled download), and
// the cancelled request is answered with an error under its own id.

import {
  totalShardBytes,
  type DatasetManifest,
  type LabelledImages,
  type LoadStats,
} from '../engine';
import type { DataOrigin, DatasetSummary, WorkerEvent } from '../protocol';

/** Where the data comes from: the shard loader in the app, in-memory arrays in tests. */
export interface DatasetSource {
  fetchManifest(baseUrl: string, signal: AbortSignal): Promise<DatasetManifest>;
  loadDataset(
    baseUrl: string,
    manifest: DatasetManifest,
    options: {
      onProgress: (loadedBytes: number, totalBytes: number) => void;
      signal: AbortSignal;
    },
  ): Promise<{ train: LabelledImages; test: LabelledImages; stats?: LoadStats }>;
}

export interface LoadedDataset {
  train: LabelledImages;
  test: LabelledImages;
}

/** Progress events at most this often (the last one always goes out). */
const PROGRESS_INTERVAL_MS = 100;

export const SUPERSEDED_MESSAGE = 'A newer request to load the dataset replaced this one.';

export class DatasetLoader {
  private current: { id: number; abort: AbortController } | null = null;
  private data: LoadedDataset | null = null;

  constructor(
    private readonly source: DatasetSource,
    private readonly post: (event: WorkerEvent) => void,
    private readonly fail: (error: unknown, id: number) => void,
    /** Called just before newly loaded data replaces the old, to free what was made from it. */
    private readonly onReplacing: () => void,
  ) {}

  /** Both splits, once a load has finished; the previous data stays until a new load finishes. */
  get loaded(): LoadedDataset | null {
    return this.data;
  }

  async load(id: number, baseUrl: string): Promise<void> {
    const previous = this.current;
    if (previous) {
      previous.abort.abort();
      this.fail(new Error(SUPERSEDED_MESSAGE), previous.id);
    }
    const request = { id, abort: new AbortController() };
    this.current = request;
    const { signal } = request.abort;
    const started = performance.now();
    try {
      const manifest = await this.source.fetchManifest(baseUrl, signal);
      signal.throwIfAborted();
      this.post({ type: 'dataset', id, summary: summarize(manifest) });
      let lastProgressAt = -Infinity;
      const split = await this.source.loadDataset(baseUrl, manifest, {
        signal,
        onProgress: (loadedBytes, totalBytes) => {
          const now = performance.now();
          if (now - lastProgressAt < PROGRESS_INTERVAL_MS && loadedBytes < totalBytes) return;
          lastProgressAt = now;
          this.post({ type: 'dataProgress', id, loadedBytes, totalBytes });
        },
      });
      signal.throwIfAborted();
      this.onReplacing();
      this.data = { train: split.train, test: split.test };
      this.post({
        type: 'dataLoaded',
        id,
        trainCount: split.train.count,
        testCount: split.test.count,
        ...(split.stats
          ? {
              origin: originOf(split.stats),
              seconds: (performance.now() - started) / 1000,
              downloadedBytes: split.stats.downloadedBytes,
            }
          : {}),
      });
    } catch (error) {
      // A cancelled load was already answered when the newer request cancelled it.
      if (!signal.aborted) this.fail(error, id);
    } finally {
      if (this.current === request) this.current = null;
    }
  }
}

function summarize(manifest: DatasetManifest): DatasetSummary {
  return {
    trainCount: manifest.train.count,
    testCount: manifest.test.count,
    classNames: manifest.classNames,
    totalBytes: totalShardBytes(manifest),
  };
}

function originOf(stats: LoadStats): DataOrigin {
  if (stats.fromBrowser === 0) return 'network';
  return stats.fromNetwork === 0 ? 'browser' : 'mixed';
}
