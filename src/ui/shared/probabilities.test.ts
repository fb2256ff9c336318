import { describe, expect, it } from 'vitest';
import { argMax, classLabel } from './probabilities';

describe('argMax and classLabel', () => {
  it('finds the most likely class', () => {
    expect(argMax(new Float32Array([0.1, 0.7, 0.2]))).toBe(1);
    expect(argMax([0.5, 0.5])).toBe(0);
    expect(argMax([])).toBe(-1);
  });

  it('names classes', () => {
    expect(classLabel(1)).toBe('Trouser');
    expect(classLabel(9)).toBe('Ankle boot');
    expect(classLabel(10)).toBe('class 10');
  });
});
