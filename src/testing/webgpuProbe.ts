// Run by webgpu.node.test.ts in a child process (Dawn needs LD_LIBRARY_PATH set at process start):
// starts the app's WebGPU backend selection on Dawn's SwiftShader adapter, checks the GPU-side byte
// unpacking and a forward pass, and provokes the GPU errors GpuHealth must catch. Prints one JSON line.

import { PLAIN_RECIPE_OPTIONS } from '../protocol';
import { installDawnGpu } from '../tools/dawnGpu';

await installDawnGpu();

const tf = await import('@tensorflow/tfjs');
const { selectBackend } = await import('../runtime/backendSelection');
const { GpuImageSet } = await import('../training/gpuImages');
const { GpuHealth } = await import('../runtime/gpuHealth');
const { describeError } = await import('../runtime/errorMessages');
const { Trainer } = await import('../training/trainer');
const { syntheticImages } = await import('../tools/syntheticImages');

tf.enableProdMode();
const selected = await selectBackend('webgpu');
const device = selected.device;
if (!device) throw new Error('selectBackend gave no device');
const lost: string[] = [];
let lostReported = (): void => {};
const lossReport = new Promise<void>((resolve) => (lostReported = resolve));
const health = new GpuHealth(device, (failure) => {
  lost.push(failure.message);
  lostReported();
});

// Unpack on the GPU: every byte must come back as byte / 255.
const data = syntheticImages(6, 5);
const set = GpuImageSet.upload(data);
const batch = set.gather(tf.tensor1d([5, 0, 3], 'int32'));
const pixels = await batch.images.data();
const expected = [5, 0, 3].flatMap((i) =>
  Array.from(data.images.subarray(i * 784, (i + 1) * 784), (b) => b / 255),
);
const unpackError = Math.max(...expected.map((v, i) => Math.abs(v - (pixels[i] ?? NaN))));
const labels = Array.from(await batch.labels.data());

// One prediction through alexnet-mini.
const tensorsBefore = tf.memory().numTensors;
const trainer = new Trainer(
  {
    model: 'alexnet-mini',
    epochs: 1,
    batchSize: 2,
    learningRate: 0.001,
    trainImages: 6,
    testImages: 6,
    seed: 1,
    ...PLAIN_RECIPE_OPTIONS,
  },
  { train: set, test: set },
  'own',
);
const probabilities = await trainer.predict(new Float32Array(784).fill(0.5), 1);
const probabilitySum = probabilities.reduce((a, b) => a + b, 0);

// Three training steps and an evaluation, through the same loop as in the browser.
const trainStart = performance.now();
const epochs: unknown[] = [];
const reason = await trainer.run(
  { onProgress: () => {}, onEpoch: (m) => void epochs.push(m) },
  { shouldStop: () => false, waitIfPaused: () => Promise.resolve() },
);
const trainSeconds = (performance.now() - trainStart) / 1000;
trainer.dispose();
const leaked = tf.memory().numTensors - tensorsBefore;

// A buffer over the device's limit: tfjs would not notice, GpuHealth must.
device.createBuffer({ size: device.limits.maxBufferSize * 2, usage: GPUBufferUsage.STORAGE });
await device.queue.onSubmittedWorkDone();
const failure = health.takeFailure();

// A lost device (destroyed behind GpuHealth's back, as a driver reset would).
// Waits for GpuHealth's report itself; if it never comes, the test's timeout names the hang.
device.destroy();
await lossReport;

console.log(
  JSON.stringify({
    backend: selected.info,
    unpackError,
    labels,
    expectedLabels: [5, 0, 3].map((i) => data.labels[i]),
    probabilitySum,
    reason,
    epochs,
    leaked,
    trainSeconds,
    failure,
    failureMessage: failure && describeError(failure, { model: 'alexnet', batchSize: 128 }).message,
    lost,
  }),
);
process.exit(0);
