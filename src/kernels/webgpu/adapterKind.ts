// Whether tfjs's WebGPU backend runs on a CPU-emulated adapter (SwiftShader, llvmpipe, lavapipe).
// There a dispatch runs on a few CPU threads: more workgroups buy no parallelism, and each
// workgroup barrier costs a fiber switch per group of invocations, so the own split-K kernels split
// only as far as their serial-length rule requires.

import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe/i;

export function runsOnSoftwareAdapter(backend: WebGPUBackend): boolean {
  // tfjs keeps the adapter's vendor and architecture in fields its typings mark private.
  const { vendor = '', architecture = '' } = (backend.adapterInfo ?? {}) as unknown as {
    vendor?: string;
    architecture?: string;
  };
  const deviceInfo = (backend.device as { adapterInfo?: { isFallbackAdapter?: boolean } })
    .adapterInfo;
  return deviceInfo?.isFallbackAdapter === true || SOFTWARE.test(`${vendor} ${architecture}`);
}
