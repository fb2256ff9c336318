import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from './findSources';
import { SOURCE_FILE_NAMES, type ChecksumTable } from './officialFiles';
import { prepareDataset, type PrepareOptions } from './prepareDataset';
import { syntheticIdxFiles, writeSyntheticSource } from './syntheticSource';

let root: string;
let warnings: string[];
const log: Logger = { info: () => undefined, warn: (m) => warnings.push(m) };
let server: Server | undefined;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'find-sources-'));
  warnings = [];
});
afterEach(async () => {
  if (server) {
    server.close();
    await once(server, 'close');
    server = undefined;
  }
  await rm(root, { recursive: true, force: true });
});

/** Serves the files of `dir` on a loopback port; counts requests per file. */
async function serveFolder(dir: string, requests: string[]): Promise<string> {
  server = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1);
    requests.push(name);
    readFile(join(dir, name)).then(
      (bytes) => res.end(bytes),
      () => res.writeHead(404).end('not found'),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** A loopback URL where nothing listens: the connection is refused at once. */
async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  await once(probe, 'close');
  return `http://127.0.0.1:${port}/`;
}

async function synthetic(dir: string): Promise<ChecksumTable> {
  return writeSyntheticSource(dir, syntheticIdxFiles(12, 5));
}

function fallbackOptions(checksums: ChecksumTable, extra: Partial<PrepareOptions>): PrepareOptions {
  return {
    outDir: join(root, 'out'),
    cacheDir: join(root, 'cache'),
    systemDir: join(root, 'debian'),
    checksums,
    shardSize: 10,
    log,
    downloadIdleTimeoutMs: 5000,
    ...extra,
  };
}

describe('prepareDataset without a named folder', () => {
  it('uses the system copy when it checks out', async () => {
    const checksums = await synthetic(join(root, 'debian'));
    const result = await prepareDataset(fallbackOptions(checksums, {}));
    expect(result.sourcePaths).toEqual(SOURCE_FILE_NAMES.map((n) => join(root, 'debian', n)));
    expect(warnings).toEqual([]);
  });

  it('downloads into the cache, then reuses the cache without the network', async () => {
    const checksums = await synthetic(join(root, 'served'));
    const requests: string[] = [];
    const url = await serveFolder(join(root, 'served'), requests);
    await prepareDataset(fallbackOptions(checksums, { downloadUrl: url }));
    expect(requests.sort()).toEqual([...SOURCE_FILE_NAMES].sort());
    expect((await readdir(join(root, 'cache'))).sort()).toEqual([...SOURCE_FILE_NAMES].sort());

    await rm(join(root, 'out'), { recursive: true });
    const again = await prepareDataset(
      fallbackOptions(checksums, { downloadUrl: await closedPortUrl() }),
    );
    expect(again.written).toBe(true);
    expect(requests.length).toBe(4);
  });

  it('falls through past a bad system copy with a warning', async () => {
    const checksums = await synthetic(join(root, 'served'));
    await synthetic(join(root, 'debian'));
    await writeFile(join(root, 'debian', 'train-labels-idx1-ubyte.gz'), 'garbage');
    const requests: string[] = [];
    const url = await serveFolder(join(root, 'served'), requests);
    const result = await prepareDataset(fallbackOptions(checksums, { downloadUrl: url }));
    expect(requests).toEqual(['train-labels-idx1-ubyte.gz']);
    expect(result.sourcePaths[1]).toBe(join(root, 'cache', 'train-labels-idx1-ubyte.gz'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/debian\/train-labels-idx1-ubyte\.gz: wrong MD5 checksum/);
  });

  it('without network or local copy, says how to provide the files', async () => {
    const checksums = await synthetic(join(root, 'elsewhere'));
    await mkdir(join(root, 'debian'));
    const run = prepareDataset(fallbackOptions(checksums, { downloadUrl: await closedPortUrl() }));
    await expect(run).rejects.toThrow(
      /Cannot get train-images-idx3-ubyte\.gz: there is no local copy .* and the download of http:\/\/127\.0\.0\.1:\d+\/train-images-idx3-ubyte\.gz failed: .*ECONNREFUSED/,
    );
    const message = await run.catch((err: unknown) => String(err));
    expect(message).toContain('--from DIR');
    expect(message).toContain('FASHION_MNIST_DIR=DIR');
    expect(message).toContain('apt-get install dataset-fashion-mnist');
    expect(await readdir(join(root, 'cache'))).toEqual([]);
    expect(await readdir(root)).not.toContain('out');
  });

  it('rejects a download that is not the official file and keeps nothing of it', async () => {
    const checksums = await synthetic(join(root, 'expected'));
    await writeSyntheticSource(join(root, 'served'), syntheticIdxFiles(13, 5));
    const url = await serveFolder(join(root, 'served'), []);
    await expect(prepareDataset(fallbackOptions(checksums, { downloadUrl: url }))).rejects.toThrow(
      /The file downloaded from http:\/\/127\.0\.0\.1:\d+\/train-images-idx3-ubyte\.gz is not the official one: .*wrong MD5 checksum/,
    );
    expect(await readdir(join(root, 'cache'))).toEqual([]);
  });

  it('reports an HTTP error of the server', async () => {
    const checksums = await synthetic(join(root, 'expected'));
    const url = await serveFolder(join(root, 'empty'), []);
    await expect(prepareDataset(fallbackOptions(checksums, { downloadUrl: url }))).rejects.toThrow(
      /train-images-idx3-ubyte\.gz failed: the server answered HTTP 404 Not Found/,
    );
  });

  it('refuses FASHION_MNIST_URL on any host but the official one or this machine', async () => {
    const checksums = await synthetic(join(root, 'expected'));
    await expect(
      prepareDataset(fallbackOptions(checksums, { downloadUrl: 'http://example.com/fmnist/' })),
    ).rejects.toThrow(
      /FASHION_MNIST_URL=http:\/\/example\.com\/fmnist\/: downloads are only allowed/,
    );
  });
});
