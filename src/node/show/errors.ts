/** Typed errors of the show commands, each with its IOS rendering (`% Invalid input detected at '^' marker.`). */
import { refusalText, type RefusalKind } from '../exec/match.js';

/** Stable codes a caller can switch on. */
export type ShowErrorCode = 'SHOW_INVALID_INPUT' | 'SHOW_INCOMPLETE' | 'SHOW_AMBIGUOUS';

const KIND: Record<ShowErrorCode, RefusalKind> = {
  SHOW_INVALID_INPUT: 'invalid',
  SHOW_INCOMPLETE: 'incomplete',
  SHOW_AMBIGUOUS: 'ambiguous',
};

/** A command line the show parser refused, and where (0-based column of the `^`). */
export class ShowError extends Error {
  readonly code: ShowErrorCode;
  readonly command: string;
  readonly column: number;
  /** What IOS prints: the echoed line and caret for invalid input, else the one `%` line. */
  readonly output: string;

  constructor(code: ShowErrorCode, command: string, column: number, detail: string, prompt = '') {
    super(`${command}: ${detail}`);
    this.name = 'ShowError';
    this.code = code;
    this.command = command;
    this.column = column;
    this.output = refusalText(KIND[code], command, column, prompt);
  }

  /** Plain data for the JSON form of a refused command. */
  toJSON(): { error: { code: ShowErrorCode; command: string; column: number; message: string } } {
    return { error: { code: this.code, command: this.command, column: this.column, message: this.message } };
  }
}
