// Dawn (npm `webgpu`, the engine of Chrome's WebGPU) as navigator.gpu in a Node process, so
// tfjs's WebGPU backend and the app's selectBackend run unchanged. Imported lazily: the CPU backend
// never loads dawn.node. In the GPU kit's bundle, `webgpu` loads dawn.node from beside the bundle
// (dist/linux-x64/dawn.node), not from node_modules.

/** Counts compute dispatches (GPUComputePassEncoder.dispatchWorkgroups calls) once installed. */
export interface DispatchCounter {
  readonly count: number;
}

let counter: { count: number } | null = null;

/** Puts Dawn's navigator.gpu and WebGPU globals in place (once) and counts dispatches from then on. */
export async function installDawn(): Promise<DispatchCounter> {
  if (counter) return counter;
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  Object.defineProperty(globalThis, 'navigator', {
    value: { gpu: create([]) },
    configurable: true,
  });
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
