// The app's one IndexedDB database and its stores (version 1; a repaired one is later, see below):
//   checkpoint  the last checkpoint's description, under the key 'current' (CheckpointMeta)
//   tensors     its tensors, one record per tensor, keyed `<generation>/<index>` (TensorRecord)
//   runs        the run history, keyed by RunRecord.id
// A checkpoint's tensors are written first under a new generation, then one transaction points
// 'current' at it and deletes the old generation's: see checkpointStore.ts.

import { StorageError, asStorageError, errorText } from './storageError';
import { requestResult } from './idbRequests';

export const DATABASE_NAME = 'alexnet-webgpu';
export const DATABASE_VERSION = 1;
export const STORES = { checkpoint: 'checkpoint', tensors: 'tensors', runs: 'runs' } as const;

export const UNAVAILABLE_MESSAGE =
  'This browser offers no IndexedDB here (a private window can turn it off), so checkpoints and ' +
  'the run history are not kept. Training works as usual.';

/** The browser's IndexedDB, or null where there is none (some private modes, old engines). */
export function browserIndexedDb(): IDBFactory | null {
  return (globalThis as { indexedDB?: IDBFactory }).indexedDB ?? null;
}

function createMissingStores(db: IDBDatabase): void {
  for (const store of [STORES.checkpoint, STORES.tensors]) {
    if (!db.objectStoreNames.contains(store)) db.createObjectStore(store);
  }
  if (!db.objectStoreNames.contains(STORES.runs)) {
    db.createObjectStore(STORES.runs, { keyPath: 'id' });
  }
}

function hasAllStores(db: IDBDatabase): boolean {
  return Object.values(STORES).every((store) => db.objectStoreNames.contains(store));
}

async function open(factory: IDBFactory, name: string, version?: number): Promise<IDBDatabase> {
  let request: IDBOpenDBRequest;
  try {
    request = factory.open(name, version);
  } catch (error) {
    throw new StorageError('unavailable', `${UNAVAILABLE_MESSAGE} (${errorText(error)})`);
  }
  request.onupgradeneeded = () => createMissingStores(request.result);
  request.onblocked = () => undefined; // an older tab holds it open: the open waits for it
  const db = await requestResult(request);
  // Another tab upgrading the database asks this one to let go.
  db.onversionchange = () => db.close();
  return db;
}

/**
 * Opens (creating or upgrading) the database through `factory` (the browser's `indexedDB`). A
 * database that lacks one of its stores (a damaged profile, a cleared store) is repaired by an
 * upgrade to the next version that creates what is missing: the stores still there keep their data.
 */
export async function openAppDatabase(
  factory: IDBFactory | null,
  name = DATABASE_NAME,
): Promise<IDBDatabase> {
  if (!factory) throw new StorageError('unavailable', UNAVAILABLE_MESSAGE);
  try {
    let db = await open(factory, name, DATABASE_VERSION).catch((error: unknown) => {
      // A repaired database is at a later version than this app's: open it as it is.
      if (error instanceof DOMException && error.name === 'VersionError')
        return open(factory, name);
      throw error;
    });
    if (!hasAllStores(db)) {
      const next = db.version + 1;
      db.close();
      db = await open(factory, name, next);
    }
    return db;
  } catch (error) {
    if (error instanceof StorageError) throw error;
    const described = asStorageError(error, 'opening the browser storage');
    throw described.kind === 'failed'
      ? new StorageError('unavailable', `${UNAVAILABLE_MESSAGE} (${errorText(error)})`)
      : described;
  }
}
