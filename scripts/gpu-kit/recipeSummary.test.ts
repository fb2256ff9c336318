import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLAIN_RECIPE_OPTIONS, type ModelName } from '../../src/protocol';
import type { TrainReportData } from '../train/report';
import { recipeSection } from './recipeMarkdown';
import { pytorchSpread, recipeResults } from './recipeSummary';
import type { StageRecord } from './summary';

const pytorch = JSON.parse(
  readFileSync(new URL('../reference/results/alexnet-mini-5-epochs.json', import.meta.url), 'utf8'),
) as {
  groups: {
    preset: string | null;
    seeds: number[];
    epochs: { mean: number; min: number; max: number }[];
  }[];
};

/** A recipe stage's record with a trainer report of these test accuracies. */
function recipeStage(
  name: StageRecord['name'],
  accuracies: number[],
  over: { model?: ModelName; trainImages?: number; status?: StageRecord['status'] } = {},
): StageRecord {
  const result: Partial<TrainReportData> = {
    status: over.status === 'cut' ? 'budget' : 'finished',
    config: {
      model: over.model ?? 'alexnet-mini',
      epochs: 5,
      batchSize: 128,
      learningRate: 0.003,
      trainImages: over.trainImages ?? 60_000,
      testImages: 10_000,
      seed: 1,
      ...PLAIN_RECIPE_OPTIONS,
      backend: 'webgpu',
      kernels: 'own',
    },
    epochs: accuracies.map((testAccuracy, i) => ({
      epoch: i + 1,
      trainLoss: 0.3,
      trainAccuracy: 0.9,
      testLoss: 0.3,
      testAccuracy,
      trainSeconds: 5,
      evalSeconds: 1,
      imagesPerSec: 12_000,
    })),
  };
  return { name, title: name, status: over.status ?? 'ok', result };
}

const group = (preset: string) => pytorch.groups.find((g) => g.preset === preset)!;
/** How the section writes PyTorch's spread: mean [min, max]. */
const spreadText = (e: { mean: number; min: number; max: number }) =>
  `${e.mean.toFixed(4)} [${e.min.toFixed(4)}, ${e.max.toFixed(4)}]`;
/** Just inside PyTorch's [min, max] at every epoch, and just below it. */
const lowest = (preset: string) => group(preset).epochs.map((e) => e.min);
const below = (preset: string) => group(preset).epochs.map((e) => e.min - 0.0001);

describe('pytorchSpread', () => {
  it("reads the bundled PyTorch summary's mean, lowest and highest over its seeds per epoch", () => {
    const spread = pytorchSpread('beat-the-reference', pytorch.groups as never);
    expect(spread).toHaveLength(5);
    expect(spread.map((s) => [s.min, s.max])).toEqual(
      group('beat-the-reference').epochs.map((e) => [e.min, e.max]),
    );
    const seeds = group('beat-the-reference').seeds.length;
    expect(seeds).toBeGreaterThanOrEqual(3);
    expect(spread.every((s) => s.seeds === seeds && s.min <= s.mean && s.mean <= s.max)).toBe(true);
  });
});

describe('recipeResults', () => {
  it("marks each of alexnet-mini's epochs inside or outside PyTorch's spread", () => {
    const r = recipeResults([
      recipeStage('mini-preset', lowest('beat-the-reference')),
      recipeStage('mini-reference', below('reference')),
    ]);
    expect(r.miniComparable).toBe(true);
    expect(r.mini.map((row) => row.presetInside)).toEqual([true, true, true, true, true]);
    expect(r.mini.map((row) => row.referenceInside)).toEqual([false, false, false, false, false]);
    expect(r.mini[4]?.preset).toBe(group('beat-the-reference').epochs[4]?.min);
  });

  it('keeps the epochs of a run cut by its budget, and leaves the rest empty', () => {
    const r = recipeResults([
      recipeStage('mini-preset', lowest('beat-the-reference').slice(0, 2), { status: 'cut' }),
    ]);
    expect(r.miniPreset).toEqual({
      status: 'cut',
      model: 'alexnet-mini',
      testAccuracy: lowest('beat-the-reference').slice(0, 2),
    });
    expect(r.mini.map((row) => row.presetInside)).toEqual([true, true, null, null, null]);
    expect(r.mini.map((row) => row.reference)).toEqual([null, null, null, null, null]);
    const md = recipeSection(r).join('\n');
    expect(md).toContain(
      '- Beat-the-reference preset (mini-preset): alexnet-mini, cut, 2 epoch(s)',
    );
    expect(md).toContain('- Reference recipe (mini-reference): not in this run.');
    expect(md).toMatch(/\| 3 \| — \| 0\.\d{4} \[0\.\d{4}, 0\.\d{4}\] \| — \| /);
  });

  it("sets alexnet's reference run and preset run beside D2L's log", () => {
    const r = recipeResults([
      recipeStage('reference', [0.85, 0.88, 0.89], { model: 'alexnet' }),
      recipeStage('alexnet-preset', [0.84, 0.89], { model: 'alexnet', status: 'cut' }),
    ]);
    expect(r.alexnet.map((row) => [row.reference, row.preset, row.d2l])).toEqual([
      [0.85, 0.84, 0.856],
      [0.88, 0.89, 0.881],
      [0.89, null, 0.894],
      [null, null, 0.899],
      [null, null, 0.901],
    ]);
    expect(recipeSection(r)).toContain('| 2 | 0.8800 | 0.8900 | 0.881 |');
  });

  it("does not mark the smoke test's tiny runs, nor count alexnet-mini as alexnet", () => {
    const tiny = { trainImages: 16 };
    const r = recipeResults([
      recipeStage('reference', [0.5], tiny),
      recipeStage('mini-preset', [0.5], tiny),
      recipeStage('mini-reference', [0.5], tiny),
      recipeStage('alexnet-preset', [0.5], tiny),
    ]);
    expect(r.miniComparable).toBe(false);
    expect(r.mini[0]).toMatchObject({ preset: 0.5, presetInside: null, referenceInside: null });
    expect(r.alexnet[0]).toMatchObject({ reference: null, preset: null });
    const md = recipeSection(r);
    const [ref, pre] = [group('reference').epochs[0]!, group('beat-the-reference').epochs[0]!];
    expect(md).toContain(`| 1 | 0.5000 | ${spreadText(ref)} | 0.5000 | ${spreadText(pre)} |`);
    expect(md.join('\n')).toContain('Not marked');
  });

  it('marks an epoch outside in bold in the table', () => {
    const r = recipeResults([
      recipeStage('mini-preset', lowest('beat-the-reference')),
      recipeStage('mini-reference', below('reference')),
    ]);
    const row = recipeSection(r).find((line) => line.startsWith('| 5 |'));
    const [ref, pre] = [group('reference').epochs[4]!, group('beat-the-reference').epochs[4]!];
    expect(row).toBe(
      `| 5 | ${(ref.min - 0.0001).toFixed(4)} **outside** | ${spreadText(ref)} | ` +
        `${pre.min.toFixed(4)} inside | ${spreadText(pre)} |`,
    );
  });
});
