// The GPU kit's driver, started by run.sh with the kit's Node once the Vulkan paths are set: runs
// the stages of stages.ts in order within the time budget, each as a child process with its share,
// and rewrites summary.json and summary.md in the output folder after every stage, so a run cut
// short still leaves everything finished so far.
//
// Exit codes: 0 all stages that ran succeeded, 1 some failed, 2 bad options, 3 stopped at the
// adapter (none, or a software one without --allow-software).

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adapterProblem, describeAdapterRecord, judgeStage } from './judgeStage';
import { KitOptionError, parseKitOptions, type KitOptions } from './kitOptions';
import { machineInfo } from './machineInfo';
import { recipeResults } from './recipeSummary';
import { runStage } from './runStage';
import { STAGES, stageSeconds } from './stages';
import { headline, type StageRecord } from './summary';
import { summaryMarkdown, type SummaryContext } from './summaryMarkdown';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

function readJson(path: string): unknown {
  try {
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function writeAtomic(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

async function main(options: KitOptions): Promise<number> {
  const started = performance.now();
  mkdirSync(options.out, { recursive: true });
  mkdirSync(options.work, { recursive: true });
  const machine = machineInfo();
  const kit = readJson(join(root, 'kit.json')) as { builtAt?: string; commit?: string } | undefined;
  const records: StageRecord[] = [];
  let aborted: string | null = null;
  const context = (): SummaryContext => ({
    date: new Date().toISOString(),
    budgetSeconds: options.budgetSeconds,
    smoke: options.smoke,
    machine: `${machine.hostname}, ${machine.cpu} x${machine.cpus}, Linux ${machine.kernel}`,
    gpu: machine.gpu,
    adapter: describeAdapterRecord(records.find((r) => r.name === 'adapter')),
    kit: `built ${kit?.builtAt ?? '?'} from ${kit?.commit ?? '?'}`,
    aborted,
  });
  const writeSummary = () => {
    const h = headline(records);
    const summary = {
      ...context(),
      options,
      machineInfo: machine,
      kit,
      stages: records,
      headline: h,
      recipes: recipeResults(records),
    };
    writeAtomic(join(options.out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    writeAtomic(join(options.out, 'summary.md'), summaryMarkdown(context(), records, h));
  };
  const stageEnv = (systemLibraries: boolean): NodeJS.ProcessEnv => {
    if (!systemLibraries) return process.env;
    const { ALEXNET_ORIGINAL_LD_LIBRARY_PATH: original, ...rest } = process.env;
    const env: NodeJS.ProcessEnv = { ...rest, PYTHONUNBUFFERED: '1' };
    if (original) env.LD_LIBRARY_PATH = original;
    else delete env.LD_LIBRARY_PATH;
    return env;
  };

  for (const name of options.stages) {
    const spec = STAGES.find((s) => s.name === name)!;
    const record: StageRecord = { name, title: spec.title, status: 'not-run' };
    records.push(record);
    if (aborted) {
      record.reason = 'the run stopped at the adapter';
      continue;
    }
    if (!existsSync(join(root, 'app', spec.bundle))) {
      record.status = 'skipped';
      record.reason = `not in this kit (no ${spec.bundle} when it was built)`;
      continue;
    }
    const remaining = options.budgetSeconds - (performance.now() - started) / 1000;
    const seconds = stageSeconds(spec.share, options.budgetSeconds, remaining);
    if (seconds === 0) {
      record.reason = 'no time left in the budget';
      continue;
    }
    record.limitSeconds = seconds;
    const ctx = { root, work: options.work, out: options.out, smoke: options.smoke };
    const command = spec.command(ctx, seconds);
    console.log(`\n== ${spec.title} (${name}, up to ${seconds} s)`);
    const run = await runStage(name, command.command, command.args, {
      seconds,
      env: stageEnv(command.systemLibraries ?? false),
    });
    Object.assign(record, judgeStage(spec.name, run, readJson(command.resultFile)));
    if (record.status === 'failed') record.tail = run.tail;
    console.log(
      `== ${name}: ${record.status}${record.reason ? ` (${record.reason})` : ''}, ${run.seconds.toFixed(1)} s`,
    );
    if (name === 'adapter') aborted = adapterProblem(record, options);
    if (aborted) console.log(`Stopping: ${aborted}`);
    writeSummary();
  }
  writeSummary();
  console.log(`\n${readFileSync(join(options.out, 'summary.md'), 'utf8')}`);
  console.log(`Wrote ${join(options.out, 'summary.md')} and summary.json`);
  if (aborted) return 3;
  return records.some((r) => r.status === 'failed') ? 1 : 0;
}

let options: KitOptions;
try {
  options = parseKitOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof KitOptionError)) throw error;
  console.error(`orchestrate: ${error.message}`);
  process.exit(2);
}
process.exit(await main(options));
