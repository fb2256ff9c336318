// The tfjs WebGPU backend an own kernel was called with.

import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

export function webgpuBackendOf(backend: object, kernelName: string): WebGPUBackend {
  if (!(backend instanceof WebGPUBackend)) {
    throw new Error(`${kernelName} was called on a backend that is not tfjs's WebGPU backend.`);
  }
  return backend;
}
