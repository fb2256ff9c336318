import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelFile } from '../protocol';
import { useCpuBackend } from '../testing/cpuBackend';
import { checkModelFiles } from '../engine';
import { createHarness, type Harness, tinyConfig } from './testing/sessionHarness';

const ONE_EPOCH = tinyConfig({ seed: 5 });

beforeAll(useCpuBackend);

async function trainedSession(): Promise<Harness> {
  const h = createHarness();
  await h.send({ type: 'init', backend: 'cpu' });
  await h.send({ type: 'loadData', baseUrl: '/data/' });
  await h.send({ type: 'train', config: ONE_EPOCH });
  return h;
}

/** The files Save model produced, as the page hands them back to Load model. */
async function savedFiles(h: Harness): Promise<ModelFile[]> {
  await h.send({ type: 'saveModel' });
  const saved = h.ofType('modelFiles').at(-1)!;
  return [
    { name: 'model.json', bytes: new TextEncoder().encode(saved.modelJson).buffer },
    { name: saved.weightsFile, bytes: saved.weights.slice(0) },
  ];
}

const picture = () => new Float32Array(784).map((_, i) => (i % 29) / 28);

async function predict(h: Harness): Promise<Float32Array> {
  await h.send({ type: 'predict', pixels: picture() });
  return h.ofType('prediction').at(-1)!.probabilities;
}

describe('Save model and Load model', () => {
  it('writes tfjs layers files that load back into a fresh worker and predict the same', async () => {
    const h = await trainedSession();
    const before = await predict(h);
    const files = await savedFiles(h);
    const json = JSON.parse(new TextDecoder().decode(files[0]!.bytes)) as Record<string, unknown>;
    expect(json).toMatchObject({
      format: 'layers-model',
      weightsManifest: [{ paths: ['./model.weights.bin'] }],
      userDefinedMetadata: { app: 'alexnet-webgpu', model: 'alexnet-mini', epochsDone: 1 },
    });
    expect(files[1]!.bytes.byteLength).toBe(163_146 * 4);

    const fresh = createHarness(); // a reloaded page: backend and data first, then the files
    await fresh.send({ type: 'init', backend: 'cpu' });
    await fresh.send({ type: 'loadData', baseUrl: '/data/' });
    // A file chosen beside the pair plays no part, and the answer does not name it as loaded.
    const extra = { name: 'notes.txt', bytes: new TextEncoder().encode('hello').buffer };
    await fresh.send({ type: 'loadModel', files: [extra, ...files] });
    expect(fresh.ofType('modelLoaded')).toEqual([
      {
        type: 'modelLoaded',
        id: fresh.lastId(),
        model: 'alexnet-mini',
        fileName: 'model.json',
        fileNames: ['model.json', 'model.weights.bin'],
        epochsDone: 1,
      },
    ]);
    expect(await predict(fresh)).toEqual(before);
    // Files loaded before the data has loaded stay the current model once it has.
    const early = createHarness();
    await early.send({ type: 'init', backend: 'cpu' });
    await early.send({ type: 'loadModel', files: await savedFiles(fresh) });
    await early.send({ type: 'loadData', baseUrl: '/data/' });
    expect(early.ofType('error')).toEqual([]);
    expect(await predict(early)).toEqual(before);
    // The loaded model can be trained further (with a fresh Adam).
    await fresh.send({ type: 'train', config: ONE_EPOCH, fromCurrentWeights: true });
    expect(fresh.ofType('done')).toEqual([{ type: 'done', reason: 'finished' }]);
    expect(fresh.ofType('error')).toEqual([]);
  });

  it('keeps the current model when the files are wrong, saying what is wrong', async () => {
    const h = await trainedSession();
    const before = await predict(h);
    const [json, weights] = await savedFiles(h);
    await h.send({
      type: 'loadModel',
      files: [json!, { ...weights!, bytes: weights!.bytes.slice(0, 1000) }],
    });
    expect(h.ofType('error').at(-1)).toMatchObject({
      scope: 'storage',
      message: 'model.weights.bin is truncated: it has 1000 bytes where model.json needs 652584.',
    });
    expect(await predict(h)).toEqual(before);
  });

  it('refuses NaN weights, and stops a run whose loss becomes infinite at that step', async () => {
    const h = await trainedSession();
    const before = await predict(h);
    const [json, weights] = await savedFiles(h);
    const filled = (value: number) =>
      new Float32Array(weights!.bytes.byteLength / 4).fill(value).buffer;
    await h.send({ type: 'loadModel', files: [json!, { ...weights!, bytes: filled(Number.NaN) }] });
    expect(h.ofType('error').at(-1)).toMatchObject({
      scope: 'storage',
      message: expect.stringMatching(
        /^model\.weights\.bin holds NaN or infinite values \(in /,
      ) as string,
    });
    expect(await predict(h)).toEqual(before);

    // Finite but absurd weights load, and their first step's loss is not finite.
    await h.send({ type: 'loadModel', files: [json!, { ...weights!, bytes: filled(1e30) }] });
    expect(h.ofType('modelLoaded')).toHaveLength(1);
    await h.send({ type: 'train', config: ONE_EPOCH, fromCurrentWeights: true });
    expect(h.ofType('done').at(-1)).toEqual({ type: 'done', reason: 'failed' });
    expect(h.ofType('error').at(-1)).toMatchObject({
      scope: 'training',
      message: expect.stringMatching(
        /^The loss became (NaN|Infinity) in epoch 1 \(after 16 images\): the run stopped there\./,
      ) as string,
    });
  });

  it('refuses to save when there is no model, and to continue from weights of another network', async () => {
    const h = createHarness();
    await h.send({ type: 'init', backend: 'cpu' });
    await h.send({ type: 'loadData', baseUrl: '/data/' });
    await h.send({ type: 'saveModel' });
    expect(h.ofType('error').at(-1)?.message).toBe(
      'No model to save yet: train one or load one first.',
    );
    await h.send({ type: 'train', config: ONE_EPOCH, fromCurrentWeights: true });
    expect(h.ofType('error').at(-1)?.message).toMatch(
      /there is no model yet, and the run is for alexnet-mini/,
    );
  });
});

describe('checkModelFiles on the files Save model wrote', () => {
  it('names a missing weights file, and one of the wrong size', async () => {
    const h = await trainedSession();
    const [json, weights] = await savedFiles(h);
    expect(() => checkModelFiles([json!])).toThrow(
      'model.json needs its weights file model.weights.bin: choose it together with model.json.',
    );
    const longer = new Uint8Array(weights!.bytes.byteLength + 4).buffer;
    expect(() => checkModelFiles([json!, { name: 'model.weights.bin', bytes: longer }])).toThrow(
      'model.weights.bin does not match model.json: it has 652588 bytes where 652584 are expected.',
    );
    expect(checkModelFiles([json!, weights!])).toMatchObject({
      model: 'alexnet-mini',
      epochsDone: 1,
    });
  });

  it('takes a renamed copy of the one weights file, still checking its size', async () => {
    const h = await trainedSession();
    const [json, weights] = await savedFiles(h);
    const renamed = { name: 'model.weights (1).bin', bytes: weights!.bytes };
    expect(checkModelFiles([{ ...json!, name: 'model (1).json' }, renamed])).toMatchObject({
      model: 'alexnet-mini',
      jsonName: 'model (1).json',
    });
    const cut = { name: 'model.weights (1).bin', bytes: weights!.bytes.slice(0, 100) };
    expect(() => checkModelFiles([json!, cut])).toThrow(
      'model.weights (1).bin is truncated: it has 100 bytes where model.json needs 652584.',
    );
  });
});
