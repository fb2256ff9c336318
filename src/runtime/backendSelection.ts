// Picks the tfjs backend: WebGPU first, then WebGL, then CPU (never WASM: no Conv2DBackpropFilter),
// and says what it got and why anything before it failed.
//
// The WebGPU adapter and device are requested here rather than by tfjs's own factory, which swallows
// the reason of a failure (setBackend just returns false) and drops the adapter, whose info and
// fallback flag the app shows. The device is then handed to tfjs's WebGPUBackend.

import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { AdapterInfo, AdapterLimits, BackendInfo, BackendName, KernelMode } from '../protocol';
import { BACKEND_PREFERENCE } from '../protocol';
import { installKernels } from '../kernels/installKernels';

export class BackendError extends Error {
  override name = 'BackendError';
}

export interface SelectedBackend {
  info: BackendInfo;
  /** The WebGPU device when `info.name` is 'webgpu', to watch for loss and GPU-side errors. */
  device?: GPUDevice;
}

const SOFTWARE_NAMES = /swiftshader|llvmpipe|softpipe|software|basic render|microsoft basic/i;

/** True for adapters that run on the CPU: flagged as fallback, or SwiftShader-like by name. */
export function isSoftwareAdapter(info: AdapterInfo): boolean {
  return (
    info.isFallbackAdapter ||
    [info.vendor, info.architecture, info.device, info.description].some((s) =>
      SOFTWARE_NAMES.test(s),
    )
  );
}

/** GPUAdapterInfo as a plain object; `isFallbackAdapter` moved from the adapter to its info in 2024. */
export function describeAdapter(adapter: GPUAdapter): AdapterInfo {
  const info = adapter.info;
  const legacyFlag = (adapter as { isFallbackAdapter?: unknown }).isFallbackAdapter;
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter: info.isFallbackAdapter === true || legacyFlag === true,
  };
}

function describeLimits(limits: GPUSupportedLimits): AdapterLimits {
  return {
    maxBufferSize: limits.maxBufferSize,
    maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
    maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
    maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
  };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function startWebGpu(): Promise<SelectedBackend> {
  const gpu = typeof navigator === 'undefined' ? undefined : navigator.gpu;
  if (!gpu)
    throw new BackendError(
      'WebGPU: this browser has no navigator.gpu (WebGPU is off or unsupported).',
    );
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new BackendError('WebGPU: no adapter was found (GPU blocklisted or absent).');
  const { limits } = adapter;
  let device: GPUDevice;
  try {
    // The adapter's maximum limits, as tfjs's own factory asks: AlexNet's conv1 activation at batch
    // 128 (143 MB) exceeds the 128 MiB default storage binding.
    device = await adapter.requestDevice({
      requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
      requiredLimits: {
        maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
        maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
        maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
        maxBufferSize: limits.maxBufferSize,
        maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
        maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
      },
    });
  } catch (error) {
    throw new BackendError(`WebGPU: the device request failed (${messageOf(error)}).`);
  }
  const adapterInfo = describeAdapter(adapter);
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', () => new WebGPUBackend(device, adapter.info), 3);
  if (!(await tf.setBackend('webgpu'))) {
    device.destroy();
    throw new BackendError('WebGPU: tfjs could not start its WebGPU backend on this device.');
  }
  return {
    device,
    info: {
      name: 'webgpu',
      adapter: adapterInfo,
      limits: describeLimits(device.limits),
      fallbackReasons: [],
      isSoftware: isSoftwareAdapter(adapterInfo),
      kernels: { mode: 'own', own: [] },
    },
  };
}

/** The WebGL renderer string, e.g. "ANGLE (..., SwiftShader ...)", when the backend exposes it. */
function webglRenderer(): string {
  const backend: unknown = tf.backend();
  if (typeof backend !== 'object' || backend === null || !('gpgpu' in backend)) return '';
  const { gpgpu } = backend;
  if (typeof gpgpu !== 'object' || gpgpu === null || !('gl' in gpgpu)) return '';
  const gl = gpgpu.gl;
  if (!(typeof WebGL2RenderingContext !== 'undefined' && gl instanceof WebGL2RenderingContext)) {
    return '';
  }
  const value: unknown = gl.getParameter(gl.RENDERER);
  return typeof value === 'string' ? value : '';
}

async function startTfjsBackend(name: 'webgl' | 'cpu'): Promise<SelectedBackend> {
  if (!tf.findBackendFactory(name)) {
    throw new BackendError(
      `${name === 'webgl' ? 'WebGL' : 'CPU'}: not available in this environment.`,
    );
  }
  if (!(await tf.setBackend(name))) {
    throw new BackendError(
      `${name === 'webgl' ? 'WebGL' : 'CPU'}: tfjs could not start it (no WebGL2 context?).`,
    );
  }
  const isSoftware = name === 'cpu' || SOFTWARE_NAMES.test(webglRenderer());
  return { info: { name, fallbackReasons: [], isSoftware, kernels: { mode: 'own', own: [] } } };
}

function start(name: BackendName): Promise<SelectedBackend> {
  return name === 'webgpu' ? startWebGpu() : startTfjsBackend(name);
}

/**
 * Starts `requested` alone when given (an error if it fails), otherwise the first of WebGPU, WebGL,
 * CPU that works, listing why the earlier ones did not; then installs the `kernels` mode's kernels.
 */
export async function selectBackend(
  requested?: BackendName,
  kernels: KernelMode = 'own',
): Promise<SelectedBackend> {
  const candidates = requested ? [requested] : BACKEND_PREFERENCE;
  const reasons: string[] = [];
  for (const name of candidates) {
    try {
      const selected = await start(name);
      selected.info.fallbackReasons = reasons;
      selected.info.kernels = { mode: kernels, own: installKernels(name, kernels) };
      return selected;
    } catch (error) {
      reasons.push(messageOf(error));
    }
  }
  throw new BackendError(
    requested
      ? `Could not start the ${requested} backend. ${reasons.join(' ')}`
      : `No backend could be started. ${reasons.join(' ')}`,
  );
}
