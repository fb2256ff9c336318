// Dawn as navigator.gpu for the scripts (src/tools/dawnGpu.ts), with its compute dispatches
// counted. In the GPU kit's bundle, `webgpu` loads dawn.node from beside the bundle
// (dist/linux-x64/dawn.node), not from node_modules.

import { installDawnGpu } from '../../src/tools/dawnGpu';

/** Counts compute dispatches (GPUComputePassEncoder.dispatchWorkgroups calls) once installed. */
export interface DispatchCounter {
  readonly count: number;
}

let counter: { count: number } | null = null;

/** Puts Dawn's navigator.gpu and WebGPU globals in place (once) and counts dispatches from then on. */
export async function installDawn(): Promise<DispatchCounter> {
  if (counter) return counter;
  const globals = await installDawnGpu();
  const dispatches = { count: 0 };
  const pass = (globals as { GPUComputePassEncoder?: { prototype: GPUComputePassEncoder } })
    .GPUComputePassEncoder?.prototype;
  if (pass) {
    const dispatch = Reflect.get(pass, 'dispatchWorkgroups') as (...args: unknown[]) => undefined;
    pass.dispatchWorkgroups = function (this: GPUComputePassEncoder, ...args) {
      dispatches.count += 1;
      Reflect.apply(dispatch, this, args);
    };
  }
  counter = dispatches;
  return dispatches;
}
