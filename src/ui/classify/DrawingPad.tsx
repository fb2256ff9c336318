import { useEffect, useRef } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import type { RasterImage } from '../../client/preprocess';
import './DrawingPad.css';

/** Internal resolution; CSS scales the canvas to the layout. 10x the model's 28 keeps strokes smooth. */
const SIDE = 280;
const BRUSH = 18;
const BACKGROUND = '#000';
const INK = '#fff';

interface DrawingPadProps {
  /** Called with the pad's pixels when a stroke ends and when "Classify drawing" is pressed. */
  onDrawing: (image: RasterImage) => void;
  onClear: () => void;
}

/** A square to draw a garment on with mouse, finger or pen: white ink on black, like the dataset. */
export function DrawingPad({ onDrawing, onClear }: DrawingPadProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const activePointer = useRef<number | null>(null);

  const context = () => canvasRef.current?.getContext('2d', { willReadFrequently: true }) ?? null;

  const fillBackground = () => {
    const ctx = context();
    if (!ctx) return;
    // A transparent canvas reads back as black with alpha 0; paint it so the pixels mean what they show.
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, SIDE, SIDE);
  };

  useEffect(fillBackground, []);

  const readPixels = (): RasterImage | null => {
    const ctx = context();
    if (!ctx) return null;
    return {
      width: SIDE,
      height: SIDE,
      channels: 4,
      data: ctx.getImageData(0, 0, SIDE, SIDE).data,
    };
  };

  const toCanvas = (e: { clientX: number; clientY: number }) => {
    const rect = canvasRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return { x: 0, y: 0 };
    return {
      x: ((e.clientX - rect.left) * SIDE) / rect.width,
      y: ((e.clientY - rect.top) * SIDE) / rect.height,
    };
  };

  const strokeTo = (point: { x: number; y: number }, pressure: number) => {
    const ctx = context();
    const from = last.current ?? point;
    if (!ctx) return;
    ctx.strokeStyle = INK;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = BRUSH * pressure;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(point.x, point.y);
    ctx.stroke();
    last.current = point;
  };

  // Pens report real pressure; mice and most touch screens report a constant 0.5 or 0.
  const pressureOf = (e: ReactPointerEvent) =>
    e.pointerType === 'pen' ? 0.5 + Math.min(1, Math.max(0, e.pressure)) : 1;

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (activePointer.current !== null) return; // one stroke at a time: ignore a second finger
    e.preventDefault();
    activePointer.current = e.pointerId;
    e.currentTarget.setPointerCapture(e.pointerId);
    last.current = null;
    strokeTo(toCanvas(e), pressureOf(e));
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (activePointer.current !== e.pointerId) return;
    const events = e.nativeEvent.getCoalescedEvents?.() ?? [];
    for (const ev of events.length > 0 ? events : [e.nativeEvent])
      strokeTo(toCanvas(ev), pressureOf(e));
  };

  const endStroke = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (activePointer.current !== e.pointerId) return;
    activePointer.current = null;
    last.current = null;
    const image = readPixels();
    if (image) onDrawing(image);
  };

  return (
    <div className="drawing-pad">
      <canvas
        ref={canvasRef}
        width={SIDE}
        height={SIDE}
        aria-label="Drawing pad"
        className="pad-canvas"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endStroke}
        onPointerCancel={endStroke}
      />
      <div className="button-row">
        <button
          type="button"
          onClick={() => {
            fillBackground();
            onClear();
          }}
        >
          Clear
        </button>
        <button
          type="button"
          onClick={() => {
            const image = readPixels();
            if (image) onDrawing(image);
          }}
        >
          Classify drawing
        </button>
      </div>
    </div>
  );
}
