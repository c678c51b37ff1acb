import type { Command } from 'commander';
import { controlCommand } from '../../lab/control.js';
import { LabError } from '../../lab/errors.js';
import { findNode } from '../../lab/lab.js';

/** `dmvpn-lab cli NODE "show dmvpn"`: a router command through the router's control socket. */
export function registerCli(program: Command): void {
  program
    .command('cli <node> <command...>')
    .description('run a router command, e.g. dmvpn-lab cli spoke1 "show dmvpn"')
    .option('--lab <lab>', 'the lab, when several have this node (default: the current lab, see use)')
    .action(async (node: string, words: string[], o: { lab?: string }) => {
      const { node: n } = findNode(node, o.lab);
      if (!n.control) throw new LabError('BAD_ARGUMENT', `${node} is a ${n.kind} node, not a router: use dmvpn-lab exec ${node} -- CMD`);
      const answer = await controlCommand(n.control, words.join(' '), 30_000);
      process.stdout.write(answer.endsWith('\n') || answer === '' ? answer : `${answer}\n`);
    });
}
