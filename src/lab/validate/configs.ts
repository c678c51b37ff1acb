/** Router configs, checked as dmvpnd checks them (one `dmvpnd --check-config FILE… --json` process). */
import { readStartupConfigs, type StartupConfigReport } from '../startup-configs.js';
import type { Problem } from './problems.js';

/** What validate reads of a `--check-config --json` report. */
export type ConfigReport = StartupConfigReport;

/** The report of each config in `files` (same order). */
export async function checkConfigs(files: string[]): Promise<ConfigReport[]> {
  return readStartupConfigs(files);
}

/** A report's errors and warnings as problems (the message without the `file:line:col: ` the router puts first). */
export function configProblems(r: ConfigReport): Problem[] {
  const strip = (m: string): string => m.replace(/^[^\s:]+(:\d+){0,2}: /, '');
  return [
    ...r.errors.map(
      (e): Problem => ({
        file: e.file || r.file,
        line: e.line,
        ...(e.column ? { column: e.column } : {}),
        severity: 'error',
        code: e.code,
        message: strip(e.message),
      }),
    ),
    ...r.warnings.map(
      (w): Problem => ({
        file: w.file || r.file,
        line: w.line,
        severity: 'warning',
        code: w.code,
        message: strip(w.message),
      }),
    ),
  ];
}
