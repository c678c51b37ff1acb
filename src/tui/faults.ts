/**
 * Faults from the TUI, through the lab's fault API (the one `dmvpn-lab stop|start|restart` and
 * `dmvpn-lab link` use, recorded in the lab's events.jsonl): stop, start, restart or kill a router;
 * down, up, silence or restore a node's link.
 */
import { recorded } from '../lab/faults/events.js';
import { resolveLink, setLinkAdmin, setLinkSilent } from '../lab/faults/links.js';
import { restartNode, routerNodeOf, startNode, stopNode } from '../lab/faults/nodes.js';
import { LabError } from '../lab/errors.js';
import { stopRouter } from '../lab/router-ops.js';
import type { LabState } from '../lab/state.js';

/** A router operation. */
export type RouterOp = 'stop' | 'start' | 'restart' | 'kill';
/** A link operation. */
export type LinkOp = 'down' | 'up' | 'silent' | 'restore';

/** Kills a router at once (SIGKILL: no deregistration, as when a hub loses power); recorded as a stop. */
async function killNode(state: LabState, node: string): Promise<{ message: string; ms: number }> {
  routerNodeOf(state, node);
  return recorded(state, 'stop', node, async () => {
    const pid = await stopRouter(state, node, { signal: 'SIGKILL' });
    return { message: pid === undefined ? `${node}: dmvpnd was not running` : `${node}: dmvpnd (pid ${pid}) killed` };
  });
}

/** Runs a router operation; returns a one-line account. */
export async function routerFault(state: LabState, node: string, op: RouterOp): Promise<string> {
  const r =
    op === 'kill'
      ? await killNode(state, node)
      : await (op === 'stop' ? stopNode : op === 'start' ? startNode : restartNode)(state, node);
  return `${r.message} (${r.ms} ms)`;
}

/** The end of `node`'s link that faces the Internet (to the internet node, else a NAT node), as `node:iface`. */
export function uplink(state: LabState, node: string, iface?: string): string {
  const n = state.nodes.find((x) => x.name === node);
  if (!n) throw new LabError('NODE_NOT_FOUND', `no node "${node}" in lab ${state.name}`);
  if (iface !== undefined) return `${node}:${iface}`;
  const kindOf = (peer: string): string | undefined => state.nodes.find((x) => x.name === peer.split(':')[0])?.kind;
  const i =
    n.interfaces.find((x) => kindOf(x.peer) === 'internet') ??
    n.interfaces.find((x) => kindOf(x.peer) === 'nat') ??
    n.interfaces[0];
  if (!i) throw new LabError('BAD_ARGUMENT', `${node} has no link`);
  return `${node}:${i.written}`;
}

/** Runs a link operation on `node`'s uplink (or its `iface`); returns a one-line account. */
export async function linkFault(state: LabState, node: string, op: LinkOp, iface?: string): Promise<string> {
  const link = resolveLink(state, uplink(state, node, iface));
  const r =
    op === 'down' || op === 'up'
      ? await setLinkAdmin(state, link, op === 'up')
      : await setLinkSilent(state, link, node, op === 'silent');
  return `${r.message} (${r.ms} ms)`;
}
