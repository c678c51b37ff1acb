import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { explainConfigs, explainText } from '../../lab/checks/explain.js';
import { explainInputs } from '../../lab/checks/explain-inputs.js';
import { CHECK_NAMES } from '../../lab/checks/model.js';
import { runChecks } from '../../lab/checks/runner.js';
import { interruptible } from '../../lab/interrupt.js';
import { stepPrinter, ttyMeter } from '../../lab/progress.js';
import { junitXml } from '../../lab/report/junit.js';
import { reportJson } from '../../lab/report/json.js';
import { reportSummary, reportText } from '../../lab/report/text.js';
import { writeReport } from '../../lab/report/write.js';
import { reportFailure } from '../exit-codes.js';
import { outputFormat } from '../format.js';
import { labNameOr } from '../lab-arg.js';

interface CheckCliOptions {
  only?: string;
  json?: string;
  junit?: string;
  keep?: boolean;
  name?: string;
  runtime?: string;
  quiet?: boolean;
  allPairs?: boolean;
  expect?: string;
  format?: string;
  explain?: boolean;
}

/**
 * `dmvpn-lab check FILE|LAB`: runs the checks that apply; exit 0 all pass, 1 any fails, 2 bad input, the lab
 * could not run or a report file could not be written, 3 an environment problem (src/cli/exit-codes.ts).
 */
export function registerCheck(program: Command): void {
  program
    .command('check <lab>')
    .description(
      `run the checks that apply to a lab (${CHECK_NAMES.join(', ')}); brings it up and down unless it runs; ` +
        'exit 0 all pass, 1 a check failed, 2 bad input or the lab could not run, 3 an environment problem',
    )
    .option('--only <names>', 'comma-separated checks to run')
    .option('--json <file>', 'write the whole report (figures, evidence) as JSON')
    .option('--junit <file>', 'write a JUnit XML report (one test case per check per node pair)')
    .option('--keep', 'leave a lab the check brought up running')
    .option('--name <name>', 'lab name for a topology file (overrides the name in the file)')
    .option(
      '--runtime <name>',
      'netns or docker for a lab the check brings up (default: $DMVPN_LAB_RUNTIME, else netns); a lab up keeps its own',
    )
    .option('--quiet', 'no progress lines, and only the summary line of the table')
    .option('--format <format>', 'text (the table) or json (the whole report on stdout)', 'text')
    .option(
      '--expect <file>',
      'also run the assertions of an expectations file (docs/ci.md); "--only expect" runs only them',
    )
    .option('--explain', 'first print what is inferred from which configuration line (file:line)')
    .option('--all-pairs', 'reachability: every ordered pair of hosts (default: O(n) pairs covering every host)')
    .action(async (lab: string, o: CheckCliOptions) => {
      const name = o.name ?? labNameOr(lab, lab);
      const messages = {
        first: 'stopping the checks (a lab the check brought up is taken down)',
        forced: () => `lab ${name} may still be up: "dmvpn-lab status" shows it, "dmvpn-lab down ${name}" removes it`,
      };
      try {
        const format = outputFormat(o.format);
        // on stderr under --format json, so stdout stays one JSON document
        if (o.explain === true && existsSync(lab))
          (format === 'json' ? process.stderr : process.stdout).write(explainText(explainConfigs(explainInputs(lab))));
        const progress = stepPrinter(o.quiet === true || format === 'json');
        const report = await interruptible(messages, () =>
          runChecks(lab, {
            ...(o.runtime !== undefined ? { runtime: o.runtime } : {}),
            ...(o.only !== undefined
              ? {
                  only: o.only
                    .split(',')
                    .map((s) => s.trim())
                    .filter(Boolean),
                }
              : {}),
            ...(o.name !== undefined ? { name: o.name } : {}),
            ...(o.expect !== undefined ? { expect: o.expect } : {}),
            keep: o.keep === true,
            allPairs: o.allPairs === true,
            meter: ttyMeter(),
            progress,
          }),
        );
        // The table first: a report file that cannot be written must not lose the results.
        if (format === 'json') process.stdout.write(reportJson(report));
        else process.stdout.write(o.quiet === true ? `${reportSummary(report)}\n` : reportText(report));
        process.exitCode = report.summary.fail > 0 ? 1 : 0;
        const failed = [
          o.json !== undefined ? writeReport('JSON', o.json, reportJson(report)) : undefined,
          o.junit !== undefined ? writeReport('JUnit', o.junit, junitXml(report, { base: process.cwd() })) : undefined,
        ].filter((m): m is string => m !== undefined);
        for (const m of failed) process.stderr.write(`dmvpn-lab check: ${m} [REPORT_UNWRITABLE]\n`);
        if (failed.length > 0) process.exitCode = 2;
      } catch (err) {
        reportFailure('dmvpn-lab check', err);
      }
    });
}
