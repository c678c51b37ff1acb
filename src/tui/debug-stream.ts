/**
 * Follows a router's `debug nhrp` through its control socket (the router's public API client): one call
 * per complete line, until `close()`; `done` settles when the router hangs up or cannot be reached.
 */
import { sendControl } from '../node/api/index.js';

/** An open debug stream. */
export interface DebugStream {
  close(): void;
  done: Promise<void>;
}

/** Opens `debug nhrp` on the router behind `socket`. */
export function debugStream(socket: string, onLine: (line: string) => void): DebugStream {
  const hangUp = new AbortController();
  let rest = '';
  const onData = (t: string): void => {
    const lines = (rest + t).split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) onLine(l.replace(/\r$/, ''));
  };
  const done = sendControl(socket, 'debug nhrp', [], onData, 0, hangUp.signal).then(() => {
    if (rest !== '') onLine(rest);
  });
  return { close: () => hangUp.abort(), done };
}
