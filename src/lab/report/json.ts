/** The check report as JSON: everything (results with figures and evidence, pcaps, durations), for scripts and CI. */
import type { CheckReport } from '../checks/model.js';

/** The report as an indented JSON document. */
export function reportJson(report: CheckReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
