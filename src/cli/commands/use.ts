import type { Command } from 'commander';
import { currentLab, makeCurrentLab } from '../../lab/current.js';
import { labName } from '../lab-arg.js';

/** `dmvpn-lab use [LAB]`: makes LAB the current lab (node names in several labs mean its nodes); alone, names it. */
export function registerUse(program: Command): void {
  program
    .command('use [lab]')
    .description('make a lab the current one (cli, exec, logs use it when a node is in several labs); alone: print it')
    .action((lab: string | undefined) => {
      if (lab === undefined) {
        const current = currentLab();
        process.stdout.write(current !== undefined ? `${current}\n` : 'no current lab\n');
        if (current === undefined) process.exitCode = 1;
        return;
      }
      const name = labName(lab);
      makeCurrentLab(name);
      process.stdout.write(`lab ${name} is current\n`);
    });
}
