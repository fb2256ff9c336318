// The trainer's console lines. Pure, so their format is unit-tested: the epoch line follows the
// reference run's log ("epoch 1, loss 0.6393, train acc 0.760, test acc 0.856, time 70.1 sec").

import type { BackendInfo, EpochMetrics } from '../../src/protocol';
import type { StepProgress } from '../../src/training/trainer';

/** `epoch 1, loss 0.6393, train acc 0.760, test acc 0.856, time 70.1 sec, 855.9 img/s`. */
export function formatEpochLine(m: EpochMetrics): string {
  return (
    `epoch ${m.epoch}, loss ${m.trainLoss.toFixed(4)}, train acc ${m.trainAccuracy.toFixed(3)}, ` +
    `test acc ${m.testAccuracy.toFixed(3)}, time ${m.trainSeconds.toFixed(1)} sec, ` +
    `${m.imagesPerSec.toFixed(1)} img/s`
  );
}

/** 75 -> "1m 15s", 3725 -> "1h 2m", 9 -> "9s"; "?" when not finite. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * `epoch 1/5, 12,800/59,904 images, 856.1 img/s, loss 0.6512, ETA 4m 12s`; the ETA covers the
 * training images left in all epochs at the current rate (evaluation not included).
 */
export function formatProgressLine(p: StepProgress, epochs: number): string {
  const imagesLeft = p.imagesTotal - p.imagesDone + (epochs - p.epoch) * p.imagesTotal;
  const eta = p.imagesPerSec > 0 ? formatDuration(imagesLeft / p.imagesPerSec) : '?';
  return (
    `epoch ${p.epoch}/${epochs}, ${count(p.imagesDone)}/${count(p.imagesTotal)} images, ` +
    `${p.imagesPerSec.toFixed(1)} img/s, loss ${p.loss.toFixed(4)}, ETA ${eta}`
  );
}

/** One line saying what runs the training, e.g. `webgpu on NVIDIA hopper "NVIDIA H100" (hardware)`. */
export function formatBackendLine(info: BackendInfo): string {
  const kernels =
    info.kernels.own.length > 0
      ? `${info.kernels.mode} kernels (${info.kernels.own.join(', ')})`
      : `${info.kernels.mode} kernels (none of its own on this backend)`;
  if (info.name !== 'webgpu' || !info.adapter) {
    return `Backend: ${info.name} (CPU), ${kernels}`;
  }
  const a = info.adapter;
  const name = [a.vendor, a.architecture].filter(Boolean).join(' ') || 'unknown vendor';
  const description = a.description || a.device;
  const kind = info.isSoftware
    ? 'software: runs on the CPU, numbers say nothing about GPUs'
    : 'hardware';
  return `Backend: webgpu on ${name}${description ? ` "${description}"` : ''} (${kind}), ${kernels}`;
}
