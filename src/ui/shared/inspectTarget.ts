// The picture "What the network sees" shows: the one last classified (a drawing, an upload) or a
// test image picked from the gallery or the confusion examples.

import { IMAGE_PIXELS } from '../../protocol';

export interface InspectTarget {
  /** 784 values in [0, 1], light garment on black. */
  pixels: Float32Array;
  /** What it is, for the caption: "your drawing", "test image 42 (a Shirt)". */
  source: string;
}

/** A test image (784 bytes) as a target. */
export function testImageTarget(bytes: Uint8Array, description: string): InspectTarget {
  if (bytes.length !== IMAGE_PIXELS) {
    throw new Error(`A test image has ${IMAGE_PIXELS} bytes, not ${bytes.length}.`);
  }
  return { pixels: Float32Array.from(bytes, (v) => v / 255), source: description };
}
