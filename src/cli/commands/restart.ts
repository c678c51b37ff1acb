import type { Command } from 'commander';
import { restartNode } from '../../lab/faults/nodes.js';
import { findNode, requireRoot } from '../../lab/lab.js';

/**
 * `dmvpn-lab restart NODE [--lab L]`: stops and starts a router's dmvpnd.
 * Recorded in the lab's events.jsonl; `status` shows the node's state.
 */
export function registerRestart(program: Command): void {
  program
    .command('restart <node>')
    .description("stop and start a router's dmvpnd")
    .option('--lab <lab>', 'the lab, when several have this node')
    .action(async (node: string, o: { lab?: string }) => {
      requireRoot();
      const { state } = findNode(node, o.lab);
      const r = await restartNode(state, node);
      process.stdout.write(`${r.message} (${r.ms} ms)\n`);
    });
}
