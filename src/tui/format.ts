/** Small text helpers shared by the components: widths, times, sizes. Pure. */

/** `text` cut or padded to exactly `w` columns (an ellipsis marks a cut). */
export function fit(text: string, w: number): string {
  if (w <= 0) return '';
  if (text.length > w) return w === 1 ? '…' : `${text.slice(0, w - 1)}…`;
  return text.padEnd(w);
}

/** `hh:mm:ss.mmm` (UTC, as the routers stamp their lines). */
export function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

/** A duration as `3h04m`, `4m12s` or `12s`. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** Bytes as `812`, `12K`, `3.4M`. */
export function bytes(n: number): string {
  if (n < 1024) return String(n);
  if (n < 1024 * 1024) return `${Math.round(n / 1024)}K`;
  return `${(n / 1024 / 1024).toFixed(1)}M`;
}
