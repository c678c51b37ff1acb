import type { Command } from 'commander';
import { startNode } from '../../lab/faults/nodes.js';
import { findNode, requireRoot } from '../../lab/lab.js';

/**
 * `dmvpn-lab start NODE [--lab L]`: starts a stopped router's dmvpnd again from its startup-config
 * and waits until it answers.
 * Recorded in the lab's events.jsonl; `status` shows the node's state.
 */
export function registerStart(program: Command): void {
  program
    .command('start <node>')
    .description("start a stopped router's dmvpnd again from its startup-config and wait until it answers")
    .option('--lab <lab>', 'the lab, when several have this node')
    .action(async (node: string, o: { lab?: string }) => {
      requireRoot();
      const { state } = findNode(node, o.lab);
      const r = await startNode(state, node);
      process.stdout.write(`${r.message} (${r.ms} ms)\n`);
    });
}
