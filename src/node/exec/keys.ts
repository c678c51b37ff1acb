/**
 * Keystrokes of a terminal, decoded from the bytes a client sends (an SSH channel, or the local
 * terminal through the control socket): printable characters, control keys (Ctrl-A … Ctrl-Z), the
 * arrow and editing keys' escape sequences, and the window-size report `ESC [ 8 ; ROWS ; COLS t`
 * that the local client sends when its terminal is resized. Anything else (binary garbage, unknown
 * sequences, non-ASCII) is dropped: IOS lines are ASCII.
 */

/** One decoded key. */
export type Key =
  | { kind: 'char'; char: string }
  | { kind: 'enter' }
  | { kind: 'ctrl'; letter: string }
  | { kind: 'backspace' }
  | { kind: 'delete' }
  | { kind: 'tab' }
  | { kind: 'up' }
  | { kind: 'down' }
  | { kind: 'left' }
  | { kind: 'right' }
  | { kind: 'home' }
  | { kind: 'end' }
  | { kind: 'resize'; rows: number; cols: number };

/** Decodes keys across chunks (an escape sequence may be split between two reads). */
export class KeyDecoder {
  private pending = '';
  /** The previous byte was CR: a LF right after it is the same Enter. */
  private afterCr = false;

  /** The keys in `chunk` (a sequence cut at the end is kept for the next chunk). */
  decode(chunk: string): Key[] {
    const s = this.pending + chunk;
    this.pending = '';
    const out: Key[] = [];
    let i = 0;
    while (i < s.length) {
      const c = s[i]!;
      const code = c.charCodeAt(0);
      if (c === '\n' && this.afterCr) {
        this.afterCr = false;
        i++;
        continue;
      }
      this.afterCr = c === '\r';
      if (c === '\x1b') {
        const seq = escapeSequence(s, i);
        if (seq === 'partial') {
          this.pending = s.slice(i);
          break;
        }
        if (seq.key) out.push(seq.key);
        i += seq.length;
        continue;
      }
      i++;
      if (c === '\r' || c === '\n') out.push({ kind: 'enter' });
      else if (c === '\t') out.push({ kind: 'tab' });
      else if (c === '\x7f' || c === '\b') out.push({ kind: 'backspace' });
      else if (code >= 1 && code <= 26) out.push({ kind: 'ctrl', letter: String.fromCharCode(code + 96) });
      else if (code >= 0x20 && code < 0x7f) out.push({ kind: 'char', char: c });
    }
    return out;
  }
}

const CSI_KEYS: Record<string, Key> = {
  A: { kind: 'up' },
  B: { kind: 'down' },
  C: { kind: 'right' },
  D: { kind: 'left' },
  H: { kind: 'home' },
  F: { kind: 'end' },
  '1~': { kind: 'home' },
  '7~': { kind: 'home' },
  '4~': { kind: 'end' },
  '8~': { kind: 'end' },
  '3~': { kind: 'delete' },
};

/** Reads the escape sequence at `i`: its key (if known) and length, or 'partial' when it is cut. */
function escapeSequence(s: string, i: number): { key?: Key; length: number } | 'partial' {
  if (i + 1 >= s.length) return 'partial';
  const second = s[i + 1]!;
  if (second === 'O') {
    if (i + 2 >= s.length) return 'partial';
    return { key: CSI_KEYS[s[i + 2]!], length: 3 };
  }
  if (second !== '[') return { length: 1 };
  // CSI: parameters 0x30–0x3F, intermediates 0x20–0x2F, one final byte 0x40–0x7E
  let j = i + 2;
  while (j < s.length && /[0-9;?]/.test(s[j]!)) j++;
  if (j >= s.length) return j - i > 16 ? { length: j - i } : 'partial';
  const body = s.slice(i + 2, j + 1);
  const resize = /^8;(\d+);(\d+)t$/.exec(body);
  if (resize) return { key: { kind: 'resize', rows: Number(resize[1]), cols: Number(resize[2]) }, length: j + 1 - i };
  return { key: CSI_KEYS[body] ?? CSI_KEYS[body.replace(/^1;\d/, '')], length: j + 1 - i };
}

/** The bytes the local client sends when its terminal is `rows` × `cols` (decoded as a resize key). */
export function resizeSequence(rows: number, cols: number): string {
  return `\x1b[8;${rows};${cols}t`;
}
