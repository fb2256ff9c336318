// Carries out a fault the e2e suite asks for (src/protocol/faults.ts). Imported by the worker entry
// only under `if (__FAULT_HOOKS__)`, so ordinary builds leave it out.

import type { InjectedFault } from '../protocol';

export function injectFault(fault: InjectedFault, gpuDevice: GPUDevice | undefined): void {
  switch (fault.kind) {
    case 'quiet-death':
      self.close();
      return;
    case 'uncaught-error':
      setTimeout(() => {
        throw new Error('Injected fault: an uncaught error in the training worker.');
      });
      return;
    case 'destroy-gpu-device':
      if (!gpuDevice)
        throw new Error('Injected fault: the worker has no WebGPU device to destroy.');
      gpuDevice.destroy();
      return;
    case 'hang': {
      const until = performance.now() + fault.seconds * 1000;
      while (performance.now() < until) {
        // Busy on purpose: nothing else runs in the worker meanwhile.
      }
      return;
    }
    default:
      fault satisfies never;
  }
}
