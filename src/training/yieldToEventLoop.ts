// Lets the worker handle queued messages (pause, stop, predict) between training steps.
//
// Not setTimeout(0): browsers clamp nested timers to >= 4 ms, which would cap a fast GPU at 250
// steps/s and idle it between steps. Not scheduler.yield(): its continuation is prioritised over
// ordinary tasks, so incoming messages could wait. A MessageChannel message is an ordinary task
// queued behind any message already waiting for the worker.

let channel: MessageChannel | undefined;
const waiting: (() => void)[] = [];

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') {
      // Node (unit tests): a macrotask after pending I/O and timers, and it lets the process exit.
      setImmediate(resolve);
      return;
    }
    if (typeof MessageChannel === 'undefined') {
      setTimeout(resolve, 0);
      return;
    }
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => waiting.shift()?.();
    }
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}
