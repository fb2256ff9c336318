// Faults the end-to-end tests inject into the training worker, to prove the page survives them.
// Not part of WorkerCommand: the messages are honoured only in builds made with
// ALEXNET_FAULT_HOOKS=1 (the e2e suite's, see vite.config.ts), where `__FAULT_HOOKS__` is true. In
// every other build the code that sends and obeys them is compiled out, so no URL, message or
// setting can trigger them for a user.

export type InjectedFault =
  /** `self.close()`: the worker ends without any event, as one killed for memory does. */
  | { kind: 'quiet-death' }
  /** An exception nothing catches, thrown from a task of its own. */
  | { kind: 'uncaught-error' }
  /** `GPUDevice.destroy()` on the worker's WebGPU device: the device is lost mid-whatever. */
  | { kind: 'destroy-gpu-device' }
  /** Blocks the worker's event loop for `seconds`, as a very long synchronous step would. */
  | { kind: 'hang'; seconds: number };

export interface FaultCommand {
  type: 'fault/inject';
  fault: InjectedFault;
}

export function isFaultCommand(value: unknown): value is FaultCommand {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    value.type === 'fault/inject' &&
    'fault' in value &&
    typeof value.fault === 'object' &&
    value.fault !== null
  );
}
