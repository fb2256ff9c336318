// Number and time formatting shared by the panels, so the same quantity reads the same everywhere.

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 60000 -> "60,000". */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** 0.8561 -> "85.6%". */
export function formatPercent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** Bytes in MB with one decimal (the dataset is tens of MB). */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** 5 -> "5 s", 125 -> "2 min 5 s", 7300 -> "2 h 2 min"; null or non-finite -> "…" (not known yet). */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '…';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${s % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** 1234567 -> "1.23 M", 163000 -> "163 k", 950 -> "950". */
export function formatCompact(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toPrecision(3)} G`;
  if (n >= 1e6) return `${(n / 1e6).toPrecision(3)} M`;
  if (n >= 1e3) return `${(n / 1e3).toPrecision(3)} k`;
  return String(n);
}

/** Storage sizes: "652.6 kB", "2.0 MB", "561.1 MB", "12.3 GB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e3).toFixed(1)} kB`;
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** A moment as "27 Nov, 10:41". */
export function formatDateTime(ms: number): string {
  return dateTime.format(new Date(ms));
}
