import { describe, expect, it } from 'vitest';
import { MODEL_BUFFERS, MODEL_NAMES } from '../protocol';
import { describeNamedModel, MODEL_SPECS } from './architecture';

const BYTES_PER_FLOAT = 4;

describe('MODEL_BUFFERS (the buffer-limit rule in src/protocol)', () => {
  it.each(MODEL_NAMES)('matches the layer table of %s', (name) => {
    const { rows } = describeNamedModel(name);
    const side = MODEL_SPECS[name].inputSize;
    // First-largest wins, as the rule's message names one layer.
    let perImage = { layer: 'input', bytes: side * side * BYTES_PER_FLOAT };
    for (const row of rows) {
      const bytes = row.outputShape.reduce((a, b) => a * b, 1) * BYTES_PER_FLOAT;
      if (bytes > perImage.bytes) perImage = { layer: row.name, bytes };
    }
    let weights = { layer: 'none', bytes: 0 };
    for (const row of rows) {
      if (row.params === 0) continue;
      const bytes = (row.params - (row.outputShape.at(-1) ?? 0)) * BYTES_PER_FLOAT;
      if (bytes > weights.bytes) weights = { layer: `${row.name} weights`, bytes };
    }
    expect(MODEL_BUFFERS[name]).toEqual({ perImage, weights });
  });
});
