import { expect, it } from 'vitest';
import { interleavedKernelChecks, KERNEL_CHECK_FAMILIES } from './index';

// Each family's cases run in the *.webgpu.test.ts file beside its kernel (the training kernels'
// at the end of seededDropout, biasRelu and fusedAdam .webgpu.test.ts).
it('check:kernels takes one case of each kernel family in turn', () => {
  const options = { batch: 1 };
  const families = Object.entries(KERNEL_CHECK_FAMILIES).map(([name, f]) => ({
    name,
    checks: f(options),
  }));
  const all = interleavedKernelChecks(options);
  expect(all).toHaveLength(families.reduce((n, f) => n + f.checks.length, 0));
  expect(all.slice(0, families.length).map((c) => c.kernel)).toEqual(families.map((f) => f.name));
});
