import type { Command } from 'commander';
import { LabError } from '../../lab/errors.js';
import { resolveLink, setLinkAdmin, setLinkSilent } from '../../lab/faults/links.js';
import { findNode, requireRoot } from '../../lab/lab.js';

const ACTIONS = ['down', 'up', 'silent', 'restore'] as const;

/**
 * `dmvpn-lab link down|up A:IF [B:IF]`: both ends of a link administratively down (or up again);
 * `dmvpn-lab link silent|restore A:IF`: the link stays up but drops every packet (or carries again).
 * Recorded in the lab's events.jsonl and shown by `status`.
 */
export function registerLink(program: Command): void {
  program
    .command('link <action> <end> [other]')
    .description('fault a link: down|up A:IF [B:IF] (both ends), silent|restore A:IF (drops all, link stays up)')
    .option('--lab <lab>', 'the lab, when several have this node')
    .action(async (action: string, endSpec: string, other: string | undefined, o: { lab?: string }) => {
      if (!(ACTIONS as readonly string[]).includes(action)) {
        const expected = ACTIONS.join(', ');
        throw new LabError('BAD_ARGUMENT', `unknown link action "${action}" (expected ${expected})`, { exitCode: 2 });
      }
      if (other !== undefined && (action === 'silent' || action === 'restore')) {
        const why = `link ${action} takes one end (NODE:IFACE): the side whose node drops the packets`;
        throw new LabError('BAD_ARGUMENT', why, { exitCode: 2 });
      }
      requireRoot();
      const { state } = findNode(endSpec.split(':')[0]!, o.lab);
      const link = resolveLink(state, endSpec, other);
      const r =
        action === 'down' || action === 'up'
          ? await setLinkAdmin(state, link, action === 'up')
          : await setLinkSilent(state, link, endSpec.split(':')[0]!, action === 'silent');
      process.stdout.write(`${r.message} (${r.ms} ms)\n`);
    });
}
