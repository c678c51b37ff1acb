/**
 * One interactive IOS exec session, sans-IO: fed the bytes a terminal sends, it writes what the
 * terminal must show. Modes and prompts (`R>`, `R#`, `R(config)#`, `R(config-if)#` …), `enable`,
 * `configure terminal`, `exit`/`end`/Ctrl-Z/`do`, `?` and Tab (./complete.ts), abbreviations and
 * IOS errors (./commands.ts), `|` modifiers (./pipe.ts), `--More--` paging, history and line editing
 * (./line-editor.ts), Ctrl-C aborting `ping`, `terminal monitor` for log and debug lines. The
 * transports (the control socket, an SSH channel) only move bytes (../vty/).
 */
import type { ExecBackend } from './backend.js';
import { isShow, matchLine, matchSessionShow } from './commands.js';
import { completeLine, configHelpNodes, execHelpNodes, helpFor, type HelpNode } from './complete.js';
import { expandKeywords, GLOBAL_MODE, modeOpenedBy, nestedMode, type ConfigMode } from './config-words.js';
import { KeyDecoder, type Key } from './keys.js';
import { LineEditor } from './line-editor.js';
import { parsePingOptions } from './ping-options.js';
import { applyPipe, splitPipe } from './pipe.js';

/** How a session starts. */
export interface SessionOptions {
  backend: ExecBackend;
  /** Writes bytes to the terminal. */
  write(text: string): void;
  /** Ends the session (`exit`); the host closes its transport. */
  close(): void;
  /** 15: starts in privileged mode (`username U privilege 15`); 1: user mode. */
  privilege: number;
  /** The local console (`dmvpn-lab cli NODE`): `enable` needs no password when none is set, logs are shown. */
  console: boolean;
  rows?: number;
  cols?: number;
  /** Who logged in and from where (`show users`, log lines). */
  user?: string;
}

/** An open configuration sub-mode: the line that opened it, and its prompt and words. */
interface OpenMode {
  opener: string;
  mode: ConfigMode;
  /** A nested sub-mode (`address-family` in `router eigrp`): the word that leaves it. */
  leave?: string;
}

const EIGRP_DEBUG = /EIGRP|%DUAL-/;
const SYSLOG = /%[A-Z0-9_]+-\d-[A-Z0-9_]+:/;

/** The session. */
export class ExecSession {
  private readonly keys = new KeyDecoder();
  private readonly editor = new LineEditor();
  private readonly backend: ExecBackend;
  private level: 'user' | 'enable';
  /** null: exec mode; else configuration mode with its open sub-modes (outermost first). */
  private config: OpenMode[] | null = null;
  private rows: number;
  private cols: number;
  private monitor: boolean;
  private readonly debugs = new Set<'nhrp' | 'eigrp'>();
  private unsubscribe: (() => void) | undefined;
  /** A command is running: keys wait in `queued` (Ctrl-C aborts it). */
  private running: AbortController | undefined;
  private queued: Key[] = [];
  /** Output waiting behind `--More--`. */
  private paging: string[] | undefined;
  /** `enable` asked for a password: tries left. */
  private password: number | undefined;
  private closed = false;

  constructor(private readonly opts: SessionOptions) {
    this.backend = opts.backend;
    this.level = opts.privilege >= 15 ? 'enable' : 'user';
    this.rows = opts.rows ?? 24;
    this.cols = opts.cols ?? 80;
    this.monitor = opts.console;
  }

  /** Writes the first prompt. */
  start(): void {
    this.out(`\n${this.prompt()}`);
    this.syncLog();
  }

  /** The prompt for the current mode, with the live hostname. */
  prompt(): string {
    const host = this.backend.hostname();
    if (this.config) {
      const top = this.config[this.config.length - 1];
      return `${host}(${top ? top.mode.prompt : GLOBAL_MODE.prompt})#`;
    }
    return `${host}${this.level === 'enable' ? '#' : '>'}`;
  }

  /** The terminal's size changed (SSH window-change, the local client's resize report). */
  resize(rows: number, cols: number): void {
    this.rows = Math.max(1, Math.min(rows, 1000));
    this.cols = Math.max(1, Math.min(cols, 1000));
  }

  /** Terminal length (0: no paging) as `terminal length` set it. */
  get length(): number {
    return this.rows;
  }

  /** A command runs, or its output waits behind `--More--`. */
  get busy(): boolean {
    return this.running !== undefined || this.paging !== undefined || this.queued.length > 0;
  }

  /** Bytes from the terminal. */
  feed(data: string): void {
    if (this.closed) return;
    for (const k of this.keys.decode(data)) this.key(k);
  }

  /** Ends the session from the transport side (client gone): stops what runs, unsubscribes. */
  dispose(): void {
    this.closed = true;
    this.running?.abort();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private key(k: Key): void {
    if (k.kind === 'resize') return this.resize(k.rows, k.cols);
    if (this.running) {
      if (k.kind === 'ctrl' && (k.letter === 'c' || k.letter === '^')) this.running.abort();
      else this.queued.push(k);
      return;
    }
    if (this.paging) return this.page(k);
    if (this.password !== undefined) return this.passwordKey(k);
    const e = this.editor;
    switch (k.kind) {
      case 'char':
        if (k.char === '?') return this.help();
        return this.out(e.insert(k.char));
      case 'enter':
        return this.enter();
      case 'tab':
        return this.tab();
      case 'backspace':
        return this.out(e.backspace());
      case 'delete':
        return this.out(e.delete());
      case 'left':
        return this.out(e.left());
      case 'right':
        return this.out(e.right());
      case 'home':
        return this.out(e.home());
      case 'end':
        return this.out(e.end());
      case 'up':
        return this.out(e.previous());
      case 'down':
        return this.out(e.next());
      case 'ctrl':
        return this.ctrl(k.letter);
    }
  }

  private ctrl(letter: string): void {
    const e = this.editor;
    const edits: Record<string, () => string> = {
      a: () => e.home(),
      e: () => e.end(),
      b: () => e.left(),
      f: () => e.right(),
      u: () => e.killBefore(),
      w: () => e.killWord(),
      k: () => e.killAfter(),
      p: () => e.previous(),
      n: () => e.next(),
      d: () => e.delete(),
    };
    const edit = edits[letter];
    if (edit) return this.out(edit());
    if (letter === 'l') return this.out(`\n${this.prompt()}${e.redraw()}`);
    if (letter === 'c' || letter === 'z') {
      // Ctrl-Z (and Ctrl-C) in configuration mode: end; at an exec prompt Ctrl-C drops the line
      e.clear();
      if (this.config) {
        this.out('^Z\n');
        this.leaveConfig();
      } else this.out('\n');
      this.out(this.prompt());
    }
  }

  private help(): void {
    const line = this.editor.line;
    this.out(
      `?\n${helpFor(line, this.helpRoots(line), this.prompt().length)}\n${this.prompt()}${this.editor.redraw()}`,
    );
  }

  private tab(): void {
    const line = this.editor.line;
    if (this.editor.column !== line.length) return;
    const done = completeLine(line, this.helpRoots(line));
    if (done === undefined) return this.out(`\n${this.prompt()}${this.editor.redraw()}`);
    this.out(this.editor.replace(done));
  }

  /** The tree `?` and Tab read for `line` in the current mode. */
  private helpRoots(line: string): HelpNode[] {
    if (!this.config) return execHelpNodes(this.level === 'user');
    if (/^\s*do\s/i.test(line)) {
      return [{ word: 'do', help: 'To run exec commands in config mode', children: () => execHelpNodes() }];
    }
    const top = this.config[this.config.length - 1];
    return configHelpNodes((top?.mode ?? GLOBAL_MODE).words);
  }

  private enter(): void {
    const prompt = this.prompt();
    const line = this.editor.take();
    this.out('\n');
    if (line.trim() === '') return this.out(this.prompt());
    this.run(() => (this.config ? this.configLine(line, prompt) : this.execLine(line, prompt)));
  }

  /** Runs a command; keys typed meanwhile wait, Ctrl-C aborts it; then the prompt. */
  private run(task: () => Promise<string | undefined> | string | undefined): void {
    const ctl = new AbortController();
    this.running = ctl;
    const finish = (text: string | undefined): void => {
      if (this.running === ctl) this.running = undefined;
      if (this.closed) return;
      if (this.password !== undefined) {
        // `enable` asked for a password: its prompt is written
      } else if (text) this.show(text);
      else this.out(this.prompt());
      const keys = this.queued;
      this.queued = [];
      for (const k of keys) this.key(k);
    };
    let r: Promise<string | undefined> | string | undefined;
    try {
      r = task();
    } catch (err) {
      r = `% ${(err as Error).message}\n`;
    }
    Promise.resolve(r).then(finish, (err: unknown) => finish(`% ${(err as Error).message ?? String(err)}\n`));
  }

  /** Writes a command's output through the pager, then the prompt. */
  private show(text: string): void {
    const lines = text.replace(/\n$/, '').split('\n');
    if (this.length === 0 || lines.length < this.length) {
      this.out(`${text.endsWith('\n') ? text : `${text}\n`}${this.prompt()}`);
      return;
    }
    this.paging = lines;
    this.nextPage(Math.max(1, this.length - 1));
  }

  private nextPage(count: number): void {
    const lines = this.paging!;
    this.out(`${lines.splice(0, count).join('\n')}\n`);
    if (lines.length === 0) {
      this.paging = undefined;
      this.out(this.prompt());
      return;
    }
    this.out(' --More-- ');
  }

  private page(k: Key): void {
    this.out(`${'\b'.repeat(10)}${' '.repeat(10)}${'\b'.repeat(10)}`);
    if (k.kind === 'char' && k.char === ' ') return this.nextPage(Math.max(1, this.length - 1));
    if (k.kind === 'enter') return this.nextPage(1);
    this.paging = undefined;
    this.out(this.prompt());
  }

  private passwordKey(k: Key): void {
    if (k.kind === 'char') return void this.editor.insert(k.char);
    if (k.kind === 'backspace') return void this.editor.backspace();
    if (k.kind === 'ctrl' && k.letter === 'c') {
      this.editor.take();
      this.editor.hidden = false;
      this.password = undefined;
      return this.out(`\n${this.prompt()}`);
    }
    if (k.kind !== 'enter') return;
    const given = this.editor.take();
    this.out('\n');
    if (this.backend.checkEnable(given) === true) {
      this.editor.hidden = false;
      this.password = undefined;
      this.level = 'enable';
      return this.out(this.prompt());
    }
    this.password! -= 1;
    if (this.password! > 0) return this.out('Password: ');
    this.editor.hidden = false;
    this.password = undefined;
    this.out(`% Bad secrets\n\n${this.prompt()}`);
  }

  /** An exec command line (also `do …` in configuration mode, `privileged` then). */
  private async execLine(raw: string, prompt: string): Promise<string | undefined> {
    const split = splitPipe(raw, prompt.length);
    if ('error' in split) return split.error;
    const line = split.command;
    const session = matchSessionShow(line);
    if (session === 'show history') return applyPipe(this.history(), split.pipe);
    if (session === 'show terminal') return applyPipe(this.terminalText(), split.pipe);
    if (session === 'show startup-config') return applyPipe(await this.backend.startupConfig(), split.pipe);
    if (isShow(line)) return applyPipe(dropEcho(await this.backend.show(line, prompt)), split.pipe);
    const m = matchLine(line, prompt);
    if (!m.ok) return dropEcho(m.message);
    const userOk = ['enable', 'disable', 'exit', 'ping', 'traceroute', 'terminal length', 'terminal width', 'help'];
    if (this.level === 'user' && !this.config && !userOk.includes(m.id) && !m.id.startsWith('terminal')) {
      const col = raw.length - raw.trimStart().length;
      return `${' '.repeat(prompt.length + col)}^\n% Invalid input detected at '^' marker.\n`;
    }
    switch (m.id) {
      case 'help':
        return HELP_TEXT;
      case 'enable':
        return this.enable();
      case 'disable':
        this.level = 'user';
        return undefined;
      case 'exit':
        this.closed = true;
        this.unsubscribe?.();
        this.opts.close();
        return undefined;
      case 'configure':
      case 'configure terminal':
        if (this.config) return '% Already in configuration mode\n';
        this.config = [];
        return 'Enter configuration commands, one per line.  End with CNTL/Z.\n';
      case 'terminal length':
        this.rows = Number(m.args.number);
        return undefined;
      case 'terminal width':
        this.cols = Number(m.args.number);
        return undefined;
      case 'terminal monitor':
        this.monitor = true;
        this.syncLog();
        return undefined;
      case 'terminal no monitor':
        this.monitor = false;
        this.syncLog();
        return undefined;
      case 'debug nhrp':
        this.debugs.add('nhrp');
        this.syncLog();
        return 'NHRP protocol debugging is on\n';
      case 'debug eigrp packets':
        this.debugs.add('eigrp');
        this.syncLog();
        return 'EIGRP Packet debugging is on\n';
      case 'undebug all':
        this.debugs.clear();
        this.syncLog();
        return 'All possible debugging has been turned off\n';
      case 'clear ip nhrp':
        this.backend.clearNhrp();
        return undefined;
      case 'write memory':
      case 'copy running-config startup-config':
        return this.backend.writeMemory();
      case 'ping':
        return this.stream((w, s) => {
          const o = parsePingOptions(m.rest);
          if (typeof o === 'string') return Promise.resolve(w(o));
          return this.backend.ping(m.args.target!, o, w, s);
        });
      case 'traceroute':
        return this.stream((w, s) => this.backend.traceroute(m.args.target!, w, s));
      default:
        return `% ${m.id}: not available in this session\n`;
    }
  }

  /** Runs a command that writes as it goes (ping): its output bypasses the pager. */
  private async stream(fn: (write: (t: string) => void, signal: AbortSignal) => Promise<void>): Promise<undefined> {
    const signal = this.running?.signal ?? new AbortController().signal;
    await fn((t) => this.out(t), signal);
    return undefined;
  }

  private enable(): string | undefined {
    if (this.level === 'enable') return undefined;
    const set = this.backend.checkEnable('');
    if (set === undefined) {
      if (this.opts.console) {
        this.level = 'enable';
        return undefined;
      }
      return '% No password set\n';
    }
    this.password = 3;
    this.editor.hidden = true;
    this.out('Password: ');
    return '';
  }

  /** A line typed in configuration mode. */
  private async configLine(raw: string, prompt: string): Promise<string | undefined> {
    const modes = this.config!;
    const line = raw.trim();
    const words = line.toLowerCase().split(/\s+/);
    const top = modes[modes.length - 1];
    if (words[0] === 'do' && words.length > 1) {
      const offset = raw.indexOf(raw.trim().split(/\s+/)[1]!);
      const level = this.level;
      this.level = 'enable';
      const config = this.config;
      this.config = null;
      try {
        return await this.execLine(raw.slice(offset), `${prompt}${' '.repeat(offset)}`);
      } finally {
        this.level = level;
        if (!this.closed) this.config = config;
      }
    }
    if (line.toLowerCase() === 'end' || (words.length === 1 && 'end'.startsWith(words[0]!) && words[0]!.length >= 2)) {
      this.leaveConfig();
      return undefined;
    }
    if (words.length === 1 && words[0] === 'exit') {
      if (modes.length === 0) this.leaveConfig();
      else modes.pop();
      return undefined;
    }
    const expanded = expandKeywords(line, (top?.mode ?? GLOBAL_MODE).words);
    const openers = modes.map((m) => m.opener);
    const r = await this.backend.configure(openers, expanded, prompt.length + (raw.length - raw.trimStart().length));
    const nested = top?.mode.nested?.find((n) => n.first === expanded.split(/\s+/)[0]?.toLowerCase());
    if (r.move === 'global') this.config = [];
    else if (r.move === 'opened') this.config = [{ opener: expanded, mode: modeOpenedBy(expanded) }];
    else if (nested && !r.output.includes('%')) {
      modes.push({ opener: expanded, mode: nestedMode(nested.mode), leave: nested.leave });
    } else if (top?.leave !== undefined && words[0] === top.leave) modes.pop();
    return r.output || undefined;
  }

  private leaveConfig(): void {
    this.config = null;
  }

  private history(): string {
    return this.editor.entries.map((l) => `  ${l}\n`).join('');
  }

  private terminalText(): string {
    return (
      `Line 0, Location: "", Type: "${this.opts.console ? 'console' : 'vty'}"\n` +
      `Length: ${this.rows} lines, Width: ${this.cols} columns\n` +
      `Monitor: ${this.monitor ? 'on' : 'off'}; debugging: ${[...this.debugs].join(', ') || 'none'}\n` +
      `History is enabled, history size is 20.\n`
    );
  }

  /** Subscribes to the router's log while there is something to show. */
  private syncLog(): void {
    const want = this.monitor && !this.closed;
    if (want && !this.unsubscribe) this.unsubscribe = this.backend.subscribeLog((l) => this.logLine(l));
    if (!want && this.unsubscribe) {
      this.unsubscribe();
      this.unsubscribe = undefined;
    }
  }

  private logLine(line: string): void {
    if (this.closed) return;
    const syslog = SYSLOG.test(line);
    if (!syslog) {
      const eigrp = EIGRP_DEBUG.test(line);
      if (!(eigrp ? this.debugs.has('eigrp') : this.debugs.has('nhrp'))) return;
    }
    if (this.running || this.paging || this.password !== undefined) {
      this.out(`${line}\n`);
      return;
    }
    this.out(`\n${line}\n${this.prompt()}${this.editor.redraw()}`);
  }

  /** Writes with terminal line ends. */
  private out(text: string): void {
    if (text === '' || this.closed) return;
    this.opts.write(text.replace(/\r?\n/g, '\r\n'));
  }
}

/**
 * Interactive refusals: the line was echoed as it was typed, so the echo that a one-shot answer
 * starts with (`R#show foo`, before the caret line) is dropped.
 */
function dropEcho(text: string): string {
  const lines = text.split('\n');
  if (lines.length > 2 && /^\s*\^$/.test(lines[1]!)) return lines.slice(1).join('\n');
  return text;
}

const HELP_TEXT = `Help may be requested at any point in a command by entering
a question mark '?'.  If nothing matches, the help list will
be empty and you must backup until entering a '?' shows the
available options.
Two styles of help are provided:
1. Full help is available when you are ready to enter a
   command argument (e.g. 'show ?') and describes each possible
   argument.
2. Partial help is provided when an abbreviated argument is entered
   and you want to know what arguments match the input
   (e.g. 'show pr?'.)
`;
