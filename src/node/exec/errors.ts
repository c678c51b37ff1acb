/** Typed errors of the exec command line (other than the show commands', see ../show/errors.ts), each with its IOS text. */

/** Stable codes a caller can switch on. */
export type ExecErrorCode = 'EXEC_INVALID_INPUT' | 'EXEC_INCOMPLETE' | 'EXEC_AMBIGUOUS';

/** A command line the exec tree refused, and where (0-based column of the `^`). */
export class ExecError extends Error {
  readonly code: ExecErrorCode;
  readonly command: string;
  readonly column: number;
  /** What the router answers. */
  readonly output: string;

  constructor(code: ExecErrorCode, command: string, column: number, detail: string, prompt = '') {
    super(`${command}: ${detail}`);
    this.name = 'ExecError';
    this.code = code;
    this.command = command;
    this.column = column;
    this.output = iosText(code, command, column, prompt);
  }
}

function iosText(code: ExecErrorCode, command: string, column: number, prompt: string): string {
  if (code === 'EXEC_AMBIGUOUS') return `% Ambiguous command:  "${command.trim()}"\n`;
  if (code === 'EXEC_INCOMPLETE') return '% Incomplete command.\n';
  return `${prompt}${command.trimEnd()}\n${' '.repeat(prompt.length + column)}^\n% Invalid input detected at '^' marker.\n`;
}
