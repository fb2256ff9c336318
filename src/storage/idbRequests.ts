// IndexedDB's callbacks as promises. A transaction commits on its own once it has no request left,
// so callers issue all of a transaction's requests before awaiting anything that is not IndexedDB.

export function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed.'));
  });
}

/** Resolves when `tx` commits; rejects with its error when it aborts (a quota error included). */
export function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('Transaction aborted.', 'AbortError'));
    tx.onerror = (event) => {
      // The abort that follows reports it; keep the request's error from also escaping.
      event.preventDefault();
    };
  });
}

/**
 * Runs `fill` in one transaction over `stores` and resolves once everything is committed. A throw
 * from `fill` aborts the transaction, so none of its writes land.
 */
export async function inTransaction<T>(
  db: IDBDatabase,
  stores: string[],
  mode: IDBTransactionMode,
  fill: (tx: IDBTransaction) => Promise<T> | T,
): Promise<T> {
  const tx = db.transaction(stores, mode);
  const done = transactionDone(tx);
  let result: T;
  try {
    result = await fill(tx);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already finished
    }
    await done.catch(() => undefined);
    throw error;
  }
  await done;
  return result;
}
