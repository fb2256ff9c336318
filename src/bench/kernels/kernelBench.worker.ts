// The benchmark worker behind the page's "Benchmark this GPU": its own tfjs and its own WebGPU
// device, so nothing it does can touch the training worker's model. The page starts one per
// benchmark and terminates it afterwards, which frees its GPU memory.

import '../../worker/reportCspViolations'; // first: it must listen before the other modules run
import type { KernelBenchCommand, KernelBenchEvent, KernelBenchUpdate } from '../../protocol';
import { kernelBenchRequestProblem } from '../../protocol';
import { runBrowserKernelBench } from './browserKernelBench';
import { selectBackend } from '../../runtime/backendSelection';

let stopAsked = false;
/** The id of the run this worker was started for (one run a worker); null before its start. */
let runId: number | null = null;

function post(update: KernelBenchUpdate): void {
  if (runId === null) return;
  const event: KernelBenchEvent = { ...update, id: runId };
  self.postMessage(event);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function start(command: Extract<KernelBenchCommand, { type: 'start' }>): Promise<void> {
  const problem = kernelBenchRequestProblem(command.request);
  if (problem) return post({ type: 'failed', message: problem });
  const backend = await selectBackend('webgpu', 'own');
  const features = backend.device ? [...backend.device.features].sort() : [];
  await runBrowserKernelBench({
    request: command.request,
    backend,
    features,
    browser: navigator.userAgent,
    cpus: navigator.hardwareConcurrency,
    stopAsked: () => stopAsked,
    post,
  });
}

self.addEventListener('message', (event: MessageEvent<KernelBenchCommand>) => {
  const command = event.data;
  if (command.type === 'stop') {
    if (command.id === runId) stopAsked = true;
    return;
  }
  if (command.type !== 'start') return;
  if (runId !== null) {
    // One run a worker (the page starts a fresh one per run): a second start is refused, not left
    // to wait for its deadline.
    const refusal: KernelBenchEvent = {
      type: 'failed',
      id: command.id,
      message: `This benchmark worker is already running benchmark ${runId}.`,
    };
    self.postMessage(refusal);
    return;
  }
  runId = command.id;
  start(command).catch((error: unknown) => post({ type: 'failed', message: messageOf(error) }));
});
