/**
 * `dmvpnd ctl PATH COMMAND…`: one exec command against a router's control socket (the shared
 * runner of src/node/api/command.ts); Ctrl-C ends a streaming command (`debug nhrp`) with status 0.
 */
import { runCommand, type CommandIo } from '../api/command.js';

/** Where ctl reads and writes (the process's streams in the bin; fakes in tests). */
export type CtlIo = Omit<CommandIo, 'prog'>;

/** Runs one command against the router at `path`; resolves with the exit status (0, 1 refused, 2 unreachable). */
export function runCtl(path: string, words: readonly string[], io: CtlIo): Promise<number> {
  return runCommand(path, words, { ...io, prog: 'dmvpnd ctl' });
}
