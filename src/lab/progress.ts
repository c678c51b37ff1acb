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
