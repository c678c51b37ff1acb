/** Faults from the TUI: stop, start, restart or kill a router; down, up, silence or restore a node's link. */
import { LabError } from '../lab/errors.js';
import { startRouter, stopRouter } from '../lab/router-ops.js';
import type { LabState, NodeState } from '../lab/state.js';

/** A router operation. */
export type RouterOp = 'stop' | 'start' | 'restart' | 'kill';
/** A link operation. */
export type LinkOp = 'down' | 'up' | 'silent' | 'restore';

/** Runs a router operation; returns a one-line account. */
export async function routerFault(state: LabState, node: string, op: RouterOp): Promise<string> {
  const t0 = Date.now();
  if (op === 'stop' || op === 'restart' || op === 'kill') {
    const pid = await stopRouter(state, node, op === 'kill' ? { signal: 'SIGKILL' } : {});
    if (op !== 'restart') return pid === undefined ? `${node} was not running` : `${node} ${op === 'kill' ? 'killed' : 'stopped'} (${Date.now() - t0} ms)`;
  }
  await startRouter(state, node);
  return `${node} ${op === 'restart' ? 'restarted' : 'started'} (${Date.now() - t0} ms)`;
}

/** The interface of `node` that faces the Internet (its link to the internet or a NAT node), as `node:iface`. */
export function uplink(state: LabState, node: string, iface?: string): string {
  const n: NodeState | undefined = state.nodes.find((x) => x.name === node);
  if (!n) throw new LabError('NODE_NOT_FOUND', `no node "${node}" in lab ${state.name}`);
  if (iface !== undefined) return `${node}:${iface}`;
  const kindOf = (peer: string): string | undefined => state.nodes.find((x) => x.name === peer.split(':')[0])?.kind;
  const i = n.interfaces.find((x) => kindOf(x.peer) === 'internet') ?? n.interfaces.find((x) => kindOf(x.peer) === 'nat') ?? n.interfaces[0];
  if (!i) throw new LabError('BAD_ARGUMENT', `${node} has no link`);
  return `${node}:${i.written}`;
}

/** Runs a link operation on `node`'s uplink (or `iface`); returns a one-line account. */
export async function linkFault(state: LabState, node: string, op: LinkOp, iface?: string): Promise<string> {
  const end = uplink(state, node, iface);
  throw new LabError('BAD_ARGUMENT', `link ${op} ${end}: link faults need "dmvpn-lab link" (not in this build)`);
}
