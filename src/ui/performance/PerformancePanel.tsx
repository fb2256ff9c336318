import type { BackendInfo, ModelName, StepProfile } from '../../protocol';
import type { KernelBench } from '../../client/useKernelBench';
import { BenchmarkSection } from './BenchmarkSection';
import { MemoryView } from './MemoryView';
import { StepProfileView } from './StepProfileView';
import './performance.css';

interface PerformancePanelProps {
  backend: BackendInfo | null;
  stepProfile: StepProfile | null;
  /** The model and batch of the run, or of the form when none is training. */
  model: ModelName;
  batch: number;
  /** A run is training or paused: the benchmark would share the GPU with it. */
  trainingBusy: boolean;
  /** The page's one benchmark run: App holds it, since Train waits while it runs. */
  bench: KernelBench;
}

function benchRefusal(backend: BackendInfo | null, trainingBusy: boolean): string | null {
  if (trainingBusy)
    return 'A run is training: benchmarking now would share the GPU with it and skew both. Stop the run or let it finish first (its weights stay either way).';
  if (backend && backend.name !== 'webgpu')
    return `Benchmark this GPU needs WebGPU; this page runs on ${backend.name}.`;
  return null;
}

/** The Performance tab: the live step profile, memory, and "Benchmark this GPU". */
export function PerformancePanel(props: PerformancePanelProps) {
  const { backend, stepProfile, model, batch, trainingBusy, bench } = props;
  return (
    <section className="card performance" role="group" aria-label="Performance">
      <h2>Performance</h2>
      <section aria-labelledby="step-profile-heading">
        <h3 id="step-profile-heading">Step profile</h3>
        <StepProfileView profile={stepProfile} />
      </section>
      <section aria-labelledby="memory-heading">
        <h3 id="memory-heading">Memory</h3>
        <MemoryView
          limits={backend?.limits ?? null}
          profile={stepProfile}
          model={model}
          batch={batch}
        />
      </section>
      <BenchmarkSection
        bench={bench}
        model={model}
        batch={batch}
        refusal={benchRefusal(backend, trainingBusy)}
      />
    </section>
  );
}
