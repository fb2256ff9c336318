import { useState } from 'react';
import type { TrainConfig } from '../protocol';

/**
 * The form's settings, which App keeps (the address bar and Train from these weights use them),
 * and a version that changes when a run under way brings other settings: after Resume, or a run
 * from loaded weights of another network, the form shows the run's settings and starts over from
 * them (TrainingTab keys the form by the version) instead of keeping what it held before.
 */
export function useFormSettings(initial: TrainConfig, runConfig: TrainConfig | null) {
  const [config, setConfig] = useState<TrainConfig>(initial);
  const [version, setVersion] = useState(0);
  // Adjusted while rendering (React's pattern for state that follows a prop), once per new run.
  const [adopted, setAdopted] = useState<TrainConfig | null>(null);
  if (runConfig && runConfig !== adopted) {
    setAdopted(runConfig);
    if (JSON.stringify(runConfig) !== JSON.stringify(config)) {
      setConfig(runConfig);
      setVersion((v) => v + 1);
    }
  }
  return { config, setConfig, version };
}
