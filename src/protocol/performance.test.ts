import { describe, expect, it } from 'vitest';
import { kernelBenchRequestProblem, parseBenchBatch } from './performance';

const PROBLEM = 'The batch must be a whole number from 1 to 1024.';

describe('parseBenchBatch', () => {
  it("takes plain digits from 1 to 1024, and refuses the rest with the request check's words", () => {
    expect(parseBenchBatch(' 64 ')).toEqual({ value: 64 });
    expect(parseBenchBatch('1024')).toEqual({ value: 1024 });
    for (const text of ['', '0', '1025', '99999', '-5', '2.7', '1e2', '0x10', '6 4']) {
      expect(parseBenchBatch(text)).toEqual({ error: PROBLEM });
    }
    const request = { model: 'alexnet-mini' as const, layers: null, budgetSeconds: 15, reps: 3 };
    expect(kernelBenchRequestProblem({ ...request, batch: 1025 })).toBe(PROBLEM);
    expect(kernelBenchRequestProblem({ ...request, batch: 64 })).toBeNull();
  });
});
