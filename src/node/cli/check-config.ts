/** `dmvpnd --check-config FILE… [--json]`: parse configs and report, touching nothing on the system. */
import { buildCheckReport, renderCheckJson } from '../config/check.js';
import { renderCheckText } from '../config/check-text.js';
import { loadConfigFile } from '../config/parse.js';

/** Options of runCheckConfig. */
export interface CheckConfigOptions {
  json: boolean;
  /** Where the report goes (stdout in the bin). */
  write: (text: string) => void;
}

/**
 * Loads each file and writes its report: one report for one file; for several, text reports one after the
 * other, or one JSON array in the order given. Returns the exit code: 0 when no line was refused, 1 otherwise.
 */
export function runCheckConfig(files: string[], opts: CheckConfigOptions): number {
  const reports = files.map((file) => buildCheckReport(loadConfigFile(file), file));
  if (opts.json && reports.length > 1) opts.write(`${JSON.stringify(reports, null, 2)}\n`);
  else for (const r of reports) opts.write(opts.json ? renderCheckJson(r) : renderCheckText(r));
  return reports.every((r) => r.ok) ? 0 : 1;
}
