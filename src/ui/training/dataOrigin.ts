// Where the dataset came from (the network or this browser's Cache Storage copy) and how long it took,
// in the data panel's words.

import type { DataOrigin } from '../../protocol';
import type { TrainerState } from '../../client/trainerState';
import { formatMegabytes } from '../shared/format';

const ORIGIN: Readonly<Record<DataOrigin, string>> = {
  network: 'From the network',
  browser: "From this browser's copy",
  mixed: "Partly from this browser's copy, the rest from the network",
};

/** Where the shards came from and how long the load took. */
export function originText(origin: NonNullable<TrainerState['data']['origin']>): string {
  const moved =
    origin.downloadedBytes > 0 ? `, ${formatMegabytes(origin.downloadedBytes)} downloaded` : '';
  return `${ORIGIN[origin.from]} in ${origin.seconds.toFixed(1)} s${moved}.`;
}
