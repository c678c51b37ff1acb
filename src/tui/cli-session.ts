/**
 * A router's interactive CLI while the TUI steps aside: reads lines from the terminal, sends each to the
 * router's control socket, prints the answer, until `exit`, `quit`, `end` or end of input.
 */
import { createInterface } from 'node:readline';
import { sendControl } from '../node/api/index.js';

/** Runs the session on `input`/`output`; resolves when the person leaves it. */
export async function cliSession(
  node: string,
  socket: string,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  output.write(`Connected to ${node} (control socket ${socket}). Type "exit" to return to the lab.\n`);
  const rl = createInterface({
    input,
    output,
    prompt: `${node}# `,
    terminal: (output as { isTTY?: boolean }).isTTY === true,
  });
  rl.prompt();
  try {
    for await (const raw of rl) {
      const line = raw.trim();
      if (/^(exit|quit|end|logout)$/i.test(line)) break;
      if (line !== '') {
        try {
          const answer = await sendControl(socket, line, [], undefined, 30_000);
          output.write(answer.endsWith('\n') || answer === '' ? answer : `${answer}\n`);
        } catch (e) {
          output.write(`% ${(e as Error).message}\n`);
        }
      }
      rl.prompt();
    }
  } finally {
    rl.close();
    // readline leaves the stream paused; ink reads in paused mode only from a stream that was resumed
    (input as NodeJS.ReadStream).resume?.();
  }
}
