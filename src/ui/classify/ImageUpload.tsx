import { useId, useState } from 'react';
import type { DragEvent } from 'react';
import './ImageUpload.css';

export const ACCEPTED_IMAGE_TYPES = 'image/png,image/jpeg,image/webp,image/gif';

/** A file picker and a drop zone; both hand over the first file chosen. */
export function ImageUpload({ onFile }: { onFile: (file: File) => void }) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) onFile(file);
  };

  return (
    <div
      className={dragging ? 'drop-zone dragging' : 'drop-zone'}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <input
        id={inputId}
        className="visually-hidden"
        type="file"
        accept={ACCEPTED_IMAGE_TYPES}
        aria-label="Upload image"
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Clear the value so choosing the same file again still fires a change.
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
      <label htmlFor={inputId} className="button-like">
        Choose an image…
      </label>
      <p className="muted">
        or drop a PNG, JPEG, WebP or GIF here. Photos of one garment on a plain background work
        best.
      </p>
    </div>
  );
}
