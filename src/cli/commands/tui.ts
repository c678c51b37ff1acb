import type { Command } from 'commander';

/** `dmvpn-lab tui [FILE|LAB]`: the lab in a terminal UI (labs, topology, nodes, NHRP events, checks, faults). */
export function registerTui(program: Command): void {
  program
    .command('tui [lab]')
    .description(
      'the lab in a terminal UI: topology, nodes, live NHRP events, checks, faults (needs a TTY; exit 2 without)',
    )
    .action(async (lab: string | undefined) => {
      process.env.NODE_ENV ??= 'production'; // React's development build costs several times the CPU
      const { runTui } = await import('../../tui/run.js');
      process.exit(await runTui(lab));
    });
}
