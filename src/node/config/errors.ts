/** Typed configuration errors and their IOS-style rendering (line, `^` marker, `% …` message). */

/** Stable codes for everything a configuration can get wrong. */
export type ConfigErrorCode =
  | 'CONFIG_INVALID_INPUT'
  | 'CONFIG_INCOMPLETE_COMMAND'
  | 'CONFIG_BAD_MASK'
  | 'CONFIG_INCONSISTENT_MASK'
  | 'CONFIG_NAME_CLASH'
  | 'CONFIG_NOT_REMOVABLE'
  | 'CONFIG_BANNER_UNTERMINATED'
  | 'CONFIG_FILE_UNREADABLE'
  | 'CONFIG_NOT_TRANSLATABLE'
  | 'CONFIG_REFUSED_BY_FRR'
  | 'CONFIG_QOS_UNDEFINED'
  | 'CONFIG_QOS_BANDWIDTH'
  | 'CONFIG_NHRP_NBMA_FAMILY'
  | 'CONFIG_TUNNEL_DESTINATION_FAMILY';

/** Why a line was refused: which command, what it expected, what it found. */
export interface ConfigFault {
  command: string;
  expected: string;
  found: string;
}

/** Where and what: the fields every ConfigError carries. */
export interface ConfigErrorInit {
  code: ConfigErrorCode;
  file: string;
  /** 1-based line number; 0 when the error is about the file as a whole. */
  line: number;
  /** 1-based column of the offending token (where the `^` goes). */
  column: number;
  /** The line as written. */
  text: string;
  /** The IOS message printed under the marker, e.g. "% Invalid input detected at '^' marker.". */
  ios: string;
  fault: ConfigFault;
}

/** A refused configuration line. `cause` is the ConfigFault (or the underlying error for file problems). */
export class ConfigError extends Error {
  readonly code: ConfigErrorCode;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly text: string;
  readonly ios: string;
  readonly fault: ConfigFault;

  constructor(init: ConfigErrorInit, cause?: unknown) {
    const where = init.line > 0 ? `${init.file}:${init.line}:${init.column}` : init.file;
    super(`${where}: ${init.fault.command}: expected ${init.fault.expected}, found ${init.fault.found}`, {
      cause: cause ?? init.fault,
    });
    this.name = 'ConfigError';
    this.code = init.code;
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
    this.text = init.text;
    this.ios = init.ios;
    this.fault = init.fault;
  }

  /** Plain data for JSON output. */
  toJSON(): ConfigErrorInit & { message: string } {
    return {
      code: this.code,
      file: this.file,
      line: this.line,
      column: this.column,
      text: this.text,
      ios: this.ios,
      fault: this.fault,
      message: this.message,
    };
  }
}

/** IOS messages by code. */
export const IOS_MESSAGES = {
  invalid: "% Invalid input detected at '^' marker.",
  incomplete: '% Incomplete command.',
  inconsistent: '%Inconsistent address and mask',
} as const;

/**
 * Renders an error the way IOS echoes a refused line, prefixed with file:line:
 *
 *     hub.cfg:12:  ip nhrp holdtime abc
 *                                   ^
 *     % Invalid input detected at '^' marker.
 *       ip nhrp holdtime: expected seconds 1-65535, found 'abc' [CONFIG_INVALID_INPUT]
 */
export function formatConfigError(e: ConfigErrorInit): string {
  const f = e.fault;
  const detail = `  ${f.command}: expected ${f.expected}, found ${f.found} [${e.code}]`;
  if (e.line <= 0) return `${e.file}: ${e.ios}\n${detail}`;
  const prefix = `${e.file}:${e.line}: `;
  const caret = `${' '.repeat(prefix.length + Math.max(0, e.column - 1))}^`;
  return `${prefix}${e.text}\n${caret}\n${e.ios}\n${detail}`;
}
