// The benchmark's worker. 'loop' drives the app's own TrainingSession (the code the training worker
// runs, its Engine included, on the real shards); 'bare' starts the same Engine (backend and
// kernels) and steps a plain tfjs model on the same model and batch. Each mode runs in a fresh
// worker, so neither inherits the other's compiled shaders.

import * as tf from '@tensorflow/tfjs';
import { fetchManifest, loadDataset } from '../data/shardLoader';
import { Engine } from '../engine/engine';
import { createBareTrainingStep } from '../training/trainingStep';
import { REFERENCE_CONFIG, type BackendInfo, type WorkerEvent } from '../protocol';
import { TrainingSession } from '../worker/trainingSession';
import { isBenchRequest, type BenchReply, type BenchRequest } from './benchProtocol';
import { summariseSteps, type StepMark } from './stepClock';

function reply(message: BenchReply): void {
  self.postMessage(message);
}

const mark = (imagesDone: number): StepMark => ({
  imagesDone,
  at: performance.now(),
  bytes: tf.memory().numBytes,
});

async function runLoop({ benchCase, dataBaseUrl }: BenchRequest): Promise<void> {
  const marks: StepMark[] = [];
  let backend: BackendInfo | undefined;
  let failure: string | undefined;
  const onEvent = (event: WorkerEvent) => {
    if (event.type === 'ready') backend = event.backend;
    else if (event.type === 'batch') marks.push(mark(event.imagesDone));
    else if (event.type === 'error') failure ??= `${event.scope}: ${event.message}`;
  };
  const session = new TrainingSession({
    post: onEvent,
    profileSteps: benchCase.profile !== false,
    dataSource: {
      fetchManifest: (baseUrl, signal) => fetchManifest(baseUrl, fetch, signal),
      loadDataset,
    },
  });
  await session.handle({
    type: 'init',
    id: 1,
    backend: benchCase.backend,
    kernels: benchCase.kernels,
  });
  reply({ type: 'log', text: `loop: backend ${backend?.name ?? '?'}, loading shards` });
  await session.handle({ type: 'loadData', id: 2, baseUrl: dataBaseUrl });
  if (failure || !backend) throw new Error(failure ?? 'The session did not report a backend.');
  const start = performance.now();
  await session.handle({
    type: 'train',
    id: 3,
    config: {
      ...REFERENCE_CONFIG,
      model: benchCase.model,
      batchSize: benchCase.batchSize,
      epochs: 1,
      trainImages: benchCase.batchSize * (benchCase.warmup + benchCase.steps),
      // Evaluation is not part of the measurement: keep it to one batch.
      testImages: benchCase.batchSize,
    },
  });
  if (failure) throw new Error(failure);
  const timing = summariseSteps(start, marks, benchCase.warmup * benchCase.batchSize);
  reply({ type: 'result', mode: 'loop', backend, timing });
}

async function runBare({ benchCase }: BenchRequest): Promise<void> {
  const engine = await Engine.start({ backend: benchCase.backend, kernels: benchCase.kernels });
  const { info } = engine;
  reply({ type: 'log', text: `bare: backend ${info.name}, ${benchCase.kernels} kernels` });
  // Like the loop's, the first-step clock includes building the model.
  const start = performance.now();
  let bare: ReturnType<typeof createBareTrainingStep> | undefined;
  const marks: StepMark[] = [];
  try {
    bare = createBareTrainingStep(benchCase.model, benchCase.batchSize);
    for (let step = 1; step <= benchCase.warmup + benchCase.steps; step++) {
      await bare.step();
      marks.push(mark(step * benchCase.batchSize));
    }
    const timing = summariseSteps(start, marks, benchCase.warmup * benchCase.batchSize);
    reply({ type: 'result', mode: 'bare', backend: info, timing });
  } finally {
    bare?.dispose();
    engine.dispose();
  }
}

self.addEventListener('message', (event: MessageEvent<unknown>) => {
  const request = event.data;
  if (!isBenchRequest(request)) return;
  const run = request.mode === 'loop' ? runLoop(request) : runBare(request);
  run.catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    reply({ type: 'failed', mode: request.mode, message });
  });
});
