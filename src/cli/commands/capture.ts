import type { Command } from 'commander';
import { allLinkTargets, parseTarget, startCaptures, stopCaptures } from '../../lab/capture.js';
import { LabError } from '../../lab/errors.js';
import { getRuntime } from '../../lab/runtime/index.js';
import { findLab } from '../../lab/state.js';

/** `dmvpn-lab capture LAB [NODE:IFACE…|--all] [--stop]`: starts or stops tcpdump captures into clab-<name>/pcaps/. */
export function registerCapture(program: Command): void {
  program
    .command('capture <lab> [targets...]')
    .description('capture NODE:IFACE (IOS names work on routers; --all = every link once) to pcap; --stop ends them')
    .option('--all', 'every link (captured on its first endpoint)')
    .option('--stop', 'stop the named captures (all of them when none is named)')
    .action(async (lab: string, targets: string[], o: { all?: boolean; stop?: boolean }) => {
      const state = findLab(lab);
      const chosen = o.all ? allLinkTargets(state) : targets.map((t) => parseTarget(state, t));
      if (o.stop) {
        const stopped = await stopCaptures(state, chosen.length ? chosen : undefined);
        for (const c of stopped) process.stdout.write(`stopped ${c.node}:${c.iface} -> ${c.pcap}\n`);
        return;
      }
      if (chosen.length === 0) throw new LabError('BAD_ARGUMENT', 'say what to capture: NODE:IFACE… or --all');
      const started = await startCaptures(getRuntime(state.runtime), state, chosen);
      for (const c of started) process.stdout.write(`capturing ${c.node}:${c.iface} -> ${c.pcap}\n`);
    });
}
