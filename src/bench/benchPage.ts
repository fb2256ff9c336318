// The benchmark page: runs the case in the query string, loop first then bare, each in a fresh
// worker, and leaves the result on `window.benchResult` for scripts/bench.ts to collect.

import { DATA_DIR } from '../protocol';
import { benchCaseFromQuery, isBenchReply, type BenchMode } from './benchProtocol';
import type { BenchResult, StepTiming } from './benchTypes';
import type { BackendInfo } from '../protocol';

declare global {
  interface Window {
    benchResult?: BenchResult;
  }
}

const logElement = document.getElementById('log');
const log = (text: string) => {
  if (logElement) logElement.textContent += text + '\n';
};

function runInWorker(mode: BenchMode): Promise<{ backend: BackendInfo; timing: StepTiming }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
    const finish = () => worker.terminate();
    worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = event.data;
      if (!isBenchReply(message)) return;
      if (message.type === 'log') log(message.text);
      else if (message.type === 'result') {
        finish();
        resolve({ backend: message.backend, timing: message.timing });
      } else {
        finish();
        reject(new Error(`${mode}: ${message.message}`));
      }
    });
    worker.addEventListener('error', (event) => {
      finish();
      reject(new Error(`${mode}: the worker crashed (${event.message})`));
    });
    worker.postMessage({
      type: 'bench',
      mode,
      benchCase,
      dataBaseUrl: `${import.meta.env.BASE_URL}${DATA_DIR}/`,
    });
  });
}

const benchCase = benchCaseFromQuery(location.search);
const result: BenchResult = { case: benchCase };
try {
  log(`case ${JSON.stringify(benchCase)}`);
  const loop = await runInWorker('loop');
  result.backend = loop.backend;
  result.loop = loop.timing;
  log(`loop: ${loop.timing.imagesPerSec.toFixed(1)} img/s`);
  const bare = await runInWorker('bare');
  result.bare = bare.timing;
  log(`bare: ${bare.timing.imagesPerSec.toFixed(1)} img/s`);
  result.loopToBareRatio = loop.timing.imagesPerSec / bare.timing.imagesPerSec;
} catch (error) {
  result.error = error instanceof Error ? error.message : String(error);
  log(`failed: ${result.error}`);
}
window.benchResult = result;
