// npm run check:kernels -- [--batch 2] [--alexnet-batch N] [--kernel Conv2DBackpropFilter]
//                          [--budget SECONDS] [--out FILE] [--gpu | --software]
//
// Runs every own WebGPU kernel's correctness cases (every family in src/tools/kernelChecks/index.ts:
// the lists the kernels' *.webgpu.test.ts files run, with alexnet's layers too) on WebGPU in Node,
// each against tfjs's CPU backend, the kernel families taking turns, and prints PASS/FAIL per case
// with its error relative to the size of the result. Model layers run at --batch (alexnet's at --alexnet-batch, default the same). A real GPU
// can fail where SwiftShader passes: the GPU kit runs this. Runs in this process when its Vulkan
// environment is settled (ALEXNET_DAWN_ENV, set by the kit's run.sh) or the machine has a GPU,
// else re-runs itself with SwiftShader's (scripts/lib/dawnChild.ts). Exit code 0: none failed
// (all ran, or --budget stopped it cleanly: the output and --out's "skipped" list the cases not
// run), 1: a case failed, 2: bad arguments.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { dawnChildEnv, runDawnChild } from './lib/dawnChild';
import { installDawn } from './lib/dawnNode';
import { isUsageError, positiveInt, positiveSeconds, UsageError } from './lib/kernelBenchArgs';

function parse() {
  try {
    const { values } = parseArgs({
      options: {
        batch: { type: 'string', default: '2' },
        'alexnet-batch': { type: 'string' },
        kernel: { type: 'string' },
        budget: { type: 'string' },
        out: { type: 'string' },
        gpu: { type: 'boolean', default: false },
        software: { type: 'boolean', default: false },
      },
    });
    if (values.gpu && values.software) throw new UsageError('Give --gpu or --software, not both.');
    const batch = positiveInt(values.batch, 'batch');
    return {
      batch,
      alexnetBatch: values['alexnet-batch']
        ? positiveInt(values['alexnet-batch'], 'alexnet-batch')
        : batch,
      kernel: values.kernel,
      budgetSeconds: values.budget ? positiveSeconds(values.budget, 'budget') : undefined,
      out: values.out,
      adapter: values.gpu ? ('gpu' as const) : values.software ? ('software' as const) : undefined,
    };
  } catch (error) {
    if (!isUsageError(error)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

const args = parse();
const childEnv = dawnChildEnv(args.adapter);
if (childEnv) {
  const grace = args.budgetSeconds === undefined ? undefined : (args.budgetSeconds + 300) * 1000;
  process.exit(await runDawnChild(childEnv, grace));
}

await installDawn();
const { useWebGpuBackend } = await import('../src/tools/webgpuBackend');
const { interleavedKernelChecks, runKernelCheck } = await import('../src/tools/kernelChecks');
type Result = Awaited<ReturnType<typeof runKernelCheck>>;

const deadline =
  args.budgetSeconds === undefined ? Infinity : Date.now() + args.budgetSeconds * 1000;
const { info } = await useWebGpuBackend('own');
console.log(
  `Adapter: ${info.adapter?.description || info.adapter?.vendor} (${info.adapter?.architecture}` +
    `${info.isSoftware ? ', software' : ''}); own kernels: ${info.kernels.own.join(', ') || 'none'}`,
);

const checks = interleavedKernelChecks({
  batch: args.batch,
  alexnetBatch: args.alexnetBatch,
}).filter((c) => !args.kernel || c.kernel === args.kernel);
if (checks.length === 0) {
  console.error(`No cases for kernel "${args.kernel}".`);
  process.exit(2);
}
const results: Result[] = [];
const skipped: string[] = [];
for (const check of checks) {
  if (Date.now() > deadline) {
    skipped.push(`${check.kernel}: ${check.label}`);
    continue;
  }
  let result: Result;
  try {
    result = await runKernelCheck(check);
  } catch (error) {
    result = {
      kernel: check.kernel,
      label: check.label,
      reference: check.reference,
      maxAbsError: NaN,
      scale: NaN,
      relativeError: NaN,
      tolerance: check.tolerance,
      passed: false,
      problem: error instanceof Error ? error.message : String(error),
      webgpuMs: NaN,
    };
  }
  results.push(result);
  console.log(
    `${result.passed ? 'PASS' : 'FAIL'}  ${result.kernel}: ${result.label}  ` +
      `max error ${result.maxAbsError.toExponential(2)} of ${result.scale.toExponential(2)} ` +
      `(relative ${result.relativeError.toExponential(2)}, tolerance ${result.tolerance.toExponential(0)}; ` +
      `${result.reference} CPU reference; ${result.webgpuMs.toFixed(0)} ms on WebGPU)` +
      (result.problem ? `: ${result.problem}` : ''),
  );
}

const failed = results.filter((r) => !r.passed).length;
console.log(
  `\n${results.length - failed} passed, ${failed} failed` +
    (skipped.length
      ? `, ${skipped.length} not run (the ${args.budgetSeconds} s budget ran out)`
      : '') +
    '.',
);
if (args.out) {
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(
    args.out,
    JSON.stringify({ adapter: info.adapter, results, skipped }, null, 2) + '\n',
  );
}
process.exit(failed > 0 ? 1 : 0);
