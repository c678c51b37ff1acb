/**
 * `dmvpnd --check-config FILE… [--json]`: parse configs and report, touching nothing on the system
 * (FRR's dry run of the routing lines reads a copy in a temporary folder, removed after).
 */
import { buildCheckReport, renderCheckJson } from '../config/check.js';
import { renderCheckText } from '../config/check-text.js';
import { readFileSync } from 'node:fs';
import { loadConfigFile } from '../config/parse.js';
import { frrConfigErrors } from '../frr/verify.js';

/** Options of runCheckConfig. */
export interface CheckConfigOptions {
  json: boolean;
  /** Where the report goes (stdout in the bin). */
  write: (text: string) => void;
  /** Where FRR's daemons are (their dry run checks the routing lines); default /usr/lib/frr. */
  frrDir?: string;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Loads each file and writes its report: one report for one file; for several, text reports one after the
 * other, or one JSON array in the order given. Returns the exit code: 0 when no line was refused, 1 otherwise.
 */
export function runCheckConfig(files: string[], opts: CheckConfigOptions): number {
  const reports = files.map((file) => {
    const parsed = loadConfigFile(file);
    const text = readText(file);
    // routing lines FRR would not run (translation, then the daemons' own dry run) are errors too
    if (text !== undefined) parsed.errors.push(...frrConfigErrors(parsed.config, text, file, opts.frrDir));
    return buildCheckReport(parsed, file);
  });
  if (opts.json && reports.length > 1) opts.write(`${JSON.stringify(reports, null, 2)}\n`);
  else for (const r of reports) opts.write(opts.json ? renderCheckJson(r) : renderCheckText(r));
  return reports.every((r) => r.ok) ? 0 : 1;
}
