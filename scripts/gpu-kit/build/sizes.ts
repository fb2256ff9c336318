// The kit's size, part by part, against its limit: the GPU machine takes at most 64 MiB from the
// checkout (kit included), so the kit keeps to 60 MiB.

export const KIT_LIMIT_BYTES = 60 * 2 ** 20;

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;

/** A table of the kit's files, largest first, with the total and the limit. */
export function formatSizes(files: readonly { name: string; bytes: number }[]): string {
  const sorted = [...files].sort((a, b) => b.bytes - a.bytes);
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  const width = Math.max(5, ...files.map((f) => f.name.length));
  return [
    ...sorted.map((f) => `  ${f.name.padEnd(width)}  ${mib(f.bytes).padStart(10)}`),
    `  ${'total'.padEnd(width)}  ${mib(total).padStart(10)}  (limit ${mib(KIT_LIMIT_BYTES)})`,
  ].join('\n');
}
