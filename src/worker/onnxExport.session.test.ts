// Export ONNX through the worker's request path: after training, mid-run (paused, and running), after
// Load model, and with no model; each file is run in ONNX Runtime against the session's own predict.

import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/cpuBackend';
import { type Harness, readySession, tinyConfig } from './testing/sessionHarness';
import { NO_MODEL_TO_EXPORT } from './trainingSession';

const CONFIG = tinyConfig({ seed: 5 });
/** The bound; the unit test of the file (src/engine/onnxExport.test.ts) measures ~5e-7. */
const BOUND = 1e-4;

beforeAll(useCpuBackend);

const picture = () => new Float32Array(784).map((_, i) => (i % 29) / 28);

/** The last exported file's probabilities for `picture`, and the session's own prediction. */
async function exportedAndPredicted(h: Harness) {
  await h.send({ type: 'predict', pixels: picture() });
  const predicted = h.ofType('prediction').at(-1)!.probabilities;
  const exported = h.ofType('onnxFile').at(-1)!;
  const session = await ort.InferenceSession.create(
    new Uint8Array(await exported.file.arrayBuffer()),
  );
  const out = await session.run({ image: new ort.Tensor('float32', picture(), [1, 1, 28, 28]) });
  await session.release();
  const fromFile = out.probabilities!.data as Float32Array;
  return { exported, difference: Math.max(...fromFile.map((v, i) => Math.abs(v - predicted[i]!))) };
}

describe('Export ONNX request', () => {
  it('says there is no model yet, then exports the trained one', async () => {
    const h = await readySession();
    await h.send({ type: 'exportOnnx', id: 40 });
    expect(h.ofType('error')).toEqual([
      { type: 'error', id: 40, scope: 'storage', fatal: false, message: NO_MODEL_TO_EXPORT },
    ]);
    await h.send({ type: 'train', config: CONFIG });
    await h.send({ type: 'exportOnnx', id: 41 });
    const { exported, difference } = await exportedAndPredicted(h);
    expect(exported).toMatchObject({
      id: 41,
      fileName: 'alexnet-mini.onnx',
      epochsDone: 1,
      duringRun: null,
    });
    expect(difference).toBeLessThanOrEqual(BOUND);
  });

  it('exports mid-run with the last finished step and says so; the run goes on', async () => {
    const h = await readySession();
    const run = h.send({ type: 'train', config: { ...CONFIG, trainImages: 96 } }); // 6 steps
    await h.until(() => h.ofType('batch').length > 0, 'the first batch report');
    await h.send({ type: 'exportOnnx', id: 50 });
    expect(h.ofType('onnxFile')[0]).toMatchObject({ id: 50, epochsDone: 0 });
    expect(h.ofType('onnxFile')[0]?.duringRun?.epoch).toBe(1);
    expect(h.ofType('onnxFile')[0]?.duringRun?.imagesDone).toBeGreaterThan(0);

    // Paused, the weights stand still: the file and the prediction must agree.
    await h.send({ type: 'pause' });
    await h.send({ type: 'exportOnnx', id: 51 });
    const { difference } = await exportedAndPredicted(h);
    expect(difference).toBeLessThanOrEqual(BOUND);
    await h.send({ type: 'resume' });
    await run;
    expect(h.ofType('done')).toEqual([{ type: 'done', reason: 'finished' }]);
    expect(h.ofType('error')).toEqual([]);
  });

  it('exports a model made from loaded files', async () => {
    const trained = await readySession();
    await trained.send({ type: 'train', config: CONFIG });
    await trained.send({ type: 'saveModel' });
    const saved = trained.ofType('modelFiles')[0]!;
    const h = await readySession();
    await h.send({
      type: 'loadModel',
      files: [
        { name: 'model.json', bytes: new TextEncoder().encode(saved.modelJson).buffer },
        { name: saved.weightsFile, bytes: saved.weights },
      ],
    });
    await h.send({ type: 'exportOnnx', id: 60 });
    const { exported, difference } = await exportedAndPredicted(h);
    expect(exported).toMatchObject({ id: 60, epochsDone: 1, duringRun: null });
    expect(difference).toBeLessThanOrEqual(BOUND);
  });
});
