/** Typed errors of the exec command line (the show commands have theirs, ../show/errors.ts), with their IOS text. */
import { refusalText, type RefusalKind } from './match.js';

/** Stable codes a caller can switch on. */
export type ExecErrorCode = 'EXEC_INVALID_INPUT' | 'EXEC_INCOMPLETE' | 'EXEC_AMBIGUOUS';

const CODES: Record<RefusalKind, ExecErrorCode> = {
  invalid: 'EXEC_INVALID_INPUT',
  incomplete: 'EXEC_INCOMPLETE',
  ambiguous: 'EXEC_AMBIGUOUS',
};

/** A command line the exec tree refused, and where (0-based column of the `^`). */
export class ExecError extends Error {
  readonly code: ExecErrorCode;
  readonly command: string;
  readonly column: number;
  /** What the router answers (./match.ts refusalText). */
  readonly output: string;

  constructor(kind: RefusalKind, command: string, column: number, detail: string, prompt = '') {
    super(`${command}: ${detail}`);
    this.name = 'ExecError';
    this.code = CODES[kind];
    this.command = command;
    this.column = column;
    this.output = refusalText(kind, command.trimEnd(), column, prompt);
  }
}
