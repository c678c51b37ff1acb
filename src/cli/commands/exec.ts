import type { Command } from 'commander';
import { LabError } from '../../lab/errors.js';
import { findNode } from '../../lab/lab.js';
import { getRuntime } from '../../lab/runtime/index.js';

/**
 * Runs argv through `sh` inside the node so that a missing program exits 127 and one that cannot be
 * run exits 126, as in a shell ($0 is the node's name, for the message).
 */
const SHELL_EXEC =
  'command -v "$1" >/dev/null 2>&1 || { echo "dmvpn-lab exec: $1: command not found in node $0" >&2; exit 127; }; ' +
  'exec "$@"';

/** `dmvpn-lab exec NODE -- CMD…`: runs a command inside a node (e.g. ping from a host); exits with its status. */
export function registerExec(program: Command): void {
  program
    .command('exec <node> [command...]')
    .description('run a command inside a node, e.g. dmvpn-lab exec host1 -- ping -c 3 10.1.2.10')
    .option('--lab <lab>', 'the lab, when several have this node (default: the current lab, see use)')
    .allowUnknownOption()
    .action(async (node: string, command: string[], o: { lab?: string }) => {
      if (command.length === 0) throw new LabError('BAD_ARGUMENT', 'say what to run: dmvpn-lab exec NODE -- CMD ARGS…');
      const { state, node: n } = findNode(node, o.lab);
      const argv = ['sh', '-c', SHELL_EXEC, n.name, ...command];
      const r = await getRuntime(state.runtime).exec(n.namespace, argv, { inherit: true });
      process.exitCode = r.exitCode;
    });
}
