// Test helper: stands in for a WebGPU device (Node has none here) while tfjs computes on the CPU.
// It raises the events a real one raises when a buffer cannot be allocated or the device goes away,
// and counts `destroy()` calls, so a test sees whether the GPU watch was released.

import * as tf from '@tensorflow/tfjs';
import type { SelectedBackend } from '../../runtime/backendSelection';

export class FakeGpuDevice extends EventTarget {
  destroyed = 0;
  private loseDevice: (info: { reason: string; message: string }) => void = () => {};
  readonly lost = new Promise<{ reason: string; message: string }>((resolve) => {
    this.loseDevice = resolve;
  });

  destroy(): void {
    this.destroyed++;
    this.loseDevice({ reason: 'destroyed', message: 'Device was destroyed.' });
  }

  raiseOutOfMemory(): void {
    class GPUOutOfMemoryError extends Error {}
    const event = Object.assign(new Event('uncapturederror'), {
      error: new GPUOutOfMemoryError('Failed to allocate 143 MB.'),
    });
    this.dispatchEvent(event);
  }

  /** What a destroyed device does to a step in flight: its pending read fails. */
  cutOffRead(): void {
    const event = Object.assign(new Event('uncapturederror'), {
      error: new Error(
        "Failed to execute 'mapAsync' on 'GPUBuffer': Buffer was unmapped before mapping was resolved.",
      ),
    });
    this.dispatchEvent(event);
  }

  lose(): void {
    this.loseDevice({ reason: 'unknown', message: 'GPU process crashed' });
  }

  /** A selectBackend that "starts WebGPU" on this device, computing on tfjs's CPU backend. */
  selectBackend(): () => Promise<SelectedBackend> {
    return async () => {
      if (!(await tf.setBackend('cpu'))) throw new Error('The tfjs CPU backend did not start.');
      return {
        info: {
          name: 'webgpu',
          fallbackReasons: [],
          isSoftware: false,
          kernels: { mode: 'own', own: [] },
        },
        device: this as unknown as GPUDevice,
      };
    };
  }
}
