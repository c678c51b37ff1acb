/**
 * The line walker shared by file loading and live `configure` input: comments, banners, `end`,
 * `exit`, and the mode stack (global, an interface, or a block of lines that is ignored or recorded).
 *
 * A line belongs to the open sub-mode when it is indented deeper than the line that opened it
 * (saved-config form) or, unindented, when it is a command of that sub-mode and not a global one
 * (typed-in form, as in `configure terminal`).
 */
import type { ProtectionLine } from './validate-shared.js';
import type { NbmaLine } from './validate-nbma.js';
import { ConfigError } from './errors.js';
import { Cmd, LineFault, splitLine, type ConfigLine } from './line.js';
import type { RouterConfig } from './model.js';
import type { AddressLine, ConfigWarning, IgnoredLine } from './result.js';
import { bannerStart } from './banner.js';

/** An open sub-mode. */
export interface Block {
  /** Indentation of the line that opened it. */
  indent: number;
  /** For an unindented line (lower-case words): does it stay in this sub-mode? */
  accepts(words: string[]): boolean;
  /**
   * For an indented line (lower-case words): does it leave this sub-mode anyway? IOS ignores
   * indentation, so an indented `ip route` after an interface's lines is a global command.
   */
  leaves?(words: string[]): boolean;
  /** Handles one line of the sub-mode; throws LineFault for a bad line. */
  line(cmd: Cmd, s: Session): void;
  /** Called when the sub-mode ends. */
  close?(s: Session): void;
}

/** Handles a line in global mode; may open a block through `s.open`. */
export type GlobalHandler = (cmd: Cmd, s: Session) => void;

/** Parser state over one run of lines (a file, or one `configure` request). */
export class Session {
  readonly ignored: IgnoredLine[] = [];
  readonly errors: ConfigError[] = [];
  readonly warnings: ConfigWarning[] = [];
  readonly addressLines: AddressLine[] = [];
  /** The `tunnel protection` lines, for warnings that need the whole config (validate-shared.ts). */
  readonly protectionLines: ProtectionLine[] = [];
  /** The NBMA addresses of NHRP lines, checked against the tunnel's transport at the end (validate-nbma.ts). */
  readonly nbmaLines: NbmaLine[] = [];
  private block: Block | undefined;
  private banner: { delimiter: string; entry: IgnoredLine } | undefined;
  private ended = false;

  constructor(
    readonly config: RouterConfig,
    readonly file: string,
    /** Live input: `end` leaves configuration mode instead of ending the file. */
    readonly live: boolean,
    private readonly global: GlobalHandler,
  ) {}

  /** The open sub-mode (undefined in global mode). */
  get current(): Block | undefined {
    return this.block;
  }

  /** Feeds line number `no` (1-based). */
  feed(raw: string, no: number): void {
    if (this.banner) {
      this.banner.entry.children.push({ line: no, text: raw });
      if (raw.includes(this.banner.delimiter)) this.banner = undefined;
      return;
    }
    const line = splitLine(raw.replace(/\r$/, ''), no);
    if (line.tokens.length === 0 || line.tokens[0].text.startsWith('!')) return;
    const words = line.tokens.map((t) => t.text.toLowerCase());
    if (this.ended) {
      this.ignore(line, 'after `end`, ignored');
      return;
    }
    const b = this.block;
    const stays = b !== undefined && (line.indent > b.indent ? !b.leaves?.(words) : b.accepts(words));
    if (words[0] === 'exit' && words.length === 1 && (!stays || line.indent <= this.block!.indent + 1)) {
      this.closeBlock();
      return;
    }
    if (words[0] === 'end' && words.length === 1) {
      this.closeBlock();
      if (!this.live) this.ended = true;
      return;
    }
    if (!stays) this.closeBlock();
    const cmd = new Cmd(line);
    try {
      if (stays) this.block!.line(cmd, this);
      else if (words[0] === 'banner' || (words[0] === 'no' && words[1] === 'banner')) this.startBanner(line);
      else this.global(cmd, this);
    } catch (e) {
      if (!(e instanceof LineFault)) throw e;
      this.errors.push(this.toError(line, e));
      if (!stays) this.open(swallow(line, this));
    }
  }

  /** Ends the run: closes the open sub-mode, reports an unterminated banner. */
  finish(): void {
    this.closeBlock();
    if (this.banner) {
      const { entry, delimiter } = this.banner;
      this.errors.push(
        new ConfigError({
          code: 'CONFIG_BANNER_UNTERMINATED',
          file: this.file,
          line: entry.line,
          column: 1,
          text: entry.text,
          ios: '% Banner text never ends.',
          fault: { command: 'banner', expected: `the closing delimiter '${delimiter}'`, found: 'end of file' },
        }),
      );
      this.banner = undefined;
    }
  }

  /** Makes `block` the current sub-mode. */
  open(block: Block): void {
    this.closeBlock();
    this.block = block;
  }

  /** Reports `line` as not acted on; returns the entry so that children can be added. */
  ignore(
    line: ConfigLine,
    reason: string,
    status: IgnoredLine['status'] = 'unsupported',
    context?: string,
  ): IgnoredLine {
    const entry: IgnoredLine = { file: this.file, line: line.no, text: line.raw.trim(), reason, status, children: [] };
    if (context !== undefined) entry.context = context;
    this.ignored.push(entry);
    return entry;
  }

  /** Records a warning about `line`. */
  warn(line: ConfigLine, code: string, message: string): void {
    this.warnings.push({ code, file: this.file, line: line.no, text: line.raw.trim(), message });
  }

  private closeBlock(): void {
    const b = this.block;
    this.block = undefined;
    b?.close?.(this);
  }

  private startBanner(line: ConfigLine): void {
    const start = bannerStart(line);
    const entry = this.ignore(line, 'not supported, ignored (banner)');
    if (!start.done) this.banner = { delimiter: start.delimiter, entry };
  }

  private toError(line: ConfigLine, f: LineFault): ConfigError {
    return new ConfigError({
      code: f.code,
      file: this.file,
      line: line.no,
      column: f.column,
      text: line.raw,
      ios: f.ios,
      fault: f.fault,
    });
  }
}

/** After a refused global line, its indented lines are reported as ignored instead of cascading errors. */
function swallow(opener: ConfigLine, s: Session): Block {
  return {
    indent: opener.indent,
    accepts: () => false,
    line: (cmd) => {
      s.ignore(cmd.line, `belongs to line ${opener.no}, which was refused`);
    },
  };
}
