// What machine the kit ran on: host, CPU, kernel, and the GPU as nvidia-smi names it (when there is
// an nvidia-smi), for the summary's first lines.

import { spawnSync } from 'node:child_process';
import { cpus, hostname, release } from 'node:os';

export interface MachineInfo {
  hostname: string;
  cpu: string;
  cpus: number;
  kernel: string;
  /** "NVIDIA H100 80GB HBM3, driver 580.159.04, 81559 MiB", or null without nvidia-smi. */
  gpu: string | null;
}

function nvidiaSmi(): string | null {
  const query = spawnSync(
    'nvidia-smi',
    ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader'],
    { encoding: 'utf8', timeout: 15_000 },
  );
  if (query.status !== 0 || !query.stdout) return null;
  return query.stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [name, driver, memory] = line.split(',').map((s) => s.trim());
      return `${name}, driver ${driver}, ${memory}`;
    })
    .join('; ');
}

export function machineInfo(): MachineInfo {
  return {
    hostname: hostname(),
    cpu: cpus()[0]?.model ?? 'unknown CPU',
    cpus: cpus().length,
    kernel: release(),
    gpu: nvidiaSmi(),
  };
}
