import type { FeatureMaps } from '../../protocol';
import { TileCanvas } from '../shared/TileCanvas';

/** Some channels of one conv layer's output as small heatmaps, each scaled to its own range. */
export function FeatureMapGrid({ maps }: { maps: FeatureMaps }) {
  const { layer, width, height, channels, totalChannels, values } = maps;
  const what = `first ${channels} of ${totalChannels} channels, ${width}x${height} each`;
  return (
    <figure className="feature-maps">
      <TileCanvas
        label={`${layer} feature maps: ${what}`}
        values={values}
        count={channels}
        width={width}
        height={height}
        columns={8}
        palette="heat"
        gap={Math.max(1, Math.round(width / 14))}
        scale={Math.max(1, Math.floor(56 / width))}
      />
      <figcaption className="muted">
        {layer} after ReLU: {what}, each scaled to its own range (dark: low, yellow: high).
      </figcaption>
    </figure>
  );
}
