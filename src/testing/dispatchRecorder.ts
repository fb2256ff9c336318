// Counts GPU compute dispatches (and keeps their workgroup counts) by wrapping
// GPUComputePassEncoder's dispatch methods: how many dispatches a training step makes is a property
// of the code, the same on every GPU, unlike its timing. Node only (Dawn's globals must be installed).

type Workgroups = [number, number, number];

export class DispatchRecorder {
  /** Workgroup counts of each direct dispatch since the last reset; indirect ones count as [0, 0, 0]. */
  readonly dispatches: Workgroups[] = [];
  private restore: (() => void) | null = null;

  /** Starts recording; throws when there is no WebGPU implementation to wrap. */
  static start(): DispatchRecorder {
    const recorder = new DispatchRecorder();
    const encoderClass = (
      globalThis as { GPUComputePassEncoder?: { prototype: GPUComputePassEncoder } }
    ).GPUComputePassEncoder;
    if (!encoderClass) throw new Error('No GPUComputePassEncoder: start WebGPU (Dawn) first.');
    const proto = encoderClass.prototype;
    // The originals are called with the encoder as `this`, below.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const direct = proto.dispatchWorkgroups;
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const indirect = proto.dispatchWorkgroupsIndirect;
    const dispatches = recorder.dispatches;
    proto.dispatchWorkgroups = function (this: GPUComputePassEncoder, x: number, y = 1, z = 1) {
      dispatches.push([x, y, z]);
      direct.call(this, x, y, z);
    };
    proto.dispatchWorkgroupsIndirect = function (
      this: GPUComputePassEncoder,
      buffer: GPUBuffer,
      offset: number,
    ) {
      dispatches.push([0, 0, 0]);
      indirect.call(this, buffer, offset);
    };
    recorder.restore = () => {
      proto.dispatchWorkgroups = direct;
      proto.dispatchWorkgroupsIndirect = indirect;
    };
    return recorder;
  }

  get count(): number {
    return this.dispatches.length;
  }

  reset(): void {
    this.dispatches.length = 0;
  }

  stop(): void {
    this.restore?.();
    this.restore = null;
  }
}
