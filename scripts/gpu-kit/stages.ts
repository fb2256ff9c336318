// What the GPU kit runs on the GPU machine, in which order, and how much of the time budget each
// stage may take. The order puts the most valuable numbers first, because the machine's own
// start-up eats minutes of a 15-minute lease and the run may be cut short: the adapter (is it the
// GPU at all?), own-kernel training speed, PyTorch's speed on the same GPU (the ratio), own kernels'
// correctness there, stock-kernel speed, the kernel benchmark, and then the reference run with all
// the time that is left, writing every finished epoch as it goes.

export const STAGE_NAMES = [
  'adapter',
  'step-own',
  'torch',
  'check-kernels',
  'step-stock',
  'bench-kernels',
  'reference',
] as const;
export type StageName = (typeof STAGE_NAMES)[number];

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

export interface StageSpec {
  name: StageName;
  title: string;
  /** The most this stage may take, as a share of the whole budget; 'rest' takes all that is left. */
  share: number | 'rest';
  /** App bundle this stage needs (optional stages are in the kit only when their script was). */
  bundle: string;
  command(ctx: StageContext, seconds: number): StageCommand;
}

/** The step benchmark: the trainer's own loop, stopped at the first loss read after N steps. */
function stepBench(kernels: 'own' | 'stock') {
  return (ctx: StageContext, seconds: number): StageCommand => {
    const size = ctx.smoke
      ? ['--model', 'alexnet-mini', '--batch', '8', '--max-steps', '2', '--test', '8']
      : ['--model', 'alexnet', '--batch', '128', '--max-steps', '50', '--test', '128'];
    const resultFile = `${ctx.work}/step-${kernels}.json`;
    return {
      command: `${ctx.root}/bin/node`,
      args: [
        `${ctx.root}/app/train.mjs`,
        ...size,
        ...['--epochs', '1', '--kernels', kernels, '--data', `${ctx.root}/data`],
        ...['--budget', String(trainBudget(seconds)), '--out', resultFile],
      ],
      resultFile,
    };
  };
}

/** The trainer stops itself this long before the stage's hard limit, to finish and write. */
const trainBudget = (seconds: number) =>
  Math.max(1, Math.floor(seconds - Math.min(15, seconds / 5)));

/**
 * The kernel scripts of the kernels branch take --budget, --batch and --out. The smoke test's
 * benchmark times alexnet-mini's layers only (alexnet's calls, and whole steps, take minutes on a
 * software adapter).
 */
function kernelScript(name: 'check-kernels' | 'bench-kernels') {
  return (ctx: StageContext, seconds: number): StageCommand => {
    const resultFile = `${ctx.work}/${name}.json`;
    const smokeBench =
      ctx.smoke && name === 'bench-kernels'
        ? ['--model', 'alexnet-mini', '--steps', 'none', '--reps', '1']
        : [];
    return {
      command: `${ctx.root}/bin/node`,
      args: [
        `${ctx.root}/app/${name}.mjs`,
        ...['--budget', String(trainBudget(seconds)), '--batch', ctx.smoke ? '2' : '128'],
        ...smokeBench,
        ...['--out', resultFile],
      ],
      resultFile,
    };
  };
}

export const STAGES: readonly StageSpec[] = [
  {
    name: 'adapter',
    title: 'WebGPU adapter',
    share: 0.05,
    bundle: 'adapter.mjs',
    command: (ctx) => ({
      command: `${ctx.root}/bin/node`,
      args: [`${ctx.root}/app/adapter.mjs`, '--out', `${ctx.work}/adapter.json`],
      resultFile: `${ctx.work}/adapter.json`,
    }),
  },
  {
    name: 'step-own',
    title: 'Training steps, own kernels',
    share: 0.15,
    bundle: 'train.mjs',
    command: stepBench('own'),
  },
  {
    name: 'torch',
    title: 'PyTorch on the same GPU',
    share: 0.12,
    bundle: 'train.mjs',
    command: (ctx, seconds) => ({
      command: 'python3',
      args: [
        `${ctx.root}/reference/alexnet_torch.py`,
        ...(ctx.smoke ? ['--batch', '8', '--warmup', '1', '--steps', '3'] : []),
        ...['--budget', String(trainBudget(seconds)), '--out', `${ctx.work}/torch.json`],
      ],
      resultFile: `${ctx.work}/torch.json`,
      systemLibraries: true,
    }),
  },
  {
    name: 'check-kernels',
    title: 'Own kernels against the CPU',
    share: 0.12,
    bundle: 'check-kernels.mjs',
    command: kernelScript('check-kernels'),
  },
  {
    name: 'step-stock',
    title: 'Training steps, stock kernels',
    share: 0.12,
    bundle: 'train.mjs',
    command: stepBench('stock'),
  },
  {
    name: 'bench-kernels',
    title: 'Kernel benchmark',
    share: 0.1,
    bundle: 'bench-kernels.mjs',
    command: kernelScript('bench-kernels'),
  },
  {
    name: 'reference',
    title: 'Reference run',
    share: 'rest',
    bundle: 'train.mjs',
    command: (ctx, seconds) => {
      const size = ctx.smoke
        ? [
            '--model',
            'alexnet-mini',
            '--epochs',
            '1',
            '--batch',
            '8',
            '--train',
            '16',
            '--test',
            '8',
          ]
        : [
            '--model',
            'alexnet',
            '--epochs',
            '5',
            '--batch',
            '128',
            '--train',
            '60000',
            '--test',
            '10000',
          ];
      // Straight into the output folder: rewritten after every epoch, it survives a hard kill.
      const resultFile = `${ctx.out}/reference.json`;
      return {
        command: `${ctx.root}/bin/node`,
        args: [
          `${ctx.root}/app/train.mjs`,
          ...size,
          ...['--kernels', 'own', '--data', `${ctx.root}/data`],
          ...['--budget', String(trainBudget(seconds)), '--out', resultFile],
        ],
        resultFile,
      };
    },
  },
];

/** Seconds kept back at the end for the summary. */
export const RESERVE_SECONDS = 5;
/** A stage that would get less than this is not started. */
export const MIN_STAGE_SECONDS = 10;

/**
 * The seconds a stage may run: its share of the whole budget, never more than is left (minus the
 * reserve); 0 when that is under MIN_STAGE_SECONDS.
 */
export function stageSeconds(share: number | 'rest', budget: number, remaining: number): number {
  const available = remaining - RESERVE_SECONDS;
  const seconds = share === 'rest' ? available : Math.min(share * budget, available);
  return seconds >= MIN_STAGE_SECONDS ? Math.floor(seconds) : 0;
}
