import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/** Flags that give headless Chromium a real WebGPU adapter even without a GPU (SwiftShader on the
 * CPU), and keep it from calling home on a machine with no network. */
export const WEBGPU_FLAGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader',
  '--ignore-gpu-blocklist',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Dawn features the test runs turn on, in Chromium (--enable-dawn-features) and in Node's Dawn (the
 * vitest forks, through vite.config.ts). `disable_workgroup_init` skips the zeroing of workgroup
 * memory that Dawn adds to the start of every shader. On SwiftShader that zeroing is most of what a
 * pipeline costs to compile: the 60 pipelines of an alexnet-mini training step took 22 s in headless
 * Chromium with it and 6.5 s without (12.7 s and 3.2 s in Node). No kernel here reads workgroup
 * memory before writing it, so the results are the same; were one to, its tests would see garbage
 * where a user's browser gives zeros, and fail rather than pass. The app itself, the benchmarks and
 * the GPU kit run Dawn as Chrome does.
 */
export const TEST_DAWN_FEATURES = ['disable_workgroup_init'];

/** Flags for a machine with a real GPU: same, but let Chromium pick the hardware adapter. */
export const HARDWARE_WEBGPU_FLAGS = WEBGPU_FLAGS.filter((f) => !f.includes('swiftshader'));

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Debian's Chromium when installed (or CHROMIUM_PATH), else Playwright's own browser. */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  return SYSTEM_CHROMIUM.find((p) => existsSync(p));
}

/**
 * Launch options for WebGPU in Chromium: SwiftShader's adapter, or with `hardwareGpu` the machine's.
 * `forTests` adds TEST_DAWN_FEATURES (the e2e suite; never a benchmark).
 */
export function chromiumLaunchOptions(
  opts: { hardwareGpu?: boolean; forTests?: boolean } = {},
): LaunchOptions {
  const executablePath = chromiumExecutable();
  const flags = opts.hardwareGpu ? HARDWARE_WEBGPU_FLAGS : WEBGPU_FLAGS;
  const testFlags = opts.forTests ? [`--enable-dawn-features=${TEST_DAWN_FEATURES.join(',')}`] : [];
  return {
    ...(executablePath ? { executablePath } : {}),
    args: [...flags, ...testFlags],
  };
}
