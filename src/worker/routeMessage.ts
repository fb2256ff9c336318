// The worker's message check: a known command whose fields pass the page's rules (commandCheck)
// goes to the session, anything else is answered with a
// protocol error instead of being trusted (no cast of event.data).

import {
  commandProblem,
  isCommandName,
  isWorkerCommand,
  type WorkerCommand,
  type WorkerEvent,
} from '../protocol';

function describeUnknown(data: unknown): string {
  if (typeof data !== 'object' || data === null || !('type' in data)) {
    return `Unknown message: a message without a type (${typeof data}).`;
  }
  const type = String(data.type);
  return isCommandName(type)
    ? `The "${type}" command has no numeric id, so it cannot be answered.`
    : `Unknown message: "${type}".`;
}

export function routeMessage(
  data: unknown,
  handle: (cmd: WorkerCommand) => Promise<void>,
  post: (event: WorkerEvent) => void,
): Promise<void> {
  if (isWorkerCommand(data)) {
    const problem = commandProblem(data);
    if (!problem) return handle(data);
    const message = `The "${data.type}" command was refused: ${problem}.`;
    post({ type: 'error', scope: 'protocol', fatal: false, id: data.id, message });
    return Promise.resolve();
  }
  post({ type: 'error', scope: 'protocol', fatal: false, message: describeUnknown(data) });
  return Promise.resolve();
}
