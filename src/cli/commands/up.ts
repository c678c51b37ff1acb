import type { Command } from 'commander';
import { LabError } from '../../lab/errors.js';
import { interruptible, unaborted } from '../../lab/interrupt.js';
import { downLab, upLab } from '../../lab/lab.js';
import { chooseRuntime } from '../../lab/runtime/docker-select.js';
import { stepPrinter } from '../../lab/progress.js';
import { waitRegistered } from '../../lab/status.js';
import { labNameOr } from '../lab-arg.js';

interface UpCliOptions {
  runtime?: string;
  capture?: boolean;
  name?: string;
  wait?: boolean | string;
}

/** A failed `--wait` leaves the lab up (to look at it): the error says so and how to remove it. */
function leftUp(err: LabError, name: string): LabError {
  const code = err.code ?? 'ROUTER_TIMEOUT';
  const left = `lab ${name} is still up ("dmvpn-lab status ${name}" shows it); "dmvpn-lab down ${name}" removes it`;
  const text = `${err.message}\n${left}`;
  return new LabError(code, text, { cause: err, exitCode: err.exitCode ?? 1 });
}

/** `dmvpn-lab up FILE`: brings a lab up from its topology file; Ctrl-C rolls back what it created. */
export function registerUp(program: Command): void {
  program
    .command('up <file>')
    .description('bring a lab up from its topology file (state in clab-<name>/ next to it); Ctrl-C removes it again')
    .option('--runtime <name>', 'netns or docker (default: $DMVPN_LAB_RUNTIME, else netns)')
    .option('--capture', 'capture every link to clab-<name>/pcaps/ from the start')
    .option('--name <name>', 'lab name (overrides the name in the file)')
    .option('--wait [seconds]', 'wait until every spoke is registered (default 30 s); if not, the lab stays up')
    .action(async (file: string, o: UpCliOptions) => {
      const progress = stepPrinter();
      const name = o.name ?? labNameOr(file, 'LAB');
      const messages = {
        first: 'removing what was created',
        forced: () => `lab ${name} may be partly up: "dmvpn-lab down ${name}" removes it`,
      };
      await interruptible(messages, async () => {
        const choice = chooseRuntime(o.runtime);
        progress(`runtime ${choice.name} (${choice.reason})`);
        const named = o.name ? { name: o.name } : {};
        const state = await upLab(file, { runtime: choice.name, capture: o.capture === true, progress, ...named });
        if (o.wait !== undefined && state.nodes.some((n) => n.control)) {
          try {
            const ms = await waitRegistered(state, (o.wait === true ? 30 : Number(o.wait)) * 1000);
            progress(`every spoke registered (${ms} ms after the routers started)`);
          } catch (err) {
            if ((err as { code?: string }).code !== 'INTERRUPTED') throw leftUp(err as LabError, state.name);
            progress('interrupted; removing what was created');
            await unaborted(() => downLab(state.name));
            progress(`lab ${state.name} rolled back: nothing of it is left`);
            throw err;
          }
        }
        const n = state.name;
        process.stdout.write(`lab ${n} is up and current: dmvpn-lab status ${n} | inspect ${n} --json | down ${n}\n`);
      });
    });
}
