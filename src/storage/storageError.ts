// Every way keeping data in the browser can fail, as one error type with a kind the worker and the
// page act on, and a message meant for the person using the app.

export type StorageErrorKind =
  /** No IndexedDB here (some private modes), or the browser refused to open it. */
  | 'unavailable'
  /** The site's quota, or the disk, is full. */
  | 'quota'
  /** A stored record is damaged or incomplete. */
  | 'corrupt'
  /** A stored record was written by another version of the app, or for another model. */
  | 'incompatible'
  | 'failed';

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly kind: StorageErrorKind,
    message: string,
  ) {
    super(message);
  }
}

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Names a DOMException (or anything else) thrown by IndexedDB as a StorageError of the right kind. */
export function asStorageError(error: unknown, doing: string): StorageError {
  if (error instanceof StorageError) return error;
  const name = errorName(error);
  if (name === 'QuotaExceededError') {
    return new StorageError(
      'quota',
      `The browser's storage is full: ${doing} needs more room than this site may use.`,
    );
  }
  if (name === 'InvalidStateError' || name === 'SecurityError') {
    return new StorageError(
      'unavailable',
      `This browser does not let the app store data here (${errorText(error)}).`,
    );
  }
  return new StorageError('failed', `Could not finish ${doing}: ${errorText(error) || name}.`);
}
