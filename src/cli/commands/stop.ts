import type { Command } from 'commander';
import { stopNode } from '../../lab/faults/nodes.js';
import { findNode, requireRoot } from '../../lab/lab.js';

/**
 * `dmvpn-lab stop NODE [--lab L]`: stops a router's dmvpnd (the node and its links stay), e.g. to fail
 * a hub; hosts, NAT and Internet nodes are refused.
 * Recorded in the lab's events.jsonl; `status` shows the node's state.
 */
export function registerStop(program: Command): void {
  program
    .command('stop <node>')
    .description("stop a router's dmvpnd (its node and links stay), e.g. to fail a hub; other kinds are refused")
    .option('--lab <lab>', 'the lab, when several have this node')
    .action(async (node: string, o: { lab?: string }) => {
      requireRoot();
      const { state } = findNode(node, o.lab);
      const r = await stopNode(state, node);
      process.stdout.write(`${r.message} (${r.ms} ms)\n`);
    });
}
