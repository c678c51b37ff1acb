import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { execa } from 'execa';
import { LabError } from '../../lab/errors.js';
import { findNode } from '../../lab/lab.js';

/** `dmvpn-lab logs NODE [-f]`: the router's log. */
export function registerLogs(program: Command): void {
  program
    .command('logs <node>')
    .description("print a router's log (dmvpnd output); -f follows it")
    .option('--lab <lab>', 'the lab, when several have this node (default: the current lab, see use)')
    .option('-f, --follow', 'keep printing as the log grows')
    .action(async (node: string, o: { lab?: string; follow?: boolean }) => {
      const { node: n } = findNode(node, o.lab);
      if (!n.log) throw new LabError('BAD_ARGUMENT', `${node} is a ${n.kind} node: it runs no process and has no log`);
      if (o.follow) {
        await execa('tail', ['-n', '+1', '-f', n.log], { stdio: 'inherit', reject: false });
        return;
      }
      try {
        process.stdout.write(readFileSync(n.log, 'utf8'));
      } catch (cause) {
        throw new LabError('BAD_ARGUMENT', `no log yet at ${n.log}`, { cause });
      }
    });
}
