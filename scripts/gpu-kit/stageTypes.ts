// What a GPU-kit stage is given and what it runs: shared by stages.ts and recipeStages.ts.

export interface StageContext {
  /** The kit's unpacked root: bin/node, app/*.mjs, data/, reference/. */
  root: string;
  /** Where stages write their JSON. */
  work: string;
  /** The run's output folder (what comes back from the GPU machine). */
  out: string;
  smoke: boolean;
}

export interface StageCommand {
  command: string;
  args: string[];
  /** The stage's JSON result, read back into the summary. */
  resultFile: string;
  /** Runs with the machine's own library path, not the kit's (PyTorch). */
  systemLibraries?: boolean;
}

/** The trainer stops itself this long before the stage's hard limit, to finish and write. */
export const trainBudget = (seconds: number) =>
  Math.max(1, Math.floor(seconds - Math.min(15, seconds / 5)));

/**
 * The size of a five-epoch run of `model`: batch 128, all 60,000 / 10,000 images (the reference
 * run's and the recipe runs'); in a smoke test, one epoch of alexnet-mini on 16 / 8 images.
 */
export function fullRunSize(model: string, smoke: boolean): string[] {
  const [name, epochs, batch, train, test] = smoke
    ? ['alexnet-mini', 1, 8, 16, 8]
    : [model, 5, 128, 60_000, 10_000];
  return [
    '--model',
    name,
    '--epochs',
    epochs,
    '--batch',
    batch,
    '--train',
    train,
    '--test',
    test,
  ].map(String);
}
