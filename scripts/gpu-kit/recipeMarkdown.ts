// summary.md's "Recipes" section: the recipe stages' test accuracy per epoch beside PyTorch's spread
// (alexnet-mini) and D2L's log (alexnet). Pure, so it is unit-tested.

import type { RecipeResults, RecipeRun, Spread } from './recipeSummary';

const accuracy = (n: number | null) => (n === null ? '—' : n.toFixed(4));
const spread = (s: Spread | null) =>
  s === null ? '—' : `${s.mean.toFixed(4)} [${s.min.toFixed(4)}, ${s.max.toFixed(4)}]`;
const marked = (n: number | null, isInside: boolean | null) =>
  isInside === null ? accuracy(n) : `${accuracy(n)} ${isInside ? 'inside' : '**outside**'}`;

function runLine(label: string, run: RecipeRun): string {
  if (run.status === null) return `- ${label}: not in this run.`;
  const model = run.model ? `${run.model}, ` : '';
  return `- ${label}: ${model}${run.status}, ${run.testAccuracy.length} epoch(s) finished.`;
}

export function recipeSection(r: RecipeResults): string[] {
  const seeds = r.mini.find((row) => row.pytorchPreset)?.pytorchPreset?.seeds ?? 0;
  return [
    '### alexnet-mini: own trainer beside PyTorch',
    '',
    runLine('Reference recipe (mini-reference)', r.miniReference),
    runLine('Beat-the-reference preset (mini-preset)', r.miniPreset),
    '',
    `Test accuracy after each epoch (seed 1, own kernels); PyTorch: mean [min, max] over ${seeds} ` +
      'seeds, scripts/reference/results/alexnet-mini-5-epochs.json. ' +
      (r.miniComparable
        ? 'Each epoch is marked inside or outside that spread.'
        : 'Not marked: these runs are not that experiment (all images, batch 128).'),
    '',
    '| epoch | reference recipe | PyTorch reference | preset | PyTorch preset |',
    '| --- | --- | --- | --- | --- |',
    ...r.mini.map(
      (row) =>
        `| ${row.epoch} | ${marked(row.reference, row.referenceInside)} | ` +
        `${spread(row.pytorchReference)} | ${marked(row.preset, row.presetInside)} | ` +
        `${spread(row.pytorchPreset)} |`,
    ),
    '',
    '### alexnet: reference recipe and preset beside D2L',
    '',
    runLine('Reference recipe (reference)', r.alexnetReference),
    runLine('Beat-the-reference preset (alexnet-preset)', r.alexnetPreset),
    '',
    '| epoch | reference recipe | preset | D2L reference |',
    '| --- | --- | --- | --- |',
    ...r.alexnet.map(
      (row) =>
        `| ${row.epoch} | ${accuracy(row.reference)} | ${accuracy(row.preset)} | ` +
        `${row.d2l === null ? '—' : row.d2l.toFixed(3)} |`,
    ),
  ];
}
