// The training worker's entry: a thin shell. Messages are checked by routeMessage, handled by a
// TrainingSession, and its events posted with their typed arrays transferred, not copied.

import './reportCspViolations'; // first: it must listen before the other modules run
import { fetchManifest, loadDataset, openShardCache } from '../engine';
import { isFaultCommand, transferablesOf, type WorkerEvent } from '../protocol';
import { injectFault } from './faultInjection';
import { STORED_CHANNEL } from './persistence';
import { routeMessage } from './routeMessage';
import { browserLockManager } from './trainingLock';
import { TrainingSession } from './trainingSession';

function post(event: WorkerEvent): void {
  // The DOM lib types `self` as a Window; in a worker this is DedicatedWorkerGlobalScope.postMessage,
  // which takes the same { transfer } option.
  self.postMessage(event, { transfer: transferablesOf(event) });
}

const session = new TrainingSession({
  post,
  dataSource: {
    fetchManifest: (baseUrl, signal) => fetchManifest(baseUrl, fetch, signal),
    // Verified shards are kept in Cache Storage: a reload takes them from there.
    loadDataset: async (baseUrl, manifest, options) =>
      loadDataset(baseUrl, manifest, { ...options, cache: await openShardCache() }),
  },
  // Shared with the other tabs of this app: one tab trains at a time (trainingLock.ts).
  storage: {
    locks: browserLockManager(),
    channel: typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(STORED_CHANNEL),
  },
});

self.addEventListener('message', (event: MessageEvent<unknown>) => {
  // Test builds only (src/protocol/faults.ts): a constant false elsewhere, so this is compiled out.
  if (__FAULT_HOOKS__ && isFaultCommand(event.data)) {
    injectFault(event.data.fault, session.gpuDevice);
    return;
  }
  void routeMessage(event.data, (cmd) => session.handle(cmd), post);
});

// The session turns its own failures into events; this catches anything that still escapes.
self.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  const reason: unknown = event.reason;
  post({
    type: 'error',
    scope: 'protocol',
    fatal: false,
    message: `Unexpected worker error: ${reason instanceof Error ? reason.message : String(reason)}`,
  });
});
