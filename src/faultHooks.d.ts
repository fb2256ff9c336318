/** True only in builds made with ALEXNET_FAULT_HOOKS=1 (the e2e suite's): see src/protocol/faults.ts. */
declare const __FAULT_HOOKS__: boolean;
