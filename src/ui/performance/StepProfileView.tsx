import type { StepPhase, StepProfile } from '../../protocol';
import { STEP_PHASES } from '../../protocol';

const PHASE_NAMES: Record<StepPhase, string> = {
  forward: 'forward',
  inputGradients: 'input gradients',
  weightGradients: 'weight gradients',
  optimizer: 'optimizer',
  rest: 'rest',
};
const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** Where one sampled training step's GPU time went: per phase, per layer, the top kernels. */
export function StepProfileView({ profile }: { profile: StepProfile | null }) {
  if (!profile) {
    return (
      <p className="muted">
        No step profiled yet: while a run trains, one step in many is timed here (the second step
        first).
      </p>
    );
  }
  const { phases, gpuMs } = profile;
  return (
    <div>
      <p>
        Step {profile.runStep + 1} ({profile.model}, batch {profile.batch}): {ms(profile.wallMs)} ms
        wall-clock while profiled
        {profile.plainStepMs !== null ? `, ${ms(profile.plainStepMs)} ms a plain step` : ''}
        {gpuMs !== null ? `, ${ms(gpuMs)} ms of GPU programs` : ''}; {profile.kernels} kernels. The
        next sample is {profile.every} steps on: samples are spaced by what they cost, so profiling
        takes at most 2% of the run&apos;s time.
      </p>
      {!profile.timestamps && (
        <p role="note">
          This adapter gives no timestamp queries: only the wall-clock time of a step is shown.
        </p>
      )}
      {profile.rounded100us && (
        <p role="note">
          The browser rounds GPU times to 100 µs (Chrome does unless its WebGPU developer features
          are on): short kernels read as 0 or 0.1 ms.
        </p>
      )}
      {phases && gpuMs !== null && gpuMs > 0 && (
        <div className="table-scroll">
          <table className="profile-table">
            <caption>GPU ms per layer and phase</caption>
            <thead>
              <tr>
                <th scope="col">layer</th>
                {STEP_PHASES.map((p) => (
                  <th scope="col" key={p}>
                    {PHASE_NAMES[p]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {profile.layers.map((l) => (
                <tr key={l.layer}>
                  <th scope="row">{l.layer}</th>
                  {STEP_PHASES.map((p) => (
                    <td className="num" key={p}>
                      {ms(l.phases[p])}
                    </td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row">step</th>
                {STEP_PHASES.map((p) => (
                  <td className="num" key={p}>
                    {ms(phases[p])} ({pct(phases[p] / gpuMs)})
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      )}
      {profile.top.length > 0 && (
        <>
          <h4>Most expensive kernels</h4>
          <ol className="top-kernels">
            {profile.top.map((t) => (
              <li key={`${t.kernel} ${t.layer} ${t.phase}`}>
                {t.kernel} ({t.layer}, {PHASE_NAMES[t.phase]}): {ms(t.ms)} ms, {pct(t.share)}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
