// A minimal PNG encoder for test images: the e2e test makes its own uploads instead of shipping
// binary fixtures.

import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function header(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  return chunk('IHDR', ihdr);
}

/** Encodes `rgba` (width * height * 4 bytes) as an 8-bit RGBA PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error('rgba has the wrong length');
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 4)] = 0; // filter: none
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (1 + width * 4) + 1);
  }
  return Buffer.concat([
    SIGNATURE,
    header(width, height),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** A PNG whose header claims `width` x `height` but holds no pixel data: enough to test size limits. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  return Buffer.concat([SIGNATURE, header(width, height), chunk('IEND', new Uint8Array(0))]);
}

/** A dark pair of trouser legs on white paper, like a product photo: the page must invert it. */
export function trousersOnWhite(width = 120, height = 160): Buffer {
  return encodePng(width, height, trousersOnWhiteRgba(width, height));
}

/** trousersOnWhite's pixels, RGBA, row-major: what the page reads back from the decoded PNG. */
export function trousersOnWhiteRgba(width = 120, height = 160): Uint8Array {
  const rgba = new Uint8Array(width * height * 4).fill(255);
  const paint = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) rgba.set([40, 40, 60, 255], (y * width + x) * 4);
    }
  };
  paint(40, 20, 80, 40); // waistband
  paint(40, 40, 58, 140); // left leg
  paint(62, 40, 80, 140); // right leg
  return rgba;
}
