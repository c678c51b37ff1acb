import type { Command } from 'commander';
import { LabError } from '../../lab/errors.js';
import { type Validation, validateLab } from '../../lab/validate/index.js';
import { formatProblem } from '../../lab/validate/problems.js';

/**
 * `dmvpn-lab validate FILE [--json]`: checks the topology (or a CML / GNS3 course lab, through the
 * importer) and every router config without starting anything; prints each problem as file:line; exits 0 when there is no error, 1 when there is one,
 * 2 when the file cannot be read.
 */
export function registerValidate(program: Command): void {
  program
    .command('validate <file>')
    .description(
      'check a topology or a CML/GNS3 lab and every router config without starting anything; exit 1 on errors',
    )
    .option('--json', 'machine-readable output')
    .action(async (file: string, o: { json?: boolean }) => {
      let v: Validation;
      try {
        v = await validateLab(file);
      } catch (e) {
        const unreadable = e instanceof LabError && e.code === 'TOPOLOGY_UNREADABLE';
        if (unreadable) throw new LabError(e.code, e.message, { cause: e, exitCode: 2 });
        throw e;
      }
      const errors = v.problems.filter((p) => p.severity === 'error').length;
      const warnings = v.problems.length - errors;
      if (o.json) process.stdout.write(`${JSON.stringify({ ...v, ok: errors === 0 }, null, 2)}\n`);
      else {
        for (const p of v.problems) process.stdout.write(`${formatProblem(p)}\n`);
        const source = v.format === undefined ? 'topology' : `${v.format.toUpperCase()} lab`;
        const cosmetic = v.cosmetic ? ` (${v.cosmetic} cosmetic lines not acted on, not listed)` : '';
        const what = `${v.file}: ${source} and ${v.configs} router config${v.configs === 1 ? '' : 's'}${cosmetic}`;
        const n = (k: number, word: string): string => `${k} ${word}${k === 1 ? '' : 's'}`;
        process.stdout.write(`${what}: ${n(errors, 'error')}, ${n(warnings, 'warning')}\n`);
      }
      if (errors > 0) process.exitCode = 1;
    });
}
