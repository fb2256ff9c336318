// Watches a WebGPU device for the failures tfjs never reports: errors raised on the GPU side
// (out-of-memory, a buffer over a limit) arrive as 'uncapturederror' events while the step carries
// on with invalid buffers, and a lost device only resolves `device.lost`.

export interface GpuFailure {
  kind: 'out-of-memory' | 'validation' | 'internal' | 'device-lost';
  message: string;
}

function kindOf(error: GPUError): GpuFailure['kind'] {
  const type = error.constructor.name;
  if (type === 'GPUOutOfMemoryError') return 'out-of-memory';
  if (type === 'GPUInternalError') return 'internal';
  return 'validation';
}

export class GpuHealth {
  private failure: GpuFailure | null = null;
  private intentionallyDestroyed = false;

  /** `onLost` runs once if the device is lost for any reason other than `destroy()` below. */
  constructor(
    private readonly device: GPUDevice,
    onLost: (failure: GpuFailure) => void,
  ) {
    device.addEventListener('uncapturederror', (event) => {
      // Keep the first: later ones are usually knock-on effects of it.
      this.failure ??= { kind: kindOf(event.error), message: event.error.message };
    });
    void device.lost.then((info) => {
      if (this.intentionallyDestroyed) return;
      const failure: GpuFailure = {
        kind: 'device-lost',
        message: `${info.reason === 'destroyed' ? 'destroyed' : 'lost'}: ${info.message.replace(/\.$/, '')}`,
      };
      this.failure = failure;
      onLost(failure);
    });
  }

  /** The first failure since the last call, cleared. */
  takeFailure(): GpuFailure | null {
    const failure = this.failure;
    if (failure?.kind !== 'device-lost') this.failure = null;
    return failure;
  }

  get isLost(): boolean {
    return this.failure?.kind === 'device-lost';
  }

  destroy(): void {
    this.intentionallyDestroyed = true;
    this.device.destroy();
  }
}

/** Thrown by a training run when GpuHealth reported a failure, so the run unwinds and cleans up. */
export class GpuFailureError extends Error {
  constructor(readonly failure: GpuFailure) {
    super(failure.message);
    this.name = failure.kind === 'out-of-memory' ? 'GPUOutOfMemoryError' : 'GpuFailureError';
  }
}
