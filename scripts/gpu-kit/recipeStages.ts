// The GPU kit's recipe stages (issue 18): five-epoch runs of the trainer with the `reference` and
// `beat-the-reference` presets, alexnet-mini on all images (to set beside the PyTorch spread in
// scripts/reference/results/alexnet-mini-5-epochs.json) and alexnet's preset (beside D2L's log and
// the kit's own reference run). One stage per run: each has its own time limit, status and report
// file, so a run cut by its budget is judged alone and keeps the epochs it finished.

import type { StageCommand, StageContext } from './stageTypes';
import { fullRunSize, trainBudget } from './stageTypes';

export const RECIPE_STAGE_NAMES = ['mini-preset', 'mini-reference', 'alexnet-preset'] as const;
export type RecipeStageName = (typeof RECIPE_STAGE_NAMES)[number];

/** The seed of the recipe runs: the first of the PyTorch runs' five (1 to 5). */
export const RECIPE_SEED = 1;

/** Where each recipe stage writes its report, in the output folder. */
export const RECIPE_REPORT_FILES: Record<RecipeStageName, string> = {
  'mini-preset': 'mini-preset.json',
  'mini-reference': 'mini-reference.json',
  'alexnet-preset': 'alexnet-preset.json',
};

const RUNS: Record<RecipeStageName, { model: string; preset: string }> = {
  'mini-preset': { model: 'alexnet-mini', preset: 'beat-the-reference' },
  'mini-reference': { model: 'alexnet-mini', preset: 'reference' },
  'alexnet-preset': { model: 'alexnet', preset: 'beat-the-reference' },
};

/**
 * A recipe run: the preset's recipe, 5 epochs, batch 128, all 60,000 / 10,000 images, own kernels.
 * The smoke test's run is alexnet-mini on 16 / 8 images on the tfjs CPU backend: the WebGPU path
 * is proven by the other stages, and on SwiftShader each of these would add its shader compilation.
 */
export function recipeRun(name: RecipeStageName) {
  return (ctx: StageContext, seconds: number): StageCommand => {
    const run = RUNS[name];
    const size = fullRunSize(run.model, ctx.smoke);
    // Straight into the output folder: rewritten after every epoch, it survives a hard kill.
    const resultFile = `${ctx.out}/${RECIPE_REPORT_FILES[name]}`;
    return {
      command: `${ctx.root}/bin/node`,
      args: [
        `${ctx.root}/app/train.mjs`,
        ...size,
        ...['--preset', run.preset, '--seed', String(RECIPE_SEED)],
        ...['--kernels', 'own', ...(ctx.smoke ? ['--backend', 'cpu'] : [])],
        ...['--data', `${ctx.root}/data`],
        ...['--budget', String(trainBudget(seconds)), '--out', resultFile],
      ],
      resultFile,
    };
  };
}
