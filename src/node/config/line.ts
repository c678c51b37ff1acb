/** Splitting a configuration line into tokens, and a reader that turns bad tokens into IOS errors. */
import { formatIpv4, lengthOfMaskBits, looksLikeIpv4, parseIpv4 } from '../../wire/ipv4-addr.js';
import type { ConfigErrorCode, ConfigFault } from './errors.js';
import { IOS_MESSAGES } from './errors.js';

/** A word of a line and its 1-based column. */
export interface Token {
  text: string;
  col: number;
}

/** One line of configuration, numbered from 1. */
export interface ConfigLine {
  no: number;
  raw: string;
  /** Leading whitespace characters. */
  indent: number;
  tokens: Token[];
}

/** Splits `raw` (line number `no`) into whitespace-separated tokens with their columns. */
export function splitLine(raw: string, no: number): ConfigLine {
  const tokens: Token[] = [];
  const re = /\S+/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) tokens.push({ text: m[0], col: m.index + 1 });
  const indent = raw.length - raw.trimStart().length;
  return { no, raw, indent, tokens };
}

/** Thrown by a Cmd when a token is wrong; the parser turns it into a ConfigError. */
export class LineFault {
  constructor(
    readonly code: ConfigErrorCode,
    readonly column: number,
    readonly ios: string,
    readonly fault: ConfigFault,
  ) {}
}

/** Reads the tokens of one line left to right; every read names what it expected. */
export class Cmd {
  pos = 0;
  constructor(readonly line: ConfigLine) {}

  /** Number of tokens not read yet. */
  get left(): number {
    return this.line.tokens.length - this.pos;
  }

  /** The next token in lower case, without consuming it. */
  peek(offset = 0): string | undefined {
    return this.line.tokens[this.pos + offset]?.text.toLowerCase();
  }

  /** Consumes the next token if it is `word` (case-insensitive). */
  accept(word: string): boolean {
    if (this.peek() !== word) return false;
    this.pos++;
    return true;
  }

  /** The next token as written; `% Incomplete command.` if there is none. */
  word(command: string, expected: string): string {
    const t = this.line.tokens[this.pos];
    if (!t) this.incomplete(command, expected);
    this.pos++;
    return t.text;
  }

  /** One of `choices` (lower case), else an invalid-input error at this token. */
  keyword<K extends string>(command: string, choices: readonly K[]): K {
    const expected = choices.map((c) => `'${c}'`).join(' or ');
    const w = this.word(command, expected).toLowerCase();
    if (!(choices as readonly string[]).includes(w)) this.invalid(command, expected, this.pos - 1);
    return w as K;
  }

  /** A decimal integer in [min, max]. */
  uint(command: string, what: string, min: number, max: number): number {
    const expected = `${what} ${min}-${max}`;
    const w = this.word(command, expected);
    const n = /^[0-9]+$/.test(w) ? Number(w) : NaN;
    if (!(n >= min && n <= max)) this.invalid(command, expected, this.pos - 1);
    return n;
  }

  /** A dotted-quad IPv4 address. */
  ipv4(command: string, what: string): string {
    const expected = `${what} (A.B.C.D)`;
    const w = this.word(command, expected);
    const v = parseIpv4(w);
    if (v === undefined) this.invalid(command, expected, this.pos - 1);
    return formatIpv4(v);
  }

  /** A contiguous dotted-quad mask, returned as a prefix length. */
  mask(command: string): number {
    const expected = 'a contiguous network mask (e.g. 255.255.255.0)';
    const w = this.word(command, expected);
    const v = parseIpv4(w);
    const len = v === undefined ? undefined : lengthOfMaskBits(v);
    if (len === undefined) this.invalid(command, expected, this.pos - 1);
    return len;
  }

  /** True when the next token is a valid IPv4 address (or an attempt at one). */
  nextLooksLikeIpv4(): boolean {
    const t = this.line.tokens[this.pos];
    return t !== undefined && looksLikeIpv4(t.text);
  }

  /** The raw text from the next token to the end of the line (for descriptions, passwords). */
  rest(command: string, expected: string): string {
    const t = this.line.tokens[this.pos];
    if (!t) this.incomplete(command, expected);
    this.pos = this.line.tokens.length;
    return this.line.raw.slice(t.col - 1).trimEnd();
  }

  /** Requires that the line has no more tokens. */
  end(command: string): void {
    if (this.left > 0) this.invalid(command, 'end of line', this.pos);
  }

  /** Throws `% Invalid input detected at '^' marker.` pointing at token `index`. */
  invalid(command: string, expected: string, index = this.pos): never {
    const t = this.line.tokens[index];
    const found = t ? `'${t.text}'` : 'end of line';
    throw new LineFault('CONFIG_INVALID_INPUT', t ? t.col : this.line.raw.trimEnd().length + 1, IOS_MESSAGES.invalid, {
      command,
      expected,
      found,
    });
  }

  /** Throws `% Incomplete command.` (the marker goes after the last token). */
  incomplete(command: string, expected: string): never {
    throw new LineFault('CONFIG_INCOMPLETE_COMMAND', this.line.raw.trimEnd().length + 2, IOS_MESSAGES.incomplete, {
      command,
      expected,
      found: 'end of line',
    });
  }

  /** Throws a fault with a specific code and IOS message at token `index`. */
  fail(code: ConfigErrorCode, ios: string, fault: ConfigFault, index: number): never {
    const t = this.line.tokens[index];
    throw new LineFault(code, t ? t.col : 1, ios, fault);
  }
}
