import { describe, expect, it } from 'vitest';
import { loadedOutcome } from './modelFilesOutcome';

describe('loadedOutcome', () => {
  it('names the files that made the model', () => {
    expect(
      loadedOutcome(['model.weights.bin', 'model.json'], ['model.json', 'model.weights.bin']),
    ).toBe('Loaded model.json + model.weights.bin.');
  });

  it('names chosen files the model did not use apart, never as loaded', () => {
    const text = loadedOutcome(
      ['model.json', 'notes.txt', 'model.weights.bin', 'model.weights (1).bin'],
      ['model.json', 'model.weights.bin'],
    );
    expect(text).toBe(
      'Loaded model.json + model.weights.bin. Not used: notes.txt, model.weights (1).bin (not part of this model).',
    );
  });
});
