import { describe, expect, it } from 'vitest';
import { IMAGE_SIZE } from '../protocol';
import { borderMean, resampleSquare, toGrayscale, toModelInput28 } from './preprocess';
import type { RasterImage } from './preprocess';

/** An RGBA image of `bg` gray with a filled rectangle of `fg` gray. */
function rgbaWithRect(
  width: number,
  height: number,
  rect: { x: number; y: number; w: number; h: number },
  fg: number,
  bg: number,
): RasterImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = x >= rect.x && x < rect.x + rect.w && y >= rect.y && y < rect.y + rect.h;
      const v = inside ? fg : bg;
      data.set([v, v, v, 255], 4 * (y * width + x));
    }
  }
  return { width, height, channels: 4, data };
}

/** Bounding box and centre of mass of the pixels above 0.5 in a 28x28 output. */
function measure(pixels: Float32Array) {
  let minX = IMAGE_SIZE;
  let minY = IMAGE_SIZE;
  let maxX = -1;
  let maxY = -1;
  let mass = 0;
  let cx = 0;
  let cy = 0;
  pixels.forEach((v, i) => {
    const x = i % IMAGE_SIZE;
    const y = Math.floor(i / IMAGE_SIZE);
    mass += v;
    cx += v * x;
    cy += v * y;
    if (v > 0.5) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  });
  return { width: maxX - minX + 1, height: maxY - minY + 1, cx: cx / mass, cy: cy / mass };
}

describe('toModelInput28', () => {
  it('returns null for an empty drawing, a blank white page and a flat gray picture', () => {
    const empty = rgbaWithRect(64, 64, { x: 0, y: 0, w: 0, h: 0 }, 255, 0);
    const white = rgbaWithRect(64, 64, { x: 0, y: 0, w: 0, h: 0 }, 0, 255);
    const gray = rgbaWithRect(64, 64, { x: 0, y: 0, w: 0, h: 0 }, 0, 128);
    expect(toModelInput28(empty)).toBeNull();
    expect(toModelInput28(white)).toBeNull();
    expect(toModelInput28(gray)).toBeNull();
  });

  it('centres an off-centre light object on black and scales it to fill the frame', () => {
    const image = rgbaWithRect(200, 200, { x: 10, y: 20, w: 40, h: 40 }, 255, 0);
    const result = toModelInput28(image);
    expect(result).not.toBeNull();
    if (!result) return;
    expect(result.inverted).toBe(false);
    expect(result.box).toEqual({ x: 10, y: 20, width: 40, height: 40 });
    const m = measure(result.pixels);
    expect(m.width).toBe(26);
    expect(m.height).toBe(26);
    expect(m.cx).toBeCloseTo(13.5, 1);
    expect(m.cy).toBeCloseTo(13.5, 1);
    expect(result.pixels[0]).toBe(0);
    expect(Math.max(...result.pixels)).toBeCloseTo(1, 5);
  });

  it('inverts a dark object on a light background so it becomes light on black', () => {
    const image = rgbaWithRect(120, 90, { x: 70, y: 30, w: 30, h: 30 }, 20, 240);
    const result = toModelInput28(image);
    expect(result?.inverted).toBe(true);
    if (!result) return;
    const centre = result.pixels[14 * IMAGE_SIZE + 14] ?? 0;
    expect(centre).toBeGreaterThan(0.9);
    expect(result.pixels[0]).toBe(0);
    expect(result.pixels[IMAGE_SIZE * IMAGE_SIZE - 1]).toBe(0);
  });

  it('keeps the aspect ratio of a tall object, padding it to a square', () => {
    const image = rgbaWithRect(100, 100, { x: 40, y: 10, w: 20, h: 80 }, 255, 0);
    const result = toModelInput28(image);
    expect(result).not.toBeNull();
    if (!result) return;
    const m = measure(result.pixels);
    expect(m.height).toBe(26);
    // 20/80 of 26 pixels is 6.5: area averaging gives 6 or 7 pixels above one half.
    expect(m.width).toBeGreaterThanOrEqual(6);
    expect(m.width).toBeLessThanOrEqual(7);
    expect(m.cx).toBeCloseTo(13.5, 0);
  });

  it('treats transparent pixels as white, so a dark shape on a transparent PNG is inverted', () => {
    const width = 50;
    const data = new Uint8ClampedArray(width * width * 4); // all transparent black
    for (let y = 20; y < 30; y++)
      for (let x = 5; x < 15; x++) data.set([0, 0, 0, 255], 4 * (y * width + x));
    const result = toModelInput28({ width, height: width, channels: 4, data });
    expect(result?.inverted).toBe(true);
    expect(result?.box).toEqual({ x: 5, y: 20, width: 10, height: 10 });
  });

  it('accepts single-channel gray input and removes a uniform background', () => {
    const width = 40;
    const data = new Uint8Array(width * width).fill(60);
    for (let y = 5; y < 15; y++) for (let x = 25; x < 35; x++) data[y * width + x] = 200;
    const result = toModelInput28({ width, height: width, channels: 1, data });
    expect(result).not.toBeNull();
    if (!result) return;
    expect(result.inverted).toBe(false);
    // The 60-gray background is subtracted: the corners are black, not 60/255.
    expect(result.pixels[0]).toBe(0);
    expect(measure(result.pixels).cx).toBeCloseTo(13.5, 1);
  });

  it('rejects a buffer that does not match the stated size, and an impossible fit', () => {
    expect(() =>
      toModelInput28({ width: 4, height: 4, channels: 4, data: new Uint8Array(10) }),
    ).toThrow(RangeError);
    const ok = rgbaWithRect(8, 8, { x: 2, y: 2, w: 3, h: 3 }, 255, 0);
    expect(() => toModelInput28(ok, { fitSize: 40 })).toThrow(RangeError);
  });
});

describe('pixel helpers', () => {
  it('toGrayscale weights channels by luminance', () => {
    const gray = toGrayscale({
      width: 3,
      height: 1,
      channels: 4,
      data: [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255],
    });
    expect(gray[0]).toBeCloseTo(0.299, 3);
    expect(gray[1]).toBeCloseTo(0.587, 3);
    expect(gray[2]).toBeCloseTo(0.114, 3);
  });

  it('borderMean looks at the outer ring only', () => {
    const gray = new Float32Array(16).fill(1);
    gray[5] = gray[6] = gray[9] = gray[10] = 0; // the 2x2 centre of a 4x4 image
    expect(borderMean(gray, 4, 4)).toBe(1);
  });

  it('resampleSquare preserves the mean brightness when shrinking by a fractional factor', () => {
    const side = 30;
    const src = new Float32Array(side * side);
    for (let i = 0; i < src.length; i++) src[i] = ((i * 7919) % 13) / 12;
    const out = resampleSquare(src, side, 7);
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(out)).toBeCloseTo(mean(src), 4);
  });
});
