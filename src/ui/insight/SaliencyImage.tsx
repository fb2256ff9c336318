import { useMemo } from 'react';
import { IMAGE_SIZE } from '../../protocol';
import { RgbaCanvas } from '../shared/RgbaCanvas';
import { saliencyOverlayRgba } from '../shared/tileImages';

interface SaliencyImageProps {
  /** The 28x28 picture, values in [0, 1]. */
  picture: Float32Array;
  /** 784 values in [0, 1]. */
  saliency: Float32Array;
  label: string;
  size: number;
}

/** A saliency map in the heat palette over its picture, dimmed. */
export function SaliencyImage({ picture, saliency, label, size }: SaliencyImageProps) {
  const rgba = useMemo(() => saliencyOverlayRgba(picture, saliency), [picture, saliency]);
  return (
    <RgbaCanvas rgba={rgba} width={IMAGE_SIZE} height={IMAGE_SIZE} label={label} cssWidth={size} />
  );
}
