import type { Command } from 'commander';
import { runCommand, runSession } from '../../node/api/index.js';
import { LabError } from '../../lab/errors.js';
import { findNode } from '../../lab/lab.js';

/**
 * `dmvpn-lab cli NODE`: an interactive IOS session on the router's console (like `docker exec -it`;
 * from a pipe, the lines are typed in and the session ends with them).
 * `dmvpn-lab cli NODE "show dmvpn"`: a router command through the router's control socket, as
 * `dmvpnd ctl` runs it: exit 1 when the router refuses the command or a configure line, 2 when it
 * cannot be reached; `debug nhrp` streams until Ctrl-C (then exit 0); `configure` reads its lines
 * from stdin.
 */
export function registerCli(program: Command): void {
  program
    .command('cli <node> [command...]')
    .description(
      'an interactive IOS session on a router, or one command: dmvpn-lab cli spoke1 "show dmvpn" (configure: lines on stdin)',
    )
    .option('--lab <lab>', 'the lab, when several have this node (default: the current lab, see use)')
    .action(async (node: string, words: string[], o: { lab?: string }) => {
      const { node: n } = findNode(node, o.lab);
      if (!n.control) {
        const hint = `use dmvpn-lab exec ${node} -- CMD`;
        throw new LabError('BAD_ARGUMENT', `${node} is a ${n.kind} node, not a router: ${hint}`);
      }
      if (words.length === 0) {
        const io = { stdin: process.stdin, stdout: process.stdout, err: (t: string) => void process.stderr.write(t) };
        process.exitCode = await runSession(n.control, io);
        return;
      }
      const hangUp = new AbortController();
      process.once('SIGINT', () => hangUp.abort());
      const out = (t: string): void => void process.stdout.write(t);
      const err = (t: string): void => void process.stderr.write(t);
      const io = { stdin: process.stdin, out, err, signal: hangUp.signal, prog: 'dmvpn-lab cli' };
      process.exitCode = await runCommand(n.control, words, io);
    });
}
