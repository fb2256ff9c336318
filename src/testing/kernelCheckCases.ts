// Test helper: one vitest case per kernel check (src/tools/kernelChecks), the own kernel's result
// against its CPU reference within the check's tolerance: the same verdict check:kernels prints.

import { expect, it } from 'vitest';
import { runKernelCheck, type KernelCheck } from '../tools/kernelChecks/kernelCheck';

const defaultName = (check: KernelCheck) =>
  `${check.label} (reference: ${check.reference} CPU kernels)`;

/** Declares a test for each of `checks`, named by `name`. */
export function itPassesKernelChecks(
  checks: readonly KernelCheck[],
  name: (check: KernelCheck) => string = defaultName,
): void {
  for (const check of checks) {
    it(
      name(check),
      async () => {
        const result = await runKernelCheck(check);
        expect(result.problem).toBeUndefined();
        expect(result.scale).toBeGreaterThan(0);
        expect(result.relativeError).toBeLessThanOrEqual(result.tolerance);
      },
      600_000,
    );
  }
}
