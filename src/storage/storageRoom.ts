// How much the browser lets this site store, from navigator.storage.estimate() (in workers too).
// Browsers round and pad these numbers, and some give none: a shortfall is a reason to say so
// before writing, never a guarantee that a write fits.

import { StorageError } from './storageError';

export interface StorageEstimateLike {
  usage?: number;
  quota?: number;
}

export interface RoomReport {
  usageBytes: number | null;
  quotaBytes: number | null;
  freeBytes: number | null;
}

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export class StorageRoom {
  constructor(
    private readonly estimate: (() => Promise<StorageEstimateLike>) | null = browserEstimate(),
  ) {}

  async report(): Promise<RoomReport> {
    if (!this.estimate) return { usageBytes: null, quotaBytes: null, freeBytes: null };
    try {
      const { usage, quota } = await this.estimate();
      const usageBytes = typeof usage === 'number' ? usage : null;
      const quotaBytes = typeof quota === 'number' ? quota : null;
      const freeBytes =
        usageBytes !== null && quotaBytes !== null ? Math.max(0, quotaBytes - usageBytes) : null;
      return { usageBytes, quotaBytes, freeBytes };
    } catch {
      return { usageBytes: null, quotaBytes: null, freeBytes: null };
    }
  }

  /** Throws a 'quota' StorageError when the browser says `bytes` more will not fit. */
  async require(bytes: number, what: string): Promise<void> {
    const { freeBytes } = await this.report();
    if (freeBytes !== null && freeBytes < bytes) {
      throw new StorageError(
        'quota',
        `Not enough storage for ${what}: it needs ${MB(bytes)} and the browser allows this site ${MB(freeBytes)} more.`,
      );
    }
  }
}

function browserEstimate(): (() => Promise<StorageEstimateLike>) | null {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  return storage && typeof storage.estimate === 'function' ? () => storage.estimate() : null;
}
