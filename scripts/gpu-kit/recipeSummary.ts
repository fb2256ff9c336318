// The recipe stages' results beside what they are held to: alexnet-mini's test accuracy per epoch
// with the reference recipe and the beat-the-reference preset, beside PyTorch's mean and [min, max]
// over its seeds (scripts/reference/results/alexnet-mini-5-epochs.json, bundled into the kit by
// esbuild with this module), each epoch marked inside or outside that spread; and alexnet's
// reference run and preset run beside D2L's log. Pure, so it is unit-tested.

import pytorchResults from '../reference/results/alexnet-mini-5-epochs.json';
import { REFERENCE_LOG, type PresetName } from '../../src/protocol';
import type { TrainReportData } from '../train/report';
import type { StageName } from './stages';
import type { StageRecord } from './summary';

/** PyTorch's test accuracy after one epoch over its seeds. */
export interface Spread {
  mean: number;
  min: number;
  max: number;
  seeds: number;
}

interface PytorchGroup {
  preset: string | null;
  seeds: number[];
  epochs: { epoch: number; mean: number; min: number; max: number }[];
}

/** PyTorch's spread per epoch (index 0 is epoch 1) for a preset, from the bundled summary. */
export function pytorchSpread(preset: PresetName, groups: readonly PytorchGroup[]): Spread[] {
  const group = groups.find((g) => g.preset === preset);
  return (group?.epochs ?? []).map((e) => ({
    mean: e.mean,
    min: e.min,
    max: e.max,
    seeds: group!.seeds.length,
  }));
}

export interface RecipeRun {
  /** The stage's status (ok, cut, failed, ...), or null when it is not in this run. */
  status: string | null;
  model: string | null;
  /** Test accuracy per finished epoch, index 0 is epoch 1. */
  testAccuracy: number[];
}

export interface MiniRow {
  epoch: number;
  reference: number | null;
  preset: number | null;
  pytorchReference: Spread | null;
  pytorchPreset: Spread | null;
  /** Inside PyTorch's [min, max]; null when there is no number to compare, or the run is not the
   * same experiment (the smoke test's tiny runs). */
  referenceInside: boolean | null;
  presetInside: boolean | null;
}

export interface AlexnetRow {
  epoch: number;
  reference: number | null;
  preset: number | null;
  d2l: number | null;
}

export interface RecipeResults {
  /** True when the alexnet-mini runs are PyTorch's experiment (all images, batch 128, 10,000 test
   * images), so that their epochs can be marked against its spread. */
  miniComparable: boolean;
  miniReference: RecipeRun;
  miniPreset: RecipeRun;
  mini: MiniRow[];
  alexnetReference: RecipeRun;
  alexnetPreset: RecipeRun;
  alexnet: AlexnetRow[];
}

const EPOCHS = 5;

/** A training stage's report, if it wrote one. */
function reportOf(stage: StageRecord | undefined): TrainReportData | null {
  return typeof stage?.result === 'object' && stage.result !== null
    ? (stage.result as TrainReportData)
    : null;
}

function recipeRun(stages: readonly StageRecord[], name: StageName): RecipeRun {
  const stage = stages.find((s) => s.name === name);
  const report = reportOf(stage);
  return {
    status: stage?.status ?? null,
    model: report?.config.model ?? null,
    testAccuracy: report?.epochs.map((e) => e.testAccuracy) ?? [],
  };
}

function comparable(stages: readonly StageRecord[], name: StageName): boolean {
  const c = reportOf(stages.find((s) => s.name === name))?.config;
  // PyTorch's runs used every whole batch of 128 of the 60,000 images (59,904) and all 10,000
  // test images.
  return (
    c?.model === 'alexnet-mini' &&
    c.batchSize === 128 &&
    c.trainImages >= 59_904 &&
    c.testImages === 10_000
  );
}

const inside = (accuracy: number | null, spread: Spread | null, compare: boolean) =>
  compare && accuracy !== null && spread !== null
    ? accuracy >= spread.min - 1e-9 && accuracy <= spread.max + 1e-9
    : null;

/** The recipe stages' epochs, and the reference run's, beside what each is held to. */
export function recipeResults(
  stages: readonly StageRecord[],
  groups: readonly PytorchGroup[] = pytorchResults.groups,
): RecipeResults {
  const miniReference = recipeRun(stages, 'mini-reference');
  const miniPreset = recipeRun(stages, 'mini-preset');
  const alexnetReference = recipeRun(stages, 'reference');
  const alexnetPreset = recipeRun(stages, 'alexnet-preset');
  const pytorchReference = pytorchSpread('reference', groups);
  const pytorchPreset = pytorchSpread('beat-the-reference', groups);
  const referenceComparable = comparable(stages, 'mini-reference');
  const presetComparable = comparable(stages, 'mini-preset');
  const epochs = (...runs: RecipeRun[]) =>
    Array.from(
      { length: Math.max(EPOCHS, ...runs.map((r) => r.testAccuracy.length)) },
      (_, i) => i + 1,
    );
  const at = (run: RecipeRun, epoch: number) => run.testAccuracy[epoch - 1] ?? null;
  const alexnetAt = (run: RecipeRun, epoch: number) =>
    run.model === 'alexnet' ? at(run, epoch) : null;
  return {
    miniComparable: referenceComparable && presetComparable,
    miniReference,
    miniPreset,
    mini: epochs(miniReference, miniPreset).map((epoch) => {
      const spreadReference = pytorchReference[epoch - 1] ?? null;
      const spreadPreset = pytorchPreset[epoch - 1] ?? null;
      return {
        epoch,
        reference: at(miniReference, epoch),
        preset: at(miniPreset, epoch),
        pytorchReference: spreadReference,
        pytorchPreset: spreadPreset,
        referenceInside: inside(at(miniReference, epoch), spreadReference, referenceComparable),
        presetInside: inside(at(miniPreset, epoch), spreadPreset, presetComparable),
      };
    }),
    alexnetReference,
    alexnetPreset,
    alexnet: epochs(alexnetReference, alexnetPreset).map((epoch) => ({
      epoch,
      reference: alexnetAt(alexnetReference, epoch),
      preset: alexnetAt(alexnetPreset, epoch),
      d2l: REFERENCE_LOG.find((r) => r.epoch === epoch)?.testAccuracy ?? null,
    })),
  };
}
