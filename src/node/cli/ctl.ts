/**
 * `dmvpnd ctl PATH COMMAND…`: sends one command to a router's control socket and prints the answer
 * as it arrives. For `configure`, the configuration lines are read from stdin when it is not a
 * terminal. Exit status: 0, or 1 when the answer starts with '%' (IOS's mark of an error), 2 when the
 * router cannot be reached.
 */
import { sendControl } from '../api/client.js';
import { describeError } from '../router/errors.js';

/** Where ctl reads and writes (the process's streams in the bin; fakes in tests). */
export interface CtlIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Whether the command line is `configure` (any abbreviation). */
function isConfigure(words: readonly string[]): boolean {
  const w = words[0]?.toLowerCase() ?? '';
  return w.length >= 4 && 'configure'.startsWith(w);
}

/** Whether the command streams until the client hangs up (`debug …`). */
function isStreaming(words: readonly string[]): boolean {
  const w = words[0]?.toLowerCase() ?? '';
  return w.length >= 3 && 'debug'.startsWith(w);
}

/** Runs one command against the router at `path`; resolves with the exit status. */
export async function runCtl(path: string, words: readonly string[], io: CtlIo): Promise<number> {
  const command = words.join(' ').trim();
  if (command === '') {
    io.err('dmvpnd ctl: no command given (e.g. "show dmvpn")\n');
    return 2;
  }
  const input = isConfigure(words) && !io.stdin.isTTY ? await readLines(io.stdin) : [];
  let first: string | undefined;
  try {
    await sendControl(
      path,
      command,
      input,
      (text) => {
        first ??= text;
        io.out(text);
      },
      isStreaming(words) ? 0 : 30_000,
    );
  } catch (err) {
    io.err(`dmvpnd ctl: ${describeError(err)}\n`);
    return 2;
  }
  return first !== undefined && first.startsWith('%') ? 1 : 0;
}

async function readLines(stream: NodeJS.ReadableStream): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  const text = Buffer.concat(chunks).toString('utf8');
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
