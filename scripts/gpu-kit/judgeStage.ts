// How a GPU-kit stage went, from how its process ended and the JSON it wrote; and whether the
// adapter stage found something worth measuring. Pure, so it is unit-tested.

import type { TrainReportData } from '../train/report';
import type { KitOptions } from './kitOptions';
import type { StageRun } from './runStage';
import type { StageName } from './stages';
import {
  trainStageStatus,
  type AdapterResult,
  type StageRecord,
  type TorchResult,
} from './summary';

/** The stage's record from how its process ended and what it wrote. */
export function judgeStage(
  name: StageName,
  run: StageRun,
  result: unknown,
): Omit<StageRecord, 'name' | 'title'> {
  const base = { seconds: run.seconds, exitCode: run.exitCode, result };
  if (run.spawnError) {
    const missingPython = name === 'torch' && /ENOENT/.test(run.spawnError);
    return missingPython
      ? { ...base, status: 'skipped', reason: 'no python3 on this machine' }
      : { ...base, status: 'failed', reason: run.spawnError };
  }
  switch (name) {
    case 'step-own':
    case 'step-stock':
    case 'reference':
    case 'mini-preset':
    case 'mini-reference':
    case 'alexnet-preset': {
      const report = (result as TrainReportData | undefined) ?? null;
      const kind = name === 'step-own' || name === 'step-stock' ? 'step' : 'epochs';
      return { ...base, ...trainStageStatus(report, run, kind) };
    }
    case 'torch': {
      const torch = result as TorchResult | undefined;
      if (torch && !torch.available)
        return { ...base, status: 'skipped', reason: torch.reason ?? '' };
      const failedModes = torch?.modes.filter((m) => m.error) ?? [];
      if (failedModes.length > 0) {
        const reason = failedModes.map((m) => `${m.mode}: ${m.error}`).join('; ');
        return { ...base, status: 'failed', reason };
      }
      break;
    }
    case 'adapter': {
      const adapter = result as AdapterResult | undefined;
      if (!adapter?.found)
        return { ...base, status: 'failed', reason: adapter?.error ?? 'no adapter' };
      break;
    }
    default:
      break;
  }
  if (run.timedOut) return { ...base, status: 'cut', reason: 'stopped at its time limit' };
  if (run.exitCode !== 0) return { ...base, status: 'failed', reason: `exit code ${run.exitCode}` };
  return { ...base, status: 'ok' };
}

export function adapterProblem(
  record: StageRecord,
  options: Pick<KitOptions, 'icd' | 'icdTried' | 'allowSoftware'>,
): string | null {
  if (record.status !== 'ok') {
    const tried = options.icdTried.length ? options.icdTried.join(', ') : 'nowhere';
    return (
      `no WebGPU adapter (${record.reason ?? 'unknown'}). Vulkan driver manifest: ` +
      `${options.icd ?? 'none found'}; looked in: ${tried}`
    );
  }
  const adapter = record.result as AdapterResult;
  if (adapter.isSoftware && !options.allowSoftware) {
    return (
      'the adapter is a software one (it runs on the CPU): its numbers would say nothing about ' +
      'the GPU. Is the NVIDIA Vulkan driver there? (--allow-software runs anyway)'
    );
  }
  return null;
}

export function describeAdapterRecord(record: StageRecord | undefined): string | null {
  const adapter = record?.result as AdapterResult | undefined;
  if (!adapter?.adapter) return null;
  const a = adapter.adapter;
  return `${a.vendor} ${a.architecture} "${a.description || a.device}" (${adapter.isSoftware ? 'software' : 'hardware'})`;
}
