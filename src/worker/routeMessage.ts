// The worker's message check: a known command goes to the session, anything else is answered with a
// protocol error instead of being trusted (no cast of event.data).

import { isWorkerCommand, type WorkerCommand, type WorkerEvent } from '../protocol';

export function routeMessage(
  data: unknown,
  handle: (cmd: WorkerCommand) => Promise<void>,
  post: (event: WorkerEvent) => void,
): Promise<void> {
  if (isWorkerCommand(data)) return handle(data);
  const type =
    typeof data === 'object' && data !== null && 'type' in data
      ? `"${String(data.type)}"`
      : `a message without a type (${typeof data})`;
  post({ type: 'error', scope: 'protocol', fatal: false, message: `Unknown message: ${type}.` });
  return Promise.resolve();
}
