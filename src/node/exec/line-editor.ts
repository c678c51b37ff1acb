/**
 * The line being typed at an IOS prompt, and what the terminal must be sent to show each edit:
 * insert, backspace, delete, cursor moves, Ctrl-A/E (start/end), Ctrl-U (erase to the start),
 * Ctrl-W (erase the word before the cursor), Ctrl-K (erase to the end), and the history (up/down,
 * Ctrl-P/N). Sans-IO: every method returns the bytes to write; nothing is written here.
 */

/** Lines kept in the history (IOS `terminal history size`, default 20 on a vty; we keep a few more). */
export const HISTORY_SIZE = 20;

/** One line editor with its history. */
export class LineEditor {
  private text = '';
  private cursor = 0;
  private readonly history: string[] = [];
  /** Position while walking the history (history.length = the line being typed). */
  private walk = 0;
  /** The line being typed when the walk started. */
  private draft = '';
  /** No echo (passwords). */
  hidden = false;

  /** The line so far. */
  get line(): string {
    return this.text;
  }

  /** The cursor's column within the line. */
  get column(): number {
    return this.cursor;
  }

  /** The history, oldest first. */
  get entries(): readonly string[] {
    return this.history;
  }

  /** Inserts `s` at the cursor. */
  insert(s: string): string {
    if (this.hidden) {
      this.text += s;
      this.cursor = this.text.length;
      return '';
    }
    return this.set(this.text.slice(0, this.cursor) + s + this.text.slice(this.cursor), this.cursor + s.length);
  }

  backspace(): string {
    if (this.cursor === 0) return this.hidden ? '' : '\x07';
    if (this.hidden) {
      this.text = this.text.slice(0, -1);
      this.cursor = this.text.length;
      return '';
    }
    return this.set(this.text.slice(0, this.cursor - 1) + this.text.slice(this.cursor), this.cursor - 1);
  }

  delete(): string {
    if (this.cursor >= this.text.length) return '';
    return this.set(this.text.slice(0, this.cursor) + this.text.slice(this.cursor + 1), this.cursor);
  }

  left(): string {
    return this.cursor === 0 ? '\x07' : this.set(this.text, this.cursor - 1);
  }

  right(): string {
    return this.cursor >= this.text.length ? '\x07' : this.set(this.text, this.cursor + 1);
  }

  home(): string {
    return this.set(this.text, 0);
  }

  end(): string {
    return this.set(this.text, this.text.length);
  }

  /** Ctrl-U: erases from the start of the line to the cursor. */
  killBefore(): string {
    return this.set(this.text.slice(this.cursor), 0);
  }

  /** Ctrl-K: erases from the cursor to the end. */
  killAfter(): string {
    return this.set(this.text.slice(0, this.cursor), this.cursor);
  }

  /** Ctrl-W: erases the word before the cursor (and the spaces after it). */
  killWord(): string {
    const before = this.text.slice(0, this.cursor);
    const start = before.replace(/\S+\s*$/, '').length;
    return this.set(this.text.slice(0, start) + this.text.slice(this.cursor), start);
  }

  /** Up / Ctrl-P: the previous history line. */
  previous(): string {
    if (this.walk === 0) return '\x07';
    if (this.walk === this.history.length) this.draft = this.text;
    this.walk--;
    const t = this.history[this.walk]!;
    return this.set(t, t.length);
  }

  /** Down / Ctrl-N: the next history line (after the last, the line that was being typed). */
  next(): string {
    if (this.walk >= this.history.length) return '\x07';
    this.walk++;
    const t = this.walk === this.history.length ? this.draft : this.history[this.walk]!;
    return this.set(t, t.length);
  }

  /** Replaces the line (Tab completion), cursor at the end. */
  replace(t: string): string {
    return this.set(t, t.length);
  }

  /** Ends the line (Enter): returns it, records it in the history (not blank, not a repeat, not hidden). */
  take(): string {
    const t = this.text;
    if (!this.hidden && t.trim() !== '' && this.history[this.history.length - 1] !== t) {
      this.history.push(t);
      if (this.history.length > HISTORY_SIZE) this.history.shift();
    }
    this.clear();
    return t;
  }

  /** Drops the line without recording it. */
  clear(): void {
    this.text = '';
    this.cursor = 0;
    this.walk = this.history.length;
    this.draft = '';
  }

  /** The line and the cursor, as written after a prompt (a redraw after help or a message). */
  redraw(): string {
    return this.hidden ? '' : this.text + '\b'.repeat(this.text.length - this.cursor);
  }

  /** Changes the line and returns the bytes that turn the old display into the new one. */
  private set(t: string, cursor: number): string {
    const old = this.text;
    const oldCursor = this.cursor;
    this.text = t;
    this.cursor = cursor;
    if (t.startsWith(old) && oldCursor === old.length && cursor === t.length) return t.slice(old.length);
    if (t === old) {
      if (cursor < oldCursor) return '\b'.repeat(oldCursor - cursor);
      return t.slice(oldCursor, cursor);
    }
    // back to the first difference, write the rest, blank what is left of the old line, move back
    let same = 0;
    while (same < Math.min(oldCursor, t.length, old.length) && t[same] === old[same]) same++;
    const pad = Math.max(0, old.length - t.length);
    return '\b'.repeat(oldCursor - same) + t.slice(same) + ' '.repeat(pad) + '\b'.repeat(t.length + pad - cursor);
  }
}
