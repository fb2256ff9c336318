// npm run gpu:kit: builds .gpu-kit/, everything a bare x86-64 Linux machine with an NVIDIA GPU and
// its driver needs to measure the training engine (see scripts/gpu-kit/run.sh and README):
//   runtime.tar.xz  this machine's Node binary and Dawn's linux-x64 dawn.node   (cached by content)
//   data.tar.xz     the four official Fashion-MNIST files, verified, gunzipped   (cached)
//   app.tar.xz      the bundled trainer, orchestrator and kernel scripts, the Vulkan loader and
//                   GL libraries from Debian's packages, the PyTorch reference script
//   xz/             xz and liblzma, for machines without xz;  run.sh, kit.json, kit-id, README.md
// Fails when the whole is over 60 MiB (the GPU machine takes at most 64 MiB from the checkout).

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleApp } from './gpu-kit/build/bundle';
import { DATASET_KEY, findOfficialDir, writeVerifiedIdx } from './gpu-kit/build/dataset';
import {
  LIBRARY_PACKAGES,
  XZ_PACKAGES,
  debVersions,
  downloadDebs,
  extractLibraries,
  extractXz,
} from './gpu-kit/build/debs';
import { kitReadme } from './gpu-kit/build/kitReadme';
import { formatSizes, KIT_LIMIT_BYTES } from './gpu-kit/build/sizes';
import { XZ_LEVEL, cachedXzTar, hashFiles } from './gpu-kit/build/xzTar';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const kitDir = join(repoRoot, '.gpu-kit');
const cacheDir = join(repoRoot, 'node_modules/.cache/gpu-kit');
const dawnNode = join(repoRoot, 'node_modules/webgpu/dist/linux-x64/dawn.node');
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

function packageVersion(name: string): string {
  const path = join(repoRoot, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
  throw new Error(
    `The kit carries this machine's Node binary: build it on linux-x64, not ${process.platform}-${process.arch}.`,
  );
}
const staging = join(repoRoot, `.gpu-kit.building-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging);
try {
  console.log('gpu:kit: Debian packages (Vulkan loader, GL libraries, xz)');
  const libDebs = downloadDebs(LIBRARY_PACKAGES, join(cacheDir, 'debs'));
  const xzDebs = downloadDebs(XZ_PACKAGES, join(cacheDir, 'debs'));
  extractXz(xzDebs, join(staging, 'xz'));

  console.log(`gpu:kit: runtime (Node ${process.version} + dawn.node) [${elapsed()}]`);
  const runtimeKey = await hashFiles([process.execPath, dawnNode], 'runtime-v1');
  const runtime = await cachedXzTar(cacheDir, 'runtime', runtimeKey, (dir) => {
    mkdirSync(join(dir, 'bin'));
    copyFileSync(process.execPath, join(dir, 'bin/node'));
    chmodSync(join(dir, 'bin/node'), 0o755);
    mkdirSync(join(dir, 'app/dist/linux-x64'), { recursive: true });
    copyFileSync(dawnNode, join(dir, 'app/dist/linux-x64/dawn.node'));
  });
  console.log(`  ${runtime.fromCache ? 'reused from the cache' : 'compressed'} [${elapsed()}]`);

  console.log('gpu:kit: dataset (official Fashion-MNIST, verified)');
  const dataKey = createHash('sha256').update(`data-v1 ${DATASET_KEY}`).digest('hex');
  const data = await cachedXzTar(cacheDir, 'data', dataKey, async (dir) => {
    mkdirSync(join(dir, 'data'));
    await writeVerifiedIdx(findOfficialDir(), join(dir, 'data'));
  });
  console.log(`  ${data.fromCache ? 'reused from the cache' : 'compressed'} [${elapsed()}]`);

  console.log('gpu:kit: app (bundles, libraries, PyTorch reference script)');
  const appDir = join(staging, 'app-contents');
  const bundle = await bundleApp(repoRoot, join(appDir, 'app'));
  for (const missing of bundle.missing)
    console.log(`  not in the kit (not in this checkout): ${missing}`);
  const libraries = extractLibraries(libDebs, join(appDir, 'lib'));
  mkdirSync(join(appDir, 'reference'));
  copyFileSync(
    join(repoRoot, 'scripts/reference/alexnet_torch.py'),
    join(appDir, 'reference/alexnet_torch.py'),
  );
  const appKey = await hashFiles(
    readdirSync(appDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort(),
  );
  const app = await cachedXzTar(cacheDir, 'app', appKey, (dir) => {
    cpSync(appDir, dir, { recursive: true });
  });
  rmSync(appDir, { recursive: true, force: true });

  for (const [name, part] of [
    ['runtime', runtime],
    ['data', data],
    ['app', app],
  ] as const) {
    copyFileSync(part.path, join(staging, `${name}.tar.xz`));
  }
  const id = createHash('sha256')
    .update(`${runtimeKey} ${dataKey} ${appKey}`)
    .digest('hex')
    .slice(0, 12);
  const commit = `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') ? '+changes' : ''}`;
  const kitInfo = {
    id,
    builtAt: new Date().toISOString(),
    commit,
    node: process.version,
    webgpu: packageVersion('webgpu'),
    tfjs: packageVersion('@tensorflow/tfjs'),
    xzLevel: XZ_LEVEL,
    bundles: bundle.entries,
    notInKit: bundle.missing,
    libraries,
    debianPackages: debVersions([...libDebs, ...xzDebs]),
    dataset: 'Fashion-MNIST, the four official files (MD5 or content SHA-256 checked), gunzipped',
  };
  writeFileSync(join(staging, 'kit.json'), JSON.stringify(kitInfo, null, 2) + '\n');
  writeFileSync(join(staging, 'kit-id'), `${id}\n`);
  writeFileSync(join(staging, 'README.md'), kitReadme(kitInfo));
  copyFileSync(join(repoRoot, 'scripts/gpu-kit/run.sh'), join(staging, 'run.sh'));
  chmodSync(join(staging, 'run.sh'), 0o755);

  const sizes = readdirSync(staging, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const path = join(e.parentPath, e.name);
      return { name: path.slice(staging.length + 1), bytes: statSync(path).size };
    });
  console.log(formatSizes(sizes));
  const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
  if (total > KIT_LIMIT_BYTES) {
    throw new Error(`The kit is ${total} bytes, over the ${KIT_LIMIT_BYTES}-byte (60 MiB) limit.`);
  }
  rmSync(kitDir, { recursive: true, force: true });
  renameSync(staging, kitDir);
  console.log(`gpu:kit: built .gpu-kit/ (kit ${id}, ${commit}) in ${elapsed()}`);
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  console.error(`gpu:kit: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
