import { describe, expect, it } from 'vitest';
import { adapterProblem, judgeStage } from './judgeStage';
import type { StageRun } from './runStage';
import type { StageRecord } from './summary';

const run = (over: Partial<StageRun> = {}): StageRun => ({
  exitCode: 0,
  signal: null,
  seconds: 3,
  timedOut: false,
  tail: [],
  ...over,
});

describe('judgeStage', () => {
  it('skips PyTorch where there is no python3 or no torch, and fails a setting that broke', () => {
    expect(
      judgeStage('torch', run({ spawnError: 'spawn python3 ENOENT' }), undefined),
    ).toMatchObject({
      status: 'skipped',
      reason: 'no python3 on this machine',
    });
    const noTorch = { available: false, reason: 'PyTorch is not importable', modes: [] };
    expect(judgeStage('torch', run(), noTorch)).toMatchObject({
      status: 'skipped',
      reason: 'PyTorch is not importable',
    });
    const broken = { available: true, modes: [{ mode: 'fp32', error: 'OOM' }] };
    expect(judgeStage('torch', run(), broken)).toMatchObject({
      status: 'failed',
      reason: 'fp32: OOM',
    });
  });

  it('fails the adapter stage without an adapter, and other stages on a bad exit', () => {
    const none = { found: false, error: 'no Vulkan driver' };
    expect(judgeStage('adapter', run({ exitCode: 3 }), none)).toMatchObject({
      status: 'failed',
      reason: 'no Vulkan driver',
    });
    expect(judgeStage('check-kernels', run({ exitCode: 1 }), {})).toMatchObject({
      status: 'failed',
      reason: 'exit code 1',
    });
    expect(judgeStage('bench-kernels', run({ timedOut: true }), {})).toMatchObject({
      status: 'cut',
    });
    expect(judgeStage('bench-kernels', run(), { any: 'thing' })).toMatchObject({
      status: 'ok',
      result: { any: 'thing' },
      seconds: 3,
    });
  });

  it('counts a recipe run stopped by its budget as cut, with the epochs it finished', () => {
    const report = { status: 'budget', epochs: [{ epoch: 1 }, { epoch: 2 }] };
    for (const name of ['mini-preset', 'mini-reference', 'alexnet-preset'] as const) {
      expect(judgeStage(name, run(), report)).toMatchObject({
        status: 'cut',
        reason: 'its time budget ran out after 2 epoch(s)',
      });
    }
    expect(judgeStage('mini-preset', run(), { status: 'finished', epochs: [] })).toMatchObject({
      status: 'ok',
    });
  });
});

describe('adapterProblem', () => {
  const options = { icd: null, icdTried: ['/a', '/b'], allowSoftware: false };
  const record = (result: unknown, status: StageRecord['status'] = 'ok'): StageRecord => ({
    name: 'adapter',
    title: 'WebGPU adapter',
    status,
    reason: 'no adapter',
    result,
  });

  it('says where the driver was looked for when there is no adapter', () => {
    expect(adapterProblem(record(undefined, 'failed'), options)).toBe(
      'no WebGPU adapter (no adapter). Vulkan driver manifest: none found; looked in: /a, /b',
    );
  });

  it('refuses a software adapter unless allowed, and accepts a hardware one', () => {
    const software = record({ found: true, isSoftware: true });
    expect(adapterProblem(software, options)).toMatch(/^the adapter is a software one/);
    expect(adapterProblem(software, { ...options, allowSoftware: true })).toBeNull();
    expect(adapterProblem(record({ found: true, isSoftware: false }), options)).toBeNull();
  });
});
