// `npm run data`: turns the four official Fashion-MNIST files into the shards the app streams
// (public/data/fashion-mnist/). Fast and silent-ish when they are already up to date.
//
//   npm run data [-- --from DIR] [--out DIR] [--cache DIR]
//   env FASHION_MNIST_DIR=DIR (like --from), FASHION_MNIST_URL (download base; official host or localhost)

import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DataError } from '../src/data/manifest';
import { DATA_DIR } from '../src/protocol';
import type { ExplicitSource } from './data/findSources';
import { prepareDataset } from './data/prepareDataset';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const USAGE = `Usage: npm run data -- [--from DIR] [--out DIR] [--cache DIR]
  --from DIR   folder with the four official .gz files (or set FASHION_MNIST_DIR)
  --out DIR    where to write the shards (default public/${DATA_DIR})
  --cache DIR  where downloads are kept (default node_modules/.cache/fashion-mnist)
Without --from, uses Debian's copy (/usr/share/datasets/fashion-mnist) or downloads the files.`;

function explicitSource(from: string | undefined): ExplicitSource | undefined {
  if (from !== undefined) return { dir: resolve(from), origin: '--from' };
  const env = process.env.FASHION_MNIST_DIR;
  if (env) return { dir: resolve(env), origin: 'FASHION_MNIST_DIR' };
  return undefined;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      out: { type: 'string' },
      cache: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const started = performance.now();
  const outDir = resolve(values.out ?? resolve(repoRoot, 'public', DATA_DIR));
  const result = await prepareDataset({
    outDir,
    cacheDir: resolve(values.cache ?? resolve(repoRoot, 'node_modules/.cache/fashion-mnist')),
    source: explicitSource(values.from),
    downloadUrl: process.env.FASHION_MNIST_URL,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const where = relative(process.cwd(), outDir) || '.';
  if (!result.written)
    console.log(`Fashion-MNIST shards in ${where} are up to date (${seconds} s).`);
  else {
    const m = result.manifest;
    const counts = m ? `${m.train.count} train + ${m.test.count} test images` : 'shards';
    console.log(`Wrote ${counts} to ${where} in ${seconds} s.`);
  }
}

function isUsageError(err: unknown): err is Error {
  return err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
}

main().catch((err: unknown) => {
  // A DataError is a problem with the user's files or network: its message says what to do.
  if (err instanceof DataError) console.error(`prepare-data: ${err.message}`);
  else if (isUsageError(err)) console.error(`prepare-data: ${err.message}\n${USAGE}`);
  else console.error('prepare-data failed:', err);
  process.exitCode = 1;
});
