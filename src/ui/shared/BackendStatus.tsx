import { adapterName, type BackendInfo, type BackendName } from '../../protocol';
import type { TrainerState } from '../../client/trainerReducer';
import './BackendStatus.css';

const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  cpu: 'CPU (JavaScript)',
};

function adapterLine(backend: BackendInfo): string | null {
  const a = backend.adapter;
  if (!a) return null;
  return `${adapterName(a)}${a.isFallbackAdapter ? ' (software fallback adapter)' : ''}`;
}

/** Which kernels run: own ones only exist for WebGPU and the CPU; WebGL is always stock tfjs. */
function kernelLabel(backend: BackendInfo): string {
  if (backend.kernels.mode === 'stock') return 'stock tfjs kernels';
  return backend.kernels.own.length > 0
    ? `own kernels (${backend.kernels.own.length})`
    : 'stock tfjs kernels (no own ones for this backend)';
}

/** Which backend the worker trains on, the adapter behind it, and why it fell back if it did. */
export function BackendStatus({ worker }: { worker: TrainerState['worker'] }) {
  const { backend, status } = worker;
  return (
    <div className="backend-status" role="status" aria-label="Backend" data-backend={backend?.name}>
      {status === 'starting' && <p>Starting the training worker…</p>}
      {status === 'failed' && !backend && <p>No backend: the training worker stopped.</p>}
      {backend && (
        <>
          <p className="backend-name">
            Running on <strong>{BACKEND_LABELS[backend.name]}</strong>
            {backend.isSoftware && <span className="badge warn">software, slow</span>}
            <span className="badge" data-kernels={backend.kernels.mode}>
              {kernelLabel(backend)}
            </span>
          </p>
          {adapterLine(backend) && <p className="muted">Adapter: {adapterLine(backend)}</p>}
          {backend.fallbackReasons.length > 0 && (
            <div className="fallback">
              <p>Fell back because:</p>
              <ul>
                {backend.fallbackReasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </div>
  );
}
