import type { AdapterLimits, ModelName, StepProfile } from '../../protocol';
import { largestBuffer } from '../../protocol';
import { formatBytes } from '../shared/format';

interface MemoryViewProps {
  limits: AdapterLimits | null;
  profile: StepProfile | null;
  model: ModelName;
  batch: number;
}

/** The adapter's per-buffer limits beside what the chosen batch needs, and tfjs's GPU memory. */
export function MemoryView({ limits, profile, model, batch }: MemoryViewProps) {
  const need = largestBuffer(model, batch);
  const limit = limits ? Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize) : null;
  return (
    <dl className="memory-list">
      <dt>Largest buffer</dt>
      <dd>{limits ? formatBytes(limits.maxBufferSize) : 'not known (no WebGPU adapter)'}</dd>
      <dt>Largest storage binding</dt>
      <dd>{limits ? formatBytes(limits.maxStorageBufferBindingSize) : 'not known'}</dd>
      <dt>
        Largest buffer of {model} at batch {batch}
      </dt>
      <dd>
        {formatBytes(need.bytes)} ({need.layer})
        {limit !== null &&
          (need.bytes <= limit
            ? ': fits'
            : `: does not fit; the adapter's limit is ${formatBytes(limit)}, so choose a smaller batch`)}
      </dd>
      <dt>tfjs memory in use</dt>
      <dd>{profile ? formatBytes(profile.memory.bytesInUse) : 'after the first profiled step'}</dd>
      <dt>Peak during a step</dt>
      <dd>{profile ? formatBytes(profile.memory.peakBytes) : '—'}</dd>
      {profile && profile.memory.gpuBytesAllocated !== null && (
        <>
          <dt>GPU buffers allocated (pool included)</dt>
          <dd>{formatBytes(profile.memory.gpuBytesAllocated)}</dd>
        </>
      )}
    </dl>
  );
}
