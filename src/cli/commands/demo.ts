import type { Command } from 'commander';
import { runDemo } from '../../lab/demo.js';
import { stepPrinter } from '../../lab/progress.js';

/** `dmvpn-lab demo`: brings up the phase3 lab, shows the shortcut forming, leaves pcaps and a report. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the Phase 3 demonstration lab and leave pcaps and a report')
    .option('--name <name>', 'lab name', 'demo')
    .action(async (o: { name: string }) => {
      const r = await runDemo(stepPrinter(), (t) => process.stdout.write(t), o.name);
      process.stdout.write(`report: ${r.report}\nchecks: ${r.checksJson} ${r.checksJunit}\n`);
      if (r.failed > 0) process.exitCode = 1;
    });
}
