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
