import type { Command } from 'commander';

/** `dmvpn-lab demo`: brings up the phase3 lab, shows the shortcut forming, leaves pcaps and a report. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the Phase 3 demonstration lab and leave pcaps and a report')
    .action(() => {
      process.stdout.write('dmvpn-lab demo: not yet — the lab runtime is not built yet.\n');
    });
}
