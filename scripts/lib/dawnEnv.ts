// Where Dawn (npm `webgpu`) finds a Vulkan driver on a machine without a GPU: Chromium's copy of the
// Vulkan loader and its SwiftShader ICD. Dawn reads LD_LIBRARY_PATH once, at process start, so this
// is applied to the environment of processes about to be started (vitest's forks, the trainer's
// child), never to a running one.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM_LIB_DIR = '/usr/lib/chromium';
const SWIFTSHADER_ICD = join(CHROMIUM_LIB_DIR, 'vk_swiftshader_icd.json');

/** True when Chromium's Vulkan loader and SwiftShader ICD are installed (Debian's `chromium`). */
export function hasChromiumSwiftShader(): boolean {
  return existsSync(join(CHROMIUM_LIB_DIR, 'libvulkan.so.1')) && existsSync(SWIFTSHADER_ICD);
}

/**
 * The environment that gives Dawn the SwiftShader adapter: LD_LIBRARY_PATH gets Chromium's library
 * folder (kept in front of what was there) and VK_ICD_FILENAMES its SwiftShader ICD. Unchanged when
 * Chromium is not installed.
 */
export function swiftShaderEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (!hasChromiumSwiftShader()) return env;
  const paths = (env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean);
  return {
    ...env,
    LD_LIBRARY_PATH: [CHROMIUM_LIB_DIR, ...paths.filter((p) => p !== CHROMIUM_LIB_DIR)].join(':'),
    VK_ICD_FILENAMES: SWIFTSHADER_ICD,
  };
}

/** A Linux GPU shows up as an NVIDIA device node or a DRM render node. */
export function machineHasGpu(): boolean {
  if (existsSync('/dev/nvidia0')) return true;
  try {
    return readdirSync('/dev/dri').some((name) => name.startsWith('renderD'));
  } catch {
    return false;
  }
}

/**
 * Set in a process's environment once its Vulkan library path is settled (by the GPU kit's run.sh,
 * or by a script that re-spawned itself with swiftShaderEnv), so it is not re-spawned again.
 */
export const DAWN_ENV_MARKER = 'ALEXNET_DAWN_ENV';

/**
 * The environment a Node script that uses Dawn should re-spawn itself with, or null to go on as it
 * is: when the environment is already settled, when the machine has a GPU (its own Vulkan driver is
 * found the usual way), or when there is no SwiftShader to point at.
 */
export function dawnRespawnEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv | null {
  if (env[DAWN_ENV_MARKER] || machineHasGpu() || !hasChromiumSwiftShader()) return null;
  return { ...swiftShaderEnv(env), [DAWN_ENV_MARKER]: 'swiftshader' };
}
