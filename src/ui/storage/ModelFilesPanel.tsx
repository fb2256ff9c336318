import { useId, useState } from 'react';
import type { DragEvent } from 'react';
import type { ModelAvailability } from '../../client/trainerSelectors';
import type { ExportedOnnx, SavedModelFiles } from '../../client/useTrainer';
import type { ModelName } from '../../protocol';
import { downloadFile } from '../shared/download';
import { formatBytes, formatCount } from '../shared/format';
import { loadedOutcome } from './modelFilesOutcome';
import './ModelFilesPanel.css';

interface ModelFilesPanelProps {
  model: ModelAvailability;
  /** A run is going or being asked for: loading would replace its model, so it waits. */
  busy: boolean;
  /** The worker is there to ask. */
  ready: boolean;
  /** The model.json the current weights came from, and which network it holds. */
  loaded: { fileName: string; model: ModelName } | null;
  save: () => Promise<SavedModelFiles>;
  /** The current model as an ONNX file (mid-run: the last finished step's weights). */
  exportOnnx: () => Promise<ExportedOnnx>;
  /** Answers with the names of the files that made the model (model.json first). */
  load: (files: readonly File[]) => Promise<string[]>;
  /** Trains on from the loaded weights, with the form's other settings. */
  onTrainFromLoaded: () => void;
  /** Whether the form's settings allow that run (same network, valid, data loaded). */
  canTrainFromLoaded: boolean;
  /** Why a run from the loaded weights is held back by the page, or null. */
  trainFromLoadedBlock: string | null;
}

type Outcome = { ok: boolean; text: string } | null;

/** What an export wrote, and, mid-run, which weights it holds. */
function onnxOutcome({ fileName, file, duringRun }: ExportedOnnx): string {
  const written = `Exported ${fileName} (${formatBytes(file.size)}, ONNX opset 17).`;
  if (!duringRun) return written;
  const { epoch, imagesDone, imagesTotal } = duringRun;
  const where =
    imagesTotal > 0
      ? `, at least ${formatCount(imagesDone)} of ${formatCount(imagesTotal)} images`
      : '';
  return `${written} Training was running: the file holds the weights after the last finished step (epoch ${epoch}${where}), and training goes on.`;
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Save model (model.json + weights, the tfjs layers format, downloaded by the page), Export ONNX
 * (one .onnx file for ONNX Runtime, PyTorch via onnx2torch, Netron) and Load model
 * (a file input with that label, or both files dropped on the panel). A refused file says why, and the
 * current model stays.
 */
export function ModelFilesPanel(props: ModelFilesPanelProps) {
  const { model, busy, ready, loaded } = props;
  const inputId = useId();
  const [working, setWorking] = useState<'save' | 'export' | 'load' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [dragging, setDragging] = useState(false);

  const save = async () => {
    setWorking('save');
    setOutcome(null);
    try {
      const files = await props.save();
      downloadFile('model.json', files.modelJson, 'application/json');
      downloadFile(files.weightsFile, files.weights, 'application/octet-stream');
      setOutcome({ ok: true, text: `Saved model.json and ${files.weightsFile}.` });
    } catch (error) {
      setOutcome({ ok: false, text: `Save model failed: ${reason(error)}` });
    } finally {
      setWorking(null);
    }
  };

  const exportOnnx = async () => {
    setWorking('export');
    setOutcome(null);
    try {
      const onnx = await props.exportOnnx();
      downloadFile(onnx.fileName, onnx.file, 'application/octet-stream');
      setOutcome({ ok: true, text: onnxOutcome(onnx) });
    } catch (error) {
      setOutcome({ ok: false, text: `Export ONNX failed: ${reason(error)}` });
    } finally {
      setWorking(null);
    }
  };

  const load = async (files: readonly File[]) => {
    if (files.length === 0) return;
    if (busy) {
      setOutcome({ ok: false, text: 'Stop training before loading a model.' });
      return;
    }
    setWorking('load');
    setOutcome(null);
    try {
      const used = await props.load(files);
      setOutcome({
        ok: true,
        text: loadedOutcome(
          files.map((f) => f.name),
          used,
        ),
      });
    } catch (error) {
      setOutcome({
        ok: false,
        text: `The model was not loaded: ${reason(error)} The current model is kept.`,
      });
    } finally {
      setWorking(null);
    }
  };

  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setDragging(false);
    void load([...e.dataTransfer.files]);
  };

  return (
    <section
      className={dragging ? 'card model-files dragging' : 'card model-files'}
      aria-labelledby="model-files-heading"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h2 id="model-files-heading">Model files</h2>
      <p className="muted">
        {model.kind === 'none'
          ? 'No model yet: train one, or load a model.json and its weights file saved by this app.'
          : loaded
            ? `The current model (${loaded.model}) came from ${loaded.fileName}.`
            : `The current model has ${model.epochsDone} epoch${model.epochsDone === 1 ? '' : 's'} of training.`}
      </p>
      <div className="button-row">
        <button
          type="button"
          disabled={model.kind === 'none' || !ready}
          aria-disabled={working !== null || undefined}
          onClick={() => working === null && void save()}
        >
          Save model
        </button>
        <button
          type="button"
          disabled={model.kind === 'none' || !ready}
          aria-disabled={working !== null || undefined}
          onClick={() => working === null && void exportOnnx()}
        >
          Export ONNX
        </button>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          multiple
          accept=".json,.bin,application/json,application/octet-stream"
          aria-label="Load model"
          disabled={!ready || working !== null}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            // Cleared so that choosing the same files again still fires a change.
            e.target.value = '';
            void load(files);
          }}
        />
        <label htmlFor={inputId} className="button-like">
          Load model…
        </label>
        {loaded && (
          <button
            type="button"
            disabled={!props.canTrainFromLoaded}
            onClick={props.onTrainFromLoaded}
          >
            Train from these weights
          </button>
        )}
      </div>
      <p className="muted">
        Choose model.json and its .bin file together, or drop both here.
        {working === 'save' && ' Reading the weights out…'}
        {working === 'export' && ' Writing the ONNX file, one weight at a time…'}
        {working === 'load' && ' Checking the files…'}
      </p>
      {loaded && props.trainFromLoadedBlock && (
        <p className="muted">{props.trainFromLoadedBlock}</p>
      )}
      {outcome && (
        <p className={outcome.ok ? 'ok' : 'error-box'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
    </section>
  );
}
