// The page's half of fault injection for the e2e suite (src/protocol/faults.ts): a window property
// through which a test asks the current worker to fail. Called only under `if (__FAULT_HOOKS__)`.

import type { FaultCommand, InjectedFault } from '../protocol';
import type { WorkerEndpoint } from './TrainerClient';

export interface FaultHooks {
  inject(fault: InjectedFault): void;
}

declare global {
  interface Window {
    /** Present only in fault-hook builds. */
    __alexnetFaults?: FaultHooks;
  }
}

/** Points `window.__alexnetFaults` at `worker` (the newest worker wins, as after a restart). */
export function exposeFaultHooks(worker: WorkerEndpoint): void {
  window.__alexnetFaults = {
    inject: (fault) => {
      const command: FaultCommand = { type: 'fault/inject', fault };
      worker.postMessage(command, []);
    },
  };
}
