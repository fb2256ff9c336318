// Reads an image file's format and pixel size from its first bytes, so the page can refuse a
// 20000x20000 picture before the browser spends gigabytes decoding it, and name a non-image as such.

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

export interface ImageHeader {
  format: ImageFormat;
  /** Absent when the size is not in the bytes read (e.g. a JPEG with a huge metadata block). */
  size?: { width: number; height: number };
  /** Why the bytes cannot be a whole image of this format (a bad checksum, too few bytes), so a
   * size read from garbage is not reported as the picture's. */
  damaged?: string;
}

export const FORMAT_NAMES: Readonly<Record<ImageFormat, string>> = {
  png: 'PNG',
  jpeg: 'JPEG',
  gif: 'GIF',
  webp: 'WebP',
};

const ascii = (b: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...b.subarray(at, at + length));

const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number) => u16le(b, at) | ((b[at + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, at: number) => u16be(b, at) * 65536 + u16be(b, at + 2);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** PNG's CRC-32 (ISO 3309) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngHeader(b: Uint8Array): ImageHeader | null {
  if (!PNG_SIGNATURE.every((v, i) => b[i] === v)) return null;
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return { format: 'png' };
  const size = { width: u32be(b, 16), height: u32be(b, 20) };
  // IHDR is 13 bytes of data, then the CRC of its type and data.
  if (b.length < 33) return { format: 'png', size, damaged: 'ends inside its PNG header' };
  if (crc32(b.subarray(12, 29)) !== u32be(b, 29)) {
    return { format: 'png', size, damaged: "fails its PNG header's checksum" };
  }
  return { format: 'png', size };
}

/** Header (13) + image descriptor (10) + the least image data (2) + trailer (1). */
const MIN_GIF_BYTES = 26;

function gifHeader(b: Uint8Array, fileSize: number): ImageHeader | null {
  const magic = ascii(b, 0, 6);
  if (magic !== 'GIF87a' && magic !== 'GIF89a') return null;
  if (b.length < 10) return { format: 'gif', damaged: `is only ${fileSize} bytes long` };
  const size = { width: u16le(b, 6), height: u16le(b, 8) };
  if (fileSize < MIN_GIF_BYTES) {
    return { format: 'gif', size, damaged: `is only ${fileSize} bytes long, too short for a GIF` };
  }
  return { format: 'gif', size };
}

function webpHeader(b: Uint8Array): ImageHeader | null {
  if (ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30 && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return {
      format: 'webp',
      size: { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff },
    };
  }
  if (chunk === 'VP8L' && b.length >= 25 && b[20] === 0x2f) {
    const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return {
      format: 'webp',
      size: { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 },
    };
  }
  if (chunk === 'VP8X' && b.length >= 30) {
    return { format: 'webp', size: { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 } };
  }
  return { format: 'webp' };
}

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but don't. */
const isStartOfFrame = (m: number) =>
  m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpegHeader(b: Uint8Array): ImageHeader | null {
  if (b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return null;
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return { format: 'jpeg' };
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return { format: 'jpeg' }; // scan data before any frame
    if (isStartOfFrame(marker)) {
      if (at + 9 > b.length) return { format: 'jpeg' };
      return { format: 'jpeg', size: { width: u16be(b, at + 7), height: u16be(b, at + 5) } };
    }
    at += 2 + u16be(b, at + 2);
  }
  return { format: 'jpeg' };
}

/**
 * The format and, when present in `bytes` (the first bytes of a file of `fileSize` bytes), the size
 * of a PNG, JPEG, GIF or WebP; null otherwise.
 */
export function readImageHeader(bytes: Uint8Array, fileSize = bytes.length): ImageHeader | null {
  return pngHeader(bytes) ?? gifHeader(bytes, fileSize) ?? webpHeader(bytes) ?? jpegHeader(bytes);
}
