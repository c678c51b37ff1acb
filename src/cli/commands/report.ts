import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CheckReport } from '../../lab/checks/model.js';
import { diffReports, diffText, parseThreshold, type Threshold } from '../../lab/report/diff.js';

interface DiffCliOptions {
  threshold: string[];
  json?: boolean;
}

/** Reads a `check --json` report; throws a message naming the file when it is not one. */
function readReport(file: string): CheckReport {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read the report ${file}: ${(e as Error).message}`);
  }
  const r = data as Partial<CheckReport> | null;
  if (typeof r?.lab !== 'string' || !Array.isArray(r.results) || typeof r.summary !== 'object')
    throw new Error(`${file} is not a report of "dmvpn-lab check --json" (no lab, results and summary)`);
  return r as CheckReport;
}

/**
 * `dmvpn-lab report diff OLD.json NEW.json`: what changed between two check runs of one lab; exit 0
 * no regression, 1 a regression (a result now failing, a duration beyond its threshold), 2 bad input.
 */
export function registerReport(program: Command): void {
  const report = program.command('report').description('work with the reports of dmvpn-lab check --json');
  report
    .command('diff <old> <new>')
    .description(
      'compare two check reports of one lab: results that changed status, durations (…Ms figures) that moved ' +
        'beyond a threshold; exit 0 no regression, 1 a regression, 2 bad input',
    )
    .option(
      '--threshold <name=spec>',
      'how far a figure may move: N% or N (its unit) or N%+N; "*" for every duration (default 50%+100); repeatable',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--json', 'print the comparison as JSON')
    .action((oldFile: string, newFile: string, o: DiffCliOptions) => {
      try {
        const thresholds: Record<string, Threshold> = Object.fromEntries(o.threshold.map(parseThreshold));
        const d = diffReports(readReport(oldFile), readReport(newFile), thresholds);
        process.stdout.write(o.json ? `${JSON.stringify(d, null, 2)}\n` : diffText(d));
        process.exitCode = d.regressions > 0 ? 1 : 0;
      } catch (err) {
        const e = err as { code?: string; message?: string };
        process.stderr.write(`dmvpn-lab report diff: ${e.message ?? String(err)}${e.code ? ` [${e.code}]` : ''}\n`);
        process.exitCode = 2;
      }
    });
}
