import { beforeAll, expect, it } from 'vitest';
import { describeWebGpu, useWebGpuBackend } from '../../testing/webgpuNode';
import { interleavedKernelChecks, KERNEL_CHECK_FAMILIES } from './index';
import { itPassesKernelChecks } from '../../testing/kernelCheckCases';
import { biasReluChecks, fusedAdamChecks, seededDropoutChecks } from './trainingKernelChecks';

// The training kernels' cases as check:kernels runs them (the kernels' own tests check more).
describeWebGpu('training kernel checks on WebGPU, against the CPU backend', () => {
  beforeAll(async () => {
    await useWebGpuBackend('own');
  });

  const checks = [...seededDropoutChecks(), ...biasReluChecks(1), ...fusedAdamChecks()];
  itPassesKernelChecks(checks, (check) => `${check.kernel}: ${check.label}`);
});

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
