// The app's one IndexedDB database and its stores. Version 1:
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

/** Opens (creating or upgrading) the database through `factory` (the browser's `indexedDB`). */
export async function openAppDatabase(
  factory: IDBFactory | null,
  name = DATABASE_NAME,
): Promise<IDBDatabase> {
  if (!factory) throw new StorageError('unavailable', UNAVAILABLE_MESSAGE);
  let request: IDBOpenDBRequest;
  try {
    request = factory.open(name, DATABASE_VERSION);
  } catch (error) {
    throw new StorageError('unavailable', `${UNAVAILABLE_MESSAGE} (${errorText(error)})`);
  }
  request.onupgradeneeded = () => {
    const db = request.result;
    for (const store of [STORES.checkpoint, STORES.tensors]) {
      if (!db.objectStoreNames.contains(store)) db.createObjectStore(store);
    }
    if (!db.objectStoreNames.contains(STORES.runs)) {
      db.createObjectStore(STORES.runs, { keyPath: 'id' });
    }
  };
  request.onblocked = () => undefined; // an older tab holds it open: the open waits for it
  try {
    const db = await requestResult(request);
    // Another tab upgrading the database asks this one to let go.
    db.onversionchange = () => db.close();
    return db;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'VersionError') {
      throw new StorageError(
        'incompatible',
        'The data stored here was written by a newer version of this app: reload to get it.',
      );
    }
    const described = asStorageError(error, 'opening the browser storage');
    throw described.kind === 'failed'
      ? new StorageError('unavailable', `${UNAVAILABLE_MESSAGE} (${errorText(error)})`)
      : described;
  }
}
