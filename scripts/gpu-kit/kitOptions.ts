// Options of the GPU kit's orchestrator, as run.sh passes them (run.sh checks the user's own
// options first; these are checked again here, since the orchestrator can be run by hand).

import { parseArgs } from 'node:util';
import { STAGE_NAMES, type StageName } from './stages';

export interface KitOptions {
  budgetSeconds: number;
  out: string;
  work: string;
  smoke: boolean;
  allowSoftware: boolean;
  stages: StageName[];
  /** The Vulkan driver manifest run.sh chose, and every place it looked. */
  icd: string | null;
  icdTried: string[];
}

export class KitOptionError extends Error {
  override name = 'KitOptionError';
}

export function parseKitOptions(argv: readonly string[]): KitOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        budget: { type: 'string' },
        out: { type: 'string' },
        work: { type: 'string' },
        smoke: { type: 'boolean' },
        'allow-software': { type: 'boolean' },
        stages: { type: 'string' },
        icd: { type: 'string' },
        'icd-tried': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new KitOptionError(error instanceof Error ? error.message : String(error));
  }
  const budget = Number(values.budget);
  if (values.budget === undefined || !Number.isFinite(budget) || budget <= 0) {
    throw new KitOptionError(
      `--budget must be a number of seconds above 0, got "${values.budget}".`,
    );
  }
  if (!values.out || !values.work)
    throw new KitOptionError('--out DIR and --work DIR are required.');
  const stages = (values.stages ?? STAGE_NAMES.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const stage of stages) {
    if (!(STAGE_NAMES as readonly string[]).includes(stage)) {
      throw new KitOptionError(`Unknown stage "${stage}": choose from ${STAGE_NAMES.join(', ')}.`);
    }
  }
  // The adapter always comes first: nothing else is worth running on the wrong one.
  const ordered = ['adapter', ...stages.filter((s) => s !== 'adapter')];
  return {
    budgetSeconds: budget,
    out: values.out,
    work: values.work,
    smoke: values.smoke ?? false,
    allowSoftware: values['allow-software'] ?? false,
    stages: [...new Set(ordered)] as StageName[],
    icd: values.icd || null,
    icdTried: (values['icd-tried'] ?? '').split(':').filter(Boolean),
  };
}
