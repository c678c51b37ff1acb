/** `dmvpnd --check-config FILE [--json]`: parse a config and report, touching nothing on the system. */
import { buildCheckReport, renderCheckJson } from '../config/check.js';
import { renderCheckText } from '../config/check-text.js';
import { loadConfigFile } from '../config/parse.js';

/** Options of runCheckConfig. */
export interface CheckConfigOptions {
  json: boolean;
  /** Where the report goes (stdout in the bin). */
  write: (text: string) => void;
}

/** Loads `file`, writes the report, and returns the exit code: 0 when no line was refused, 1 otherwise. */
export function runCheckConfig(file: string, opts: CheckConfigOptions): number {
  const result = loadConfigFile(file);
  const report = buildCheckReport(result, file);
  opts.write(opts.json ? renderCheckJson(report) : renderCheckText(report));
  return report.ok ? 0 : 1;
}
