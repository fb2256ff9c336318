// Downloads a source file from the official Fashion-MNIST location (or a loopback server in tests).

import { open, rm } from 'node:fs/promises';
import { DataError } from '../../src/data/manifest';
import { OFFICIAL_HOST } from './officialFiles';
import { errorText } from './verifySource';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The base URL to download from: the official one, or FASHION_MNIST_URL when it points at the official
 * host or at this machine (so a test can use a local server). Any other host is refused: the files
 * must come from the source their checksums were published for.
 */
export function downloadBaseUrl(override: string | undefined, officialBase: string): URL {
  if (override === undefined || override === '') return new URL(officialBase);
  let url: URL;
  try {
    url = new URL(override.endsWith('/') ? override : `${override}/`);
  } catch {
    throw new DataError(`FASHION_MNIST_URL=${override} is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new DataError(`FASHION_MNIST_URL=${override}: only http and https URLs are supported`);
  if (url.hostname !== OFFICIAL_HOST && !LOOPBACK_HOSTS.has(url.hostname))
    throw new DataError(
      `FASHION_MNIST_URL=${override}: downloads are only allowed from ${OFFICIAL_HOST} or this machine (localhost)`,
    );
  return url;
}

/** Why a fetch failed, digging out the system error undici hides behind "fetch failed". */
function networkProblem(err: unknown): string {
  const cause = err instanceof Error ? err.cause : undefined;
  return cause instanceof Error ? `${errorText(err)}: ${cause.message}` : errorText(err);
}

/**
 * Streams `url` into `destPath`. Gives up when no bytes arrive for `idleTimeoutMs` (a machine without
 * network may otherwise hang on connect). Throws a DataError saying what went wrong; leaves no file
 * behind on failure.
 */
export async function downloadFile(
  url: URL,
  destPath: string,
  idleTimeoutMs: number,
): Promise<void> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const armTimer = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), idleTimeoutMs);
  };
  const failed = (problem: string): DataError =>
    new DataError(`the download of ${url.href} failed: ${problem}`);
  const file = await open(destPath, 'w');
  let complete = false;
  try {
    armTimer();
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal });
    } catch (err) {
      throw failed(controller.signal.aborted ? 'no answer (timed out)' : networkProblem(err));
    }
    if (!response.ok || !response.body)
      throw failed(`the server answered HTTP ${response.status} ${response.statusText}`.trim());
    const reader = response.body.getReader();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        throw failed(controller.signal.aborted ? 'stalled (timed out)' : networkProblem(err));
      }
      if (chunk.done) break;
      armTimer();
      await file.write(chunk.value);
    }
    complete = true;
  } finally {
    clearTimeout(timer);
    await file.close();
    if (!complete) await rm(destPath, { force: true });
  }
}
