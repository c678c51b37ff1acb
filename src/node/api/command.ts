/**
 * One exec command run the way a person runs it from a shell (`dmvpnd ctl PATH …`, `dmvpn-lab cli
 * NODE …`): the answer is printed as it arrives; for `configure` the configuration lines are read
 * from stdin when it is not a terminal; a streaming command (`debug …`) runs until the signal fires
 * (SIGINT in the bins). Exit status: 0; 1 when the router refused something (a line of the answer
 * starts with `% `, IOS's mark of an error); 2 when the router cannot be reached; 130 when
 * interrupted before a (non-streaming) answer was complete.
 */
import { sendControl } from './client.js';

/** Where the command reads and writes (the process's streams in the bins; fakes in tests). */
export interface CommandIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  out: (text: string) => void;
  err: (text: string) => void;
  /** Hangs up (Ctrl-C): ends a streaming command with status 0. */
  signal?: AbortSignal;
  /** The program named in messages, e.g. `dmvpnd ctl`. */
  prog?: string;
}

/** Whether the command line is `configure` (any abbreviation). */
function isConfigure(words: readonly string[]): boolean {
  const w = words[0]?.toLowerCase() ?? '';
  return w.length >= 4 && 'configure'.startsWith(w);
}

/** Whether the command streams until the client hangs up (`debug …`). */
export function isStreaming(words: readonly string[]): boolean {
  const w = words[0]?.toLowerCase() ?? '';
  return w.length >= 3 && 'debug'.startsWith(w);
}

/** Whether an answer reports a refusal: a line starting with `% ` (`%FAC-N-…` logs, `%Warning` have no space). */
export function answerFailed(answer: string): boolean {
  return /^% /m.test(answer);
}

const describe = (e: unknown): string => {
  const x = e as { message?: string; code?: string };
  return `${x.message ?? String(e)}${x.code ? ` [${x.code}]` : ''}`;
};

/** Runs one command (its words as given on a command line) on the router at `path`; resolves with the exit status. */
export async function runCommand(path: string, given: readonly string[], io: CommandIo): Promise<number> {
  const prog = io.prog ?? 'dmvpnd ctl';
  const command = given.join(' ').trim();
  const words = command.split(/\s+/);
  if (command === '') {
    io.err(`${prog}: no command given (e.g. "show dmvpn")\n`);
    return 2;
  }
  const streaming = isStreaming(words);
  const input = isConfigure(words) && !io.stdin.isTTY ? await readLines(io.stdin) : [];
  let answer: string;
  try {
    answer = await sendControl(path, command, input, io.out, streaming ? 0 : 30_000, io.signal);
  } catch (err) {
    io.err(`${prog}: ${describe(err)}\n`);
    return 2;
  }
  if (io.signal?.aborted && !streaming) return 130;
  return answerFailed(answer) ? 1 : 0;
}

async function readLines(stream: NodeJS.ReadableStream): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  const text = Buffer.concat(chunks).toString('utf8');
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
