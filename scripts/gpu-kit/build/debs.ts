// The shared libraries the kit brings, from Debian's packages (fetched with `apt-get download` at
// kit-build time, unpacked with `dpkg -x`): the Vulkan loader Dawn opens (libvulkan1), the GL
// vendor-neutral libraries the NVIDIA Vulkan driver (libGLX_nvidia) links against, with the X
// libraries they need, and xz for run.sh to unpack the rest with.

import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Vulkan loader, GLVND (libGLdispatch is what libGLX_nvidia needs first), and their X libraries. */
export const LIBRARY_PACKAGES = [
  'libvulkan1',
  'libglvnd0',
  'libegl1',
  'libgl1',
  'libglx0',
  'libopengl0',
  'libgles2',
  'libx11-6',
  'libxext6',
  'libxcb1',
  'libxau6',
  'libxdmcp6',
  'libbsd0',
  'libmd0',
];
/** xz and its library: run.sh unpacks the kit with them where the machine has no xz. */
export const XZ_PACKAGES = ['xz-utils', 'liblzma5'];

const LIB_DIRS = ['usr/lib/x86_64-linux-gnu', 'lib/x86_64-linux-gnu'];
const SONAME = /^lib[\w+.-]+\.so\.\d+$/;

function aptGet(args: string[], cwd: string): void {
  execFileSync('apt-get', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Downloads the packages' .deb files into `cacheDir` (once). On a machine whose package lists were
 * never fetched (a fresh container), fetches them into a private folder first: nothing system-wide
 * changes.
 */
export function downloadDebs(packages: readonly string[], cacheDir: string): string[] {
  mkdirSync(cacheDir, { recursive: true });
  const have = () => readdirSync(cacheDir).filter((f) => f.endsWith('.deb'));
  const isCached = (p: string) => have().some((f) => f.startsWith(`${p}_`));
  const wanted = packages.filter((p) => !isCached(p));
  if (wanted.length > 0) {
    const amd64 = ['-o', 'APT::Architecture=amd64', '-o', 'APT::Architectures=amd64'];
    try {
      aptGet(['download', ...amd64, ...wanted], cacheDir);
    } catch {
      const lists = mkdtempSync(join(tmpdir(), 'gpu-kit-apt-'));
      mkdirSync(join(lists, 'partial'));
      const own = [...amd64, '-o', `Dir::State::Lists=${lists}`];
      console.log('  apt-get download failed: fetching package lists into a private folder first');
      aptGet(['update', '-qq', ...own], cacheDir);
      aptGet(['download', ...own, ...wanted], cacheDir);
    }
  }
  return packages.map((p) => {
    const file = have().find((f) => f.startsWith(`${p}_`));
    if (!file) throw new Error(`apt-get download did not fetch ${p}.`);
    return join(cacheDir, file);
  });
}

/**
 * Unpacks the .deb files and copies each shared library under its soname (symbolic links
 * resolved) into `libDir`; returns the names copied.
 */
export function extractLibraries(debs: readonly string[], libDir: string): string[] {
  const root = mkdtempSync(join(tmpdir(), 'gpu-kit-debs-'));
  for (const deb of debs) execFileSync('dpkg', ['-x', deb, root]);
  mkdirSync(libDir, { recursive: true });
  const copied: string[] = [];
  for (const dir of LIB_DIRS.map((d) => join(root, d)).filter((d) => existsSync(d))) {
    for (const name of readdirSync(dir).filter((n) => SONAME.test(n))) {
      copyFileSync(realpathSync(join(dir, name)), join(libDir, name));
      copied.push(name);
    }
  }
  return copied.sort();
}

/** Unpacks xz and liblzma.so.5 into `dir`. */
export function extractXz(debs: readonly string[], dir: string): void {
  const root = mkdtempSync(join(tmpdir(), 'gpu-kit-xz-'));
  for (const deb of debs) execFileSync('dpkg', ['-x', deb, root]);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(root, 'usr/bin/xz'), join(dir, 'xz'));
  const lib = LIB_DIRS.map((d) => join(root, d, 'liblzma.so.5')).find((p) => existsSync(p));
  if (!lib) throw new Error('liblzma.so.5 is not in the liblzma5 package.');
  copyFileSync(realpathSync(lib), join(dir, 'liblzma.so.5'));
}

/** Package names and versions, from the .deb file names (name_version_arch.deb). */
export function debVersions(debs: readonly string[]): string[] {
  return debs.map((d) => {
    const [name, version] = (d.split('/').at(-1) ?? '').split('_');
    return `${name} ${decodeURIComponent(version ?? '?')}`;
  });
}
