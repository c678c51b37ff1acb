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
      // On a terminal the screen is redrawn as things change, even where CI is set (ink draws only a last frame
      // under CI, which suits a log, not a person at a terminal). Read by ink when it loads, just below.
      if (process.stdout.isTTY && process.stdin.isTTY) {
        process.env.CI = 'false';
        process.env.CONTINUOUS_INTEGRATION = 'false';
      }
      const { runTui } = await import('../../tui/run.js');
      process.exit(await runTui(lab));
    });
}
