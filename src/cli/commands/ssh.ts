import type { Command } from 'commander';
import { LabError } from '../../lab/errors.js';
import { findNode } from '../../lab/lab.js';
import { runSsh } from '../../node/api/ssh-client.js';

/**
 * `dmvpn-lab ssh NODE [COMMAND…]`: logs in to a router over SSH on its management address, without
 * the user knowing the address (the lab default user admin/admin unless --user / --password or
 * $DMVPN_LAB_SSH_PASSWORD say otherwise); with a command, runs it as an exec request.
 */
export function registerSsh(program: Command): void {
  program
    .command('ssh <node> [command...]')
    .description('log in to a router over SSH on its management address (default user admin/admin)')
    .option('--lab <lab>', 'the lab, when several have this node (default: the current lab, see use)')
    .option('-u, --user <user>', 'user name', 'admin')
    .option('-p, --password <password>', 'password (default: $DMVPN_LAB_SSH_PASSWORD, else admin)')
    .action(async (node: string, words: string[], o: { lab?: string; user: string; password?: string }) => {
      const { node: n } = findNode(node, o.lab);
      if (n.mgmtIpv4 === undefined) {
        const why = n.control
          ? 'has no management address (docker runtime, or a lab from before them)'
          : 'is not a router';
        throw new LabError('BAD_ARGUMENT', `${node} ${why}: use dmvpn-lab cli ${node}`);
      }
      const password = o.password ?? process.env.DMVPN_LAB_SSH_PASSWORD ?? 'admin';
      const io = { stdin: process.stdin, stdout: process.stdout, err: (t: string) => void process.stderr.write(t) };
      const command = words.length > 0 ? words.join(' ') : undefined;
      process.exitCode = await runSsh({ host: n.mgmtIpv4, user: o.user, password }, command, io);
    });
}
