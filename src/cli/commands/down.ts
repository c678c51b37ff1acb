import type { Command } from 'commander';
import { LabError } from '../../lab/errors.js';
import { downAll, downLab } from '../../lab/lab.js';
import { stepPrinter } from '../../lab/progress.js';
import { labName } from '../lab-arg.js';

/** `dmvpn-lab down [LAB|--all]`: removes a lab's processes, namespaces, links and rules. */
export function registerDown(program: Command): void {
  program
    .command('down [lab]')
    .description('tear a lab down (by name or topology file), or every lab with --all; pcaps and logs stay')
    .option('--all', 'every lab that is up')
    .option('--cleanup', 'also delete the lab directory clab-<name>/')
    .action(async (lab: string | undefined, o: { all?: boolean; cleanup?: boolean }) => {
      const progress = stepPrinter();
      if (o.all) {
        const names = await downAll({ progress, cleanup: o.cleanup === true });
        process.stdout.write(names.length ? `removed ${names.join(', ')}\n` : 'no lab is up\n');
        return;
      }
      if (lab === undefined) throw new LabError('BAD_ARGUMENT', 'say which lab (dmvpn-lab down LAB) or --all');
      await downLab(labName(lab), { progress, cleanup: o.cleanup === true });
    });
}
