// summary.md: the GPU kit's results as a person reads them, ending with a results-table row ready to
// paste into README. Pure, so it is unit-tested.

import { recipeSection } from './recipeMarkdown';
import { recipeResults } from './recipeSummary';
import { ratio, type Headline, type SpeedRow, type StageRecord } from './summary';

export interface SummaryContext {
  date: string;
  budgetSeconds: number;
  smoke: boolean;
  /** e.g. "vm, AMD EPYC x16" */
  machine: string;
  /** nvidia-smi's name and driver, when it answered. */
  gpu: string | null;
  /** e.g. `nvidia hopper "NVIDIA H100 80GB HBM3" (hardware)` */
  adapter: string | null;
  /** e.g. "built 2026-11-27 from a7b2d40" */
  kit: string;
  /** Why the run stopped before its stages were done, if it did. */
  aborted: string | null;
}

const fixed = (n: number | null | undefined, digits: number) =>
  typeof n !== 'number' || !Number.isFinite(n) ? '—' : n.toFixed(digits);
const mb = (bytes: number | null) => (bytes === null ? '—' : (bytes / 2 ** 20).toFixed(0));

function speedLine(label: string, row: SpeedRow | null, ratios: [number | null, number | null]) {
  if (!row) return `| ${label} | — | — | — | — | — | — | — |`;
  return (
    `| ${label} | ${fixed(row.imagesPerSec, 1)} | ${fixed(row.msPerStep, 1)} | ` +
    `${fixed(row.firstStepMs, 0)} | ${mb(row.peakBytes)} | ${fixed(row.dispatchesPerStep, 0)} | ` +
    `${fixed(ratios[0], 3)} | ${fixed(ratios[1], 3)} |`
  );
}

function stageTable(stages: readonly StageRecord[]): string[] {
  return [
    '| stage | status | seconds (limit) | note |',
    '| --- | --- | --- | --- |',
    ...stages.map(
      (s) =>
        `| ${s.title} | ${s.status} | ${fixed(s.seconds, 0)} (${fixed(s.limitSeconds, 0)}) | ` +
        `${(s.reason ?? '').replace(/\|/g, '/')} |`,
    ),
  ];
}

function speedTable(h: Headline): string[] {
  const vs = (row: SpeedRow | null): [number | null, number | null] => [
    ratio(row?.imagesPerSec, h.torchFp32?.imagesPerSec),
    ratio(row?.imagesPerSec, h.torchDefault?.imagesPerSec),
  ];
  return [
    '| | img/s | ms/step | first step ms | peak MB | dispatches/step | ÷ PyTorch fp32 | ÷ PyTorch default |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    speedLine('WebGPU (Dawn), own kernels', h.own, vs(h.own)),
    speedLine('WebGPU (Dawn), stock tfjs kernels', h.stock, vs(h.stock)),
    speedLine('PyTorch CUDA, fp32 (TF32 off)', h.torchFp32, vs(h.torchFp32)),
    speedLine('PyTorch CUDA, defaults', h.torchDefault, vs(h.torchDefault)),
  ];
}

function referenceSection(h: Headline): string[] {
  const run = h.reference;
  if (!run) return ['No reference run result.'];
  const lines = [
    `Model ${run.model ?? '?'}, status **${run.status}**, ${run.epochs.length} epoch(s) finished.`,
    '',
    '| epoch | loss | train acc | test acc | reference test acc | train s | img/s |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...run.epochs.map(
      (e) =>
        `| ${e.epoch} | ${fixed(e.loss, 4)} | ${fixed(e.trainAccuracy, 3)} | ` +
        `${fixed(e.testAccuracy, 3)} | ${fixed(e.referenceTestAccuracy, 3)} | ` +
        `${fixed(e.seconds, 1)} | ${fixed(e.imagesPerSec, 1)} |`,
    ),
  ];
  const p = run.lastProgress;
  if (p && !run.epochs.some((e) => e.epoch === p.epoch)) {
    lines.push(
      '',
      `Unfinished epoch ${p.epoch}: ${p.imagesDone} of ${p.imagesTotal} images at ` +
        `${fixed(p.imagesPerSec, 1)} img/s.`,
    );
  }
  return lines;
}

/** The README results row: machine and GPU, speed, ratio to PyTorch, seconds per epoch, accuracy. */
export function readmeRow(ctx: SummaryContext, h: Headline): string {
  const epochs = h.reference?.epochs ?? [];
  const accuracy = epochs.length ? epochs.map((e) => fixed(e.testAccuracy, 3)).join(' / ') : '—';
  const seconds = epochs.length
    ? fixed(epochs.reduce((sum, e) => sum + e.seconds, 0) / epochs.length, 1)
    : '—';
  const who = `${ctx.gpu ?? ctx.adapter ?? 'unknown GPU'}, ${ctx.machine}`;
  return (
    `| ${who} | WebGPU (Dawn, Node), own kernels | ${fixed(h.own?.imagesPerSec, 1)} | ` +
    `${fixed(h.ratios.ownToFp32, 3)} / ${fixed(h.ratios.ownToDefault, 3)} | ${seconds} | ${accuracy} |`
  );
}

export function summaryMarkdown(
  ctx: SummaryContext,
  stages: readonly StageRecord[],
  h: Headline,
): string {
  return [
    `# GPU kit results, ${ctx.date}${ctx.smoke ? ' (smoke test: tiny configurations)' : ''}`,
    '',
    `- Machine: ${ctx.machine}`,
    `- GPU (nvidia-smi): ${ctx.gpu ?? 'not reported'}`,
    `- WebGPU adapter: ${ctx.adapter ?? 'none'}`,
    `- Kit: ${ctx.kit}; budget ${ctx.budgetSeconds} s`,
    ...(ctx.aborted ? [`- **Stopped early: ${ctx.aborted}**`] : []),
    '',
    '## Stages',
    '',
    ...stageTable(stages),
    '',
    `## Training speed (${ctx.smoke ? 'alexnet-mini, batch 8' : 'alexnet, batch 128'})`,
    '',
    'img/s after the first step; the first step compiles the shaders. Ratios: WebGPU ÷ PyTorch on this GPU.',
    '',
    ...speedTable(h),
    '',
    '## Reference run',
    '',
    ...referenceSection(h),
    '',
    '## Recipes',
    '',
    ...recipeSection(recipeResults(stages)),
    '',
    '## README row',
    '',
    '| machine and GPU | engine | img/s | ÷ PyTorch (fp32 / default) | s/epoch | test acc per epoch |',
    '| --- | --- | --- | --- | --- | --- |',
    readmeRow(ctx, h),
    '',
  ].join('\n');
}
