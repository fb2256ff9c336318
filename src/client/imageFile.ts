// Turns an uploaded file into RGBA pixels at a bounded size, or a sentence saying why it can't.
// The header is checked before decoding: a 20000x20000 PNG can be a few hundred kilobytes on disk
// and 1.6 GB once decoded.

import type { RasterImage } from './preprocess';
import { FORMAT_NAMES, readImageHeader } from './imageHeader';

/** Larger pictures are refused before decoding. */
export const MAX_IMAGE_MEGAPIXELS = 50;
/** Decoded pictures are drawn at most this many pixels on their long side before preprocessing. */
export const MAX_WORKING_SIDE = 512;
/** Enough for the header of most files, a JPEG's frame header behind a large EXIF block included. */
const HEADER_BYTES = 256 * 1024;
/** How far into a JPEG its frame header is looked for, behind metadata segments (each up to 64 kB):
 * reading bytes is cheap next to decoding a picture too large to allow. */
const MAX_JPEG_HEADER_SCAN = 16 * 1024 * 1024;

/** A problem with the file itself; its message is written for the person who chose it. */
export class ImageFileError extends Error {
  override name = 'ImageFileError';
}

const unreadable = (why: string) =>
  new ImageFileError(`That file is not an image we can read (${why}).`);

function checkSize(width: number, height: number): void {
  const megapixels = (width * height) / 1e6;
  if (megapixels > MAX_IMAGE_MEGAPIXELS) {
    throw new ImageFileError(
      `That image is too large: ${width} x ${height} pixels is ${Math.round(megapixels)} megapixels; ` +
        `the limit is ${MAX_IMAGE_MEGAPIXELS}.`,
    );
  }
  if (width < 1 || height < 1)
    throw unreadable(`its header says it is ${width} x ${height} pixels`);
}

/** Decodes `file` (PNG, JPEG, GIF or WebP) and returns its pixels scaled to fit MAX_WORKING_SIDE. */
export async function decodeImageFile(file: Blob & { name?: string }): Promise<RasterImage> {
  const label = file.name ? `"${file.name}"` : 'the file';
  if (file.size === 0) throw unreadable(`${label} is empty`);
  const read = async (bytes: number) =>
    new Uint8Array(await file.slice(0, Math.min(file.size, bytes)).arrayBuffer());
  let header = readImageHeader(await read(HEADER_BYTES), file.size);
  if (header?.format === 'jpeg' && !header.size && file.size > HEADER_BYTES) {
    header = readImageHeader(await read(MAX_JPEG_HEADER_SCAN), file.size);
  }
  if (!header) throw unreadable(`${label} is not a PNG, JPEG, WebP or GIF`);
  // Garbage behind a valid signature can claim any size: it is not news that it is "too large".
  if (header.damaged) throw unreadable(`${label} ${header.damaged}; it cannot be decoded`);
  // The size is known before decoding, or the file is not decoded at all.
  if (!header.size) {
    throw unreadable(
      `the size of ${label} is not in its ${FORMAT_NAMES[header.format]} header, so it is not decoded`,
    );
  }
  checkSize(header.size.width, header.size.height);

  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw unreadable(
      `the browser could not decode ${label} as a ${FORMAT_NAMES[header.format]}; it may be damaged`,
    );
  }
  try {
    checkSize(bitmap.width, bitmap.height);
    const scale = Math.min(1, MAX_WORKING_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('This browser cannot draw to an offscreen canvas.');
    // Transparent areas stay transparent here; preprocessing treats them as white paper.
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    const { data } = context.getImageData(0, 0, width, height);
    return { width, height, channels: 4, data };
  } finally {
    bitmap.close();
  }
}
