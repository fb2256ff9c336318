import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleApp, testHelpersIn } from './bundle';

/** A checkout with stand-ins for the kit's scripts, plus the optional ones named. */
function checkout(optional: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'bundle-'));
  mkdirSync(join(root, 'scripts/gpu-kit'), { recursive: true });
  for (const file of ['train', 'gpu-kit/orchestrate', 'gpu-kit/adapter', ...optional]) {
    writeFileSync(join(root, `scripts/${file}.ts`), `export const name: string = '${file}';\n`);
  }
  return root;
}

describe('bundleApp', () => {
  it('bundles the kernel scripts when the checkout has them', async () => {
    const root = checkout(['check-kernels', 'bench-kernels']);
    const result = await bundleApp(root, join(root, 'out'));
    expect(result.entries).toEqual([
      'train',
      'orchestrate',
      'adapter',
      'check-kernels',
      'bench-kernels',
    ]);
    expect(result.missing).toEqual([]);
    expect(readFileSync(join(root, 'out/check-kernels.mjs'), 'utf8')).toContain(
      'var name = "check-kernels"',
    );
  });

  it('leaves them out, and says so, when it does not', async () => {
    const root = checkout([]);
    const result = await bundleApp(root, join(root, 'out'));
    expect(result.missing).toEqual(['scripts/check-kernels.ts', 'scripts/bench-kernels.ts']);
    expect(existsSync(join(root, 'out/train.mjs'))).toBe(true);
    expect(existsSync(join(root, 'out/check-kernels.mjs'))).toBe(false);
  });

  it('refuses a script that pulls in a testing/ helper', async () => {
    const root = checkout([]);
    mkdirSync(join(root, 'src/testing'), { recursive: true });
    writeFileSync(join(root, 'src/testing/helper.ts'), 'export const helper = 1;\n');
    writeFileSync(
      join(root, 'scripts/train.ts'),
      "import { helper } from '../src/testing/helper';\nconsole.log(helper);\n",
    );
    await expect(bundleApp(root, join(root, 'out'))).rejects.toThrow(/src\/testing\/helper\.ts/);
  });
});

describe('testHelpersIn', () => {
  it('names testing/ folders and test files, not tools or node_modules', () => {
    expect(
      testHelpersIn([
        'src/tools/kernelChecks/index.ts',
        'src/testing/cpuBackend.ts',
        'src/worker/testing/sessionHarness.ts',
        'src/kernels/philox.test.ts',
        'node_modules/some/testing/x.js',
      ]),
    ).toEqual([
      'src/testing/cpuBackend.ts',
      'src/worker/testing/sessionHarness.ts',
      'src/kernels/philox.test.ts',
    ]);
  });
});
