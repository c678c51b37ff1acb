/**
 * Router configs, checked as dmvpnd checks them: `dmvpnd --check-config FILE --json` as a subprocess
 * (the lab never imports the router's internals), one per config, a few at a time.
 */
import { execFile } from 'node:child_process';
import { LabError } from '../errors.js';
import { dmvpndCommand } from '../router.js';
import { inParallel } from '../sh.js';
import type { Problem } from './problems.js';

/** What validate reads of a `--check-config --json` report. */
export interface ConfigReport {
  file: string;
  ok: boolean;
  hostname: string;
  errors: Array<{ code: string; file: string; line: number; column?: number; message: string }>;
  warnings: Array<{ code: string; file: string; line: number; message: string }>;
}

function checkOne(file: string): Promise<ConfigReport> {
  const [cmd, ...args] = dmvpndCommand();
  return new Promise((resolve, reject) => {
    const opts = { maxBuffer: 64 << 20, timeout: 60_000 };
    execFile(cmd!, [...args, '--check-config', file, '--json'], opts, (err, stdout, stderr) => {
      try {
        resolve(JSON.parse(stdout) as ConfigReport);
      } catch (cause) {
        const why = (stderr || err?.message || stdout).trim().split('\n')[0];
        reject(new LabError('COMMAND_FAILED', `dmvpnd --check-config ${file} gave no report: ${why}`, { cause }));
      }
    });
  });
}

/** The report of each config in `files` (same order). */
export async function checkConfigs(files: string[]): Promise<ConfigReport[]> {
  const out: ConfigReport[] = new Array(files.length);
  await inParallel(files.map((f, i) => ({ f, i })), 4, async ({ f, i }) => {
    out[i] = await checkOne(f);
  });
  return out;
}

/** A report's errors and warnings as problems (the message without the `file:line:col: ` the router puts first). */
export function configProblems(r: ConfigReport): Problem[] {
  const strip = (m: string): string => m.replace(/^[^\s:]+(:\d+){0,2}: /, '');
  return [
    ...r.errors.map((e): Problem => ({
      file: e.file || r.file,
      line: e.line,
      ...(e.column ? { column: e.column } : {}),
      severity: 'error',
      code: e.code,
      message: strip(e.message),
    })),
    ...r.warnings.map((w): Problem => ({
      file: w.file || r.file,
      line: w.line,
      severity: 'warning',
      code: w.code,
      message: strip(w.message),
    })),
  ];
}
