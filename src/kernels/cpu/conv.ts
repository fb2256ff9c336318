// Convolution and max-pooling arithmetic on flat NHWC Float32Arrays, for the CPU-backend kernels in
// register.ts.
//
// tfjs's stock CPU kernels read through TensorBuffer.get() or loop weight by weight (about 300 ns per
// multiply-add for the filter gradient: one alexnet-mini step at batch 64 took ~80 s). These walk the
// (output pixel, filter tap) pairs once with the innermost loop over contiguous channels, which V8
// compiles to a tight loop, and skip zeros: the forward pass skips zero inputs (ReLU outputs and the
// black image background), the gradients skip zero output gradients (ReLU's mask, and max-pooling,
// which passes a gradient to one input in four or more). The same step takes about 1 s.

import type * as tf from '@tensorflow/tfjs';
import { axpy } from './math';

type ConvInfo = tf.backend_util.Conv2DInfo;

/** Which of the three convolution products `convolve` computes. */
type ConvProduct = 'output' | 'filterGradient' | 'inputGradient';

/**
 * One loop nest for the three products: for every output pixel (b, oh, ow) and filter tap (kh, kw)
 * that lands inside the input pixel (b, ih, iw). `x` and `y` are the input and output (or their
 * gradients), `w` the filter laid out [tap][ci][co] for 'output' and [tap][co][ci] for the gradients,
 * so that the innermost loop always runs over contiguous memory. The product switch sits outside the
 * channel loops and the nest is not split into a helper taking a callback: a polymorphic call per
 * tap made it 3x slower.
 */
function convolve(
  product: ConvProduct,
  x: Float32Array,
  y: Float32Array,
  w: Float32Array,
  info: ConvInfo,
): void {
  const {
    batchSize,
    inHeight,
    inWidth,
    inChannels: nIn,
    outHeight,
    outWidth,
    outChannels: nOut,
  } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, dilationHeight, dilationWidth } =
    info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const tapSize = nIn * nOut;
  const nonZero = new Int32Array(nOut);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const yBase = ((b * outHeight + oh) * outWidth + ow) * nOut;
        let live = 0;
        if (product !== 'output') {
          for (let co = 0; co < nOut; co++) if (y[yBase + co] !== 0) nonZero[live++] = co;
          if (live === 0) continue;
        }
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * strideHeight - top + kh * dilationHeight;
          if (ih < 0 || ih >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = ow * strideWidth - left + kw * dilationWidth;
            if (iw < 0 || iw >= inWidth) continue;
            const xBase = ((b * inHeight + ih) * inWidth + iw) * nIn;
            const wBase = (kh * filterWidth + kw) * tapSize;
            if (product === 'output') {
              for (let ci = 0; ci < nIn; ci++) {
                const xv = x[xBase + ci]!;
                if (xv === 0) continue;
                axpy(y, yBase, xv, w, wBase + ci * nOut, nOut);
              }
            } else if (product === 'inputGradient') {
              for (let i = 0; i < live; i++) {
                const co = nonZero[i]!;
                axpy(x, xBase, y[yBase + co]!, w, wBase + co * nIn, nIn);
              }
            } else {
              for (let i = 0; i < live; i++) {
                const co = nonZero[i]!;
                axpy(w, wBase + co * nIn, y[yBase + co]!, x, xBase, nIn);
              }
            }
          }
        }
      }
    }
  }
}

/** [taps][a][b] -> [taps][b][a]: swaps the filter's two channel axes. */
function swapChannelAxes(w: Float32Array, taps: number, a: number, b: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let t = 0; t < taps; t++) {
    const base = t * a * b;
    for (let i = 0; i < a; i++)
      for (let j = 0; j < b; j++) out[base + j * a + i] = w[base + i * b + j]!;
  }
  return out;
}

/** y[b, oh, ow, co] = sum over taps and ci of x[b, ih, iw, ci] * w[kh, kw, ci, co]. */
export function conv2dNhwc(x: Float32Array, w: Float32Array, info: ConvInfo): Float32Array {
  const y = new Float32Array(info.batchSize * info.outHeight * info.outWidth * info.outChannels);
  convolve('output', x, y, w, info);
  return y;
}

/** dW[kh, kw, ci, co] = sum over b and output positions of x[b, ih, iw, ci] * dy[b, oh, ow, co]. */
export function conv2dFilterGradientNhwc(
  x: Float32Array,
  dy: Float32Array,
  info: ConvInfo,
): Float32Array {
  const taps = info.filterHeight * info.filterWidth;
  const dwSwapped = new Float32Array(taps * info.inChannels * info.outChannels);
  convolve('filterGradient', x, dy, dwSwapped, info);
  return swapChannelAxes(dwSwapped, taps, info.outChannels, info.inChannels);
}

/** dx[b, ih, iw, ci] = sum over the taps reading it of sum over co of w[kh, kw, ci, co] * dy[b, oh, ow, co]. */
export function conv2dInputGradientNhwc(
  dy: Float32Array,
  w: Float32Array,
  info: ConvInfo,
): Float32Array {
  const taps = info.filterHeight * info.filterWidth;
  const dx = new Float32Array(info.batchSize * info.inHeight * info.inWidth * info.inChannels);
  convolve(
    'inputGradient',
    dx,
    dy,
    swapChannelAxes(w, taps, info.inChannels, info.outChannels),
    info,
  );
  return dx;
}

/**
 * Routes each pooled gradient to the first maximum of its window, as tfjs's own kernels do; padded
 * positions never win.
 */
export function maxPoolGradientNhwc(
  dy: Float32Array,
  x: Float32Array,
  info: tf.backend_util.Conv2DInfo,
): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels: nC, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const dx = new Float32Array(batchSize * inHeight * inWidth * nC);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = Math.max(0, oh * strideHeight - top);
      const h1 = Math.min(inHeight, oh * strideHeight - top + filterHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const w0 = Math.max(0, ow * strideWidth - left);
        const w1 = Math.min(inWidth, ow * strideWidth - left + filterWidth);
        const yBase = ((b * outHeight + oh) * outWidth + ow) * nC;
        for (let c = 0; c < nC; c++) {
          let best = -Infinity;
          let bestAt = -1;
          for (let ih = h0; ih < h1; ih++) {
            for (let iw = w0; iw < w1; iw++) {
              const at = ((b * inHeight + ih) * inWidth + iw) * nC + c;
              const v = x[at]!;
              if (v > best) {
                best = v;
                bestAt = at;
              }
            }
          }
          if (bestAt >= 0) dx[bestAt]! += dy[yBase + c]!;
        }
      }
    }
  }
  return dx;
}

/**
 * tf.image.transform with nearest-neighbour sampling and a constant fill, one projective transform
 * row [a0, a1, a2, b0, b1, b2, c0, c1] per image (or one for all). The stock CPU kernel returns
 * after the first image of a batch (tfjs 4.22), leaving the others filled with the fill value.
 */
export function transformNearestNhwc(
  image: Float32Array,
  shape: readonly [number, number, number, number],
  transforms: Float32Array,
  fillValue: number,
): Float32Array {
  const [batch, height, width, channels] = shape;
  const out = new Float32Array(image.length).fill(fillValue);
  for (let b = 0; b < batch; b++) {
    const t = transforms.length === 8 ? 0 : b * 8;
    const [a0, a1, a2, b0, b1, b2, c0, c1] = transforms.subarray(t, t + 8);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const projection = c0! * x + c1! * y + 1;
        if (projection === 0) continue;
        const inX = Math.round((a0! * x + a1! * y + a2!) / projection);
        const inY = Math.round((b0! * x + b1! * y + b2!) / projection);
        if (inX < 0 || inX >= width || inY < 0 || inY >= height) continue;
        const from = ((b * height + inY) * width + inX) * channels;
        const to = ((b * height + y) * width + x) * channels;
        for (let c = 0; c < channels; c++) out[to + c] = image[from + c]!;
      }
    }
  }
  return out;
}
