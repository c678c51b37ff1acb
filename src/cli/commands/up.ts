import type { Command } from 'commander';
import { upLab } from '../../lab/lab.js';
import { autoRuntime } from '../../lab/runtime/docker-select.js';
import { stepPrinter } from '../../lab/progress.js';
import { waitRegistered } from '../../lab/status.js';

/** `dmvpn-lab up FILE`: brings a lab up from its topology file. */
export function registerUp(program: Command): void {
  program
    .command('up <file>')
    .description('bring a lab up from its topology file (state in clab-<name>/ next to it)')
    .option('--runtime <name>', 'netns or docker (default: docker when a Docker daemon answers and has the dmvpn-node image, else netns)')
    .option('--capture', 'capture every link to clab-<name>/pcaps/ from the start')
    .option('--name <name>', 'lab name (overrides the name in the file)')
    .option('--wait [seconds]', 'wait until every spoke is registered (default 30 s)')
    .action(async (file: string, o: { runtime?: string; capture?: boolean; name?: string; wait?: boolean | string }) => {
      const progress = stepPrinter();
      let runtime = o.runtime;
      if (runtime === undefined) {
        const choice = await autoRuntime();
        progress(`runtime ${choice.name} (${choice.reason}; --runtime chooses)`);
        runtime = choice.name;
      }
      const state = await upLab(file, { runtime, capture: o.capture === true, progress, ...(o.name ? { name: o.name } : {}) });
      if (o.wait !== undefined && state.nodes.some((n) => n.control)) {
        const ms = await waitRegistered(state, (o.wait === true ? 30 : Number(o.wait)) * 1000);
        progress(`every spoke registered (${ms} ms after the routers started)`);
      }
      process.stdout.write(`lab ${state.name} is up: dmvpn-lab status ${state.name} | inspect ${state.name} --json | down ${state.name}\n`);
    });
}
