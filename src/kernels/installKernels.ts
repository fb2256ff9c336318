// Chooses, per backend, between tfjs's stock kernels and this project's own ones, under tfjs's own
// kernel names, so everything above (layers, gradients, optimizers) picks them up unchanged.
// 'stock' keeps tfjs as shipped, one switch away for comparison and as a fallback.
//
// The stock kernel is kept aside the first time a name is replaced, so switching back and forth
// (the benchmarks do, within one process) always restores the original.

import * as tf from '@tensorflow/tfjs';
import type { KernelMode } from '../protocol/backend';
import { CPU_FIXES, cpuKernelConfigs } from './cpu/register';
import { webgpuKernelConfigs } from './webgpu/register';

const stockKernels = new Map<string, tf.KernelConfig | undefined>();
const key = (backend: string, kernelName: string) => `${backend}/${kernelName}`;

/** tfjs's original kernel for `kernelName` on `backend`, even after an own one replaced it. */
export function stockKernel(backend: string, kernelName: string): tf.KernelConfig | undefined {
  const k = key(backend, kernelName);
  if (!stockKernels.has(k)) stockKernels.set(k, tf.getKernel(kernelName, backend));
  return stockKernels.get(k);
}

const ownByBackend = new Map<string, tf.KernelConfig[]>();

/** Made once per backend, so re-installing registers the same functions. */
function ownKernels(backend: string): tf.KernelConfig[] {
  let configs = ownByBackend.get(backend);
  if (!configs) {
    configs = makeOwnKernels(backend);
    ownByBackend.set(backend, configs);
  }
  return configs;
}

function makeOwnKernels(backend: string): tf.KernelConfig[] {
  switch (backend) {
    case 'cpu':
      return cpuKernelConfigs((name) => stockKernel('cpu', name));
    case 'webgpu':
      return webgpuKernelConfigs((name) => stockKernel('webgpu', name));
    default:
      return []; // WebGL runs tfjs's kernels as shipped.
  }
}

/** Kernel names this project replaces on `backend` in 'own' mode. */
export function ownKernelNames(backend: string): string[] {
  return ownKernels(backend).map((k) => k.kernelName);
}

/**
 * The mode the ops run in on `backend` for the mode asked: WebGL has no own kernels, so its ops run
 * tfjs's ('stock') whatever was asked; WebGPU and the CPU backend run what was asked.
 */
export function opsKernelMode(backend: string, asked: KernelMode): KernelMode {
  return backend === 'webgl' ? 'stock' : asked;
}

const installedModes = new Map<string, KernelMode>();

/**
 * The mode `installKernels` last put in place on `backend` ('own' before any). Only for tools that
 * swap the registry between timings or checks of one op (the kernel checks, the op bench) and must
 * hand the ops the same mode: the app's ops are given the engine's mode and never ask this.
 */
export function installedKernelMode(backend: string): KernelMode {
  return installedModes.get(backend) ?? 'own';
}

/**
 * Registers `backend`'s own kernels ('own') or puts tfjs's back ('stock'). Idempotent, and callable
 * before the backend starts (tfjs keys kernels by backend name). Kernels with no stock twin (custom
 * ops such as a GPU dropout) are unregistered in 'stock' mode: their ops then use stock tfjs ops.
 * Returns the names of the own kernels now active.
 */
export function installKernels(backend: string, mode: KernelMode): string[] {
  installedModes.set(backend, mode);
  const active: string[] = [];
  for (const own of ownKernels(backend)) {
    const stock = stockKernel(backend, own.kernelName);
    const useOwn = mode === 'own' || (backend === 'cpu' && CPU_FIXES.has(own.kernelName));
    if (tf.getKernel(own.kernelName, backend)) tf.unregisterKernel(own.kernelName, backend);
    if (useOwn) {
      tf.registerKernel(own);
      active.push(own.kernelName);
    } else if (stock) {
      tf.registerKernel(stock);
    }
  }
  return active;
}
