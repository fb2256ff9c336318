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

/** Flags for a machine with a real GPU: same, but let Chromium pick the hardware adapter. */
export const HARDWARE_WEBGPU_FLAGS = WEBGPU_FLAGS.filter((f) => !f.includes('swiftshader'));

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Debian's Chromium when installed (or CHROMIUM_PATH), else Playwright's own browser. */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  return SYSTEM_CHROMIUM.find((p) => existsSync(p));
}

export function chromiumLaunchOptions(opts: { hardwareGpu?: boolean } = {}): LaunchOptions {
  const executablePath = chromiumExecutable();
  return {
    ...(executablePath ? { executablePath } : {}),
    args: opts.hardwareGpu ? HARDWARE_WEBGPU_FLAGS : WEBGPU_FLAGS,
  };
}
