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

/** A duration to the minute (the screen redraws for it only when it changes): `3h04m`, `4m`, `<1m`. */
export function duration(ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60_000));
  if (m >= 60) return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
  return m === 0 ? '<1m' : `${m}m`;
}

/** Bytes as `812`, `12K`, `3.4M`. */
export function bytes(n: number): string {
  if (n < 1024) return String(n);
  if (n < 1024 * 1024) return `${Math.round(n / 1024)}K`;
  return `${(n / 1024 / 1024).toFixed(1)}M`;
}
