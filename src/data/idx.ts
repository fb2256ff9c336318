// Parser for the IDX files Fashion-MNIST ships in (the MNIST format: big-endian magic number, then
// one big-endian uint32 per dimension, then the uint8 data). Pure byte work, so it runs in Node
// (scripts/prepare-data.ts) and would run in a worker alike.

import { IMAGE_SIZE, NUM_CLASSES } from '../protocol/classes';
import { DataError } from './manifest';

/** uint8 data, 3 dimensions (count x rows x cols). */
export const IDX_IMAGES_MAGIC = 0x00000803;
/** uint8 data, 1 dimension (count). */
export const IDX_LABELS_MAGIC = 0x00000801;

export interface IdxImages {
  count: number;
  /** count * 28 * 28 bytes, row-major, a view into the input. */
  pixels: Uint8Array;
}

export interface IdxLabels {
  count: number;
  /** count bytes, each 0-9, a view into the input. */
  labels: Uint8Array;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

/** Reads the magic number and the dimensions; throws if the header is short or the magic is wrong. */
function readHeader(bytes: Uint8Array, file: string, magic: number, kind: string): number[] {
  const dimCount = magic & 0xff;
  const headerBytes = 4 + 4 * dimCount;
  const tooShort = () =>
    new DataError(
      `${file}: too short to be an IDX ${kind} file (${bytes.length} bytes, the header alone takes ${headerBytes})`,
    );
  if (bytes.length < 4) throw tooShort();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = view.getUint32(0);
  if (found !== magic) {
    const other =
      found === IDX_IMAGES_MAGIC
        ? ' (that of an images file)'
        : found === IDX_LABELS_MAGIC
          ? ' (that of a labels file)'
          : '';
    throw new DataError(
      `${file}: wrong IDX magic number ${hex(found)}${other}, expected ${hex(magic)} for ${kind}`,
    );
  }
  if (bytes.length < headerBytes) throw tooShort();
  return Array.from({ length: dimCount }, (_, i) => view.getUint32(4 + 4 * i));
}

function checkLength(
  bytes: Uint8Array,
  file: string,
  headerBytes: number,
  dataBytes: number,
  what: string,
): void {
  const expected = headerBytes + dataBytes;
  if (bytes.length < expected)
    throw new DataError(
      `${file}: truncated: the header announces ${what} (${expected} bytes) but the file has ${bytes.length}`,
    );
  if (bytes.length > expected)
    throw new DataError(
      `${file}: ${bytes.length - expected} unexpected bytes after the ${what} the header announces`,
    );
}

/** Parses an uncompressed IDX images file of 28x28 images. `file` names it in error messages. */
export function parseIdxImages(bytes: Uint8Array, file: string): IdxImages {
  const [count = 0, rows, cols] = readHeader(bytes, file, IDX_IMAGES_MAGIC, 'images');
  if (rows !== IMAGE_SIZE || cols !== IMAGE_SIZE)
    throw new DataError(
      `${file}: images are ${rows}x${cols}, expected ${IMAGE_SIZE}x${IMAGE_SIZE}`,
    );
  if (count === 0) throw new DataError(`${file}: holds no images`);
  const pixelBytes = count * IMAGE_SIZE * IMAGE_SIZE;
  checkLength(bytes, file, 16, pixelBytes, `${count} images`);
  return { count, pixels: bytes.subarray(16) };
}

/** Parses an uncompressed IDX labels file; every label must be a class index 0-9. */
export function parseIdxLabels(bytes: Uint8Array, file: string): IdxLabels {
  const [count = 0] = readHeader(bytes, file, IDX_LABELS_MAGIC, 'labels');
  if (count === 0) throw new DataError(`${file}: holds no labels`);
  checkLength(bytes, file, 8, count, `${count} labels`);
  const labels = bytes.subarray(8);
  const bad = labels.findIndex((l) => l >= NUM_CLASSES);
  if (bad >= 0)
    throw new DataError(
      `${file}: label #${bad} is ${labels[bad]}, not a class index 0-${NUM_CLASSES - 1}`,
    );
  return { count, labels };
}

/** Parses a matching images/labels pair, checking that they hold the same number of items. */
export function parseIdxPair(
  images: { bytes: Uint8Array; file: string },
  labels: { bytes: Uint8Array; file: string },
): { count: number; pixels: Uint8Array; labels: Uint8Array } {
  const img = parseIdxImages(images.bytes, images.file);
  const lab = parseIdxLabels(labels.bytes, labels.file);
  if (img.count !== lab.count)
    throw new DataError(
      `${images.file} holds ${img.count} images but ${labels.file} holds ${lab.count} labels; they must match`,
    );
  return { count: img.count, pixels: img.pixels, labels: lab.labels };
}
