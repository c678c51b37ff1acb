/** "Long steps show progress": one line per step with the time elapsed since the command started. */

/** Reports a step; the default writes `[  1.23s] message` to stderr. */
export type Progress = (message: string) => void;

/** A progress printer whose clock starts now; `quiet` makes it silent. */
export function stepPrinter(quiet = false, write: (line: string) => void = (l) => process.stderr.write(l)): Progress {
  const t0 = performance.now();
  return (message) => {
    if (quiet) return;
    const s = ((performance.now() - t0) / 1000).toFixed(2).padStart(6);
    write(`[${s}s] ${message}\n`);
  };
}

/** A progress sink that drops everything (library calls, tests). */
export const silent: Progress = () => undefined;

/** Reports `done` of `total` items of a long step named `label`; called again as each item finishes. */
export type Meter = (label: string, done: number, total: number) => void;

/** A meter that shows nothing. */
export const noMeter: Meter = () => undefined;

/**
 * A live counter on a terminal: one stderr line, overwritten, `[  12.3s] reachability 37/420`, cleared
 * when the step is done. Nothing when `stream` is not a TTY (logs and CI keep only the step lines).
 */
export function ttyMeter(stream: NodeJS.WriteStream = process.stderr): Meter {
  if (!stream.isTTY) return noMeter;
  const t0 = performance.now();
  return (label, done, total) => {
    const s = ((performance.now() - t0) / 1000).toFixed(1).padStart(6);
    stream.write(done >= total ? '\r\x1b[K' : `\r\x1b[K[${s}s] ${label} ${done}/${total}`);
  };
}
