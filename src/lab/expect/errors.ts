/** Typed errors of an expectations file: a stable `code`, exit status 2 (bad input), the issues found. */
import type { TopologyIssue } from '../errors.js';

/** The stable codes of an expectations file that cannot be used. */
export type ExpectErrorCode =
  /** The file cannot be read. */
  | 'EXPECT_UNREADABLE'
  /** The file does not validate (YAML, fields, nodes, show commands, paths); `issues` says where. */
  | 'EXPECT_INVALID';

/** An expectations file that cannot be used; every issue, each with its line and column. */
export class ExpectError extends Error {
  readonly code: ExpectErrorCode;
  readonly exitCode = 2;
  readonly issues: TopologyIssue[];
  constructor(code: ExpectErrorCode, message: string, options: { cause?: unknown; issues?: TopologyIssue[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ExpectError';
    this.code = code;
    this.issues = options.issues ?? [];
  }
}
