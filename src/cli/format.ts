/** `--format text|json`: the one option every command with a table takes, checked the same way everywhere. */
import { LabError } from '../lab/errors.js';

export type OutputFormat = 'text' | 'json';

/** The format asked for (default text); anything else is a usage error (BAD_ARGUMENT, exit 2). */
export function outputFormat(value: string | undefined): OutputFormat {
  if (value === undefined || value === 'text' || value === 'json') return value ?? 'text';
  throw new LabError('BAD_ARGUMENT', `unknown format "${value}" (expected text or json)`, { exitCode: 2 });
}
