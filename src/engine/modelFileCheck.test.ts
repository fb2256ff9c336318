// The checks on model files that need no saved model: plain bytes in, a named failure out. Those
// on files Save model wrote run through the worker (src/worker/trainingSession.modelFiles.test.ts).

import { describe, expect, it } from 'vitest';
import type { ModelFile } from '../protocol';
import { checkModelFiles } from './modelFileCheck';

const textFile = (name: string, text: string): ModelFile => ({
  name,
  bytes: new TextEncoder().encode(text).buffer,
});

describe('checkModelFiles', () => {
  const spec = (name: string, shape: number[]) => ({ name, shape, dtype: 'float32' });
  const modelJson = (weights: unknown[], paths = ['./w.bin']) =>
    JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths, weights }] });

  it('asks for the partner of a file chosen alone', () => {
    expect(() => checkModelFiles([textFile('model.weights.bin', 'xx')])).toThrow(
      'model.weights.bin alone cannot be loaded: choose the model.json saved with it too (both files at once).',
    );
    expect(() =>
      checkModelFiles([textFile('model.json', modelJson([spec('conv1/kernel', [5, 5, 1, 16])]))]),
    ).toThrow(/not one of this app's networks/);
  });

  it('names a model.json that is not JSON, not a layers model, or another network', () => {
    expect(() => checkModelFiles([textFile('model.json', '{oops')])).toThrow(
      'model.json is not valid JSON: choose the model.json that Save model wrote.',
    );
    expect(() => checkModelFiles([textFile('m.json', '{"format":"graph-model"}')])).toThrow(
      'm.json is not a TensorFlow.js layers model (it has no modelTopology and weightsManifest).',
    );
    const other = modelJson([spec('conv1/kernel', [3, 3, 3, 32]), spec('conv1/bias', [32])]);
    expect(() => checkModelFiles([textFile('net.json', other), textFile('w.bin', '')])).toThrow(
      "net.json is not one of this app's networks (alexnet, alexnet-mini): its weight 1 is conv1/kernel [3, 3, 3, 32] where alexnet-mini has conv1/kernel [5, 5, 1, 16].",
    );
  });
});
