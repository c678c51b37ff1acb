/**
 * Node faults: stop, start or restart a node's router process (dmvpnd), the way a router is powered
 * off and on; its namespace/container and links stay. Hosts, NAT, Internet and switch nodes run no
 * process (the kernel forwards for them), so they are refused with what to do instead.
 */
import { LabError } from '../errors.js';
import { routerProcess } from '../router.js';
import { startRouter, stopRouter } from '../router-ops.js';
import type { LabState, NodeState } from '../state.js';
import { recorded, type FaultAction } from './events.js';

/** What a node fault did. */
export interface NodeFaultResult {
  node: string;
  action: FaultAction;
  /** False when there was nothing to do (already stopped / already running). */
  changed: boolean;
  message: string;
  ms: number;
}

const NO_PROCESS: Record<string, string> = {
  host: 'a host is a Linux namespace with addresses and a default route',
  nat: 'a NAT node forwards and masquerades in the kernel',
  internet: 'the Internet node routes in the kernel',
  switch: 'a switch is a Linux bridge',
};

/** The router node `name`; throws NODE_NOT_FOUND, or BAD_ARGUMENT (saying what to do instead) for other kinds. */
export function routerNodeOf(state: LabState, name: string): NodeState {
  const n = state.nodes.find((x) => x.name === name);
  if (!n) {
    const known = state.nodes.map((x) => x.name).join(', ');
    throw new LabError('NODE_NOT_FOUND', `no node "${name}" in lab ${state.name} (nodes: ${known})`);
  }
  if (n.control) return n;
  const iface = n.interfaces[0]?.written;
  const instead = iface ? `; to cut it off, take its link down: dmvpn-lab link down ${name}:${iface}` : '';
  const why = NO_PROCESS[n.kind] ?? `a ${n.kind} node runs no router`;
  const what = `${name} is a ${n.kind} node: there is no process to stop or start`;
  throw new LabError('BAD_ARGUMENT', `${what} (${why})${instead}`);
}

/** Stops the router of `node` (SIGTERM, SIGKILL after 3 s) and records it. */
export async function stopNode(state: LabState, node: string): Promise<NodeFaultResult> {
  routerNodeOf(state, node);
  const r = await recorded(state, 'stop', node, async () => {
    const pid = await stopRouter(state, node);
    if (pid === undefined) return { changed: false, message: `${node}: dmvpnd was not running` };
    return { changed: true, message: `${node}: dmvpnd (pid ${pid}) stopped` };
  });
  return { node, action: 'stop', ...r };
}

/** Starts the router of `node` from its startup-config and waits until it answers; records it. */
export async function startNode(state: LabState, node: string): Promise<NodeFaultResult> {
  const n = routerNodeOf(state, node);
  const r = await recorded(state, 'start', node, async () => {
    const before = routerProcess(n);
    if (before.running) return { changed: false, message: `${node}: dmvpnd is already running (pid ${before.pid})` };
    await startRouter(state, node);
    return { changed: true, message: `${node}: dmvpnd started (pid ${routerProcess(n).pid}), control socket answers` };
  });
  return { node, action: 'start', ...r };
}

/** Stops (if running) and starts the router of `node`; records it. */
export async function restartNode(state: LabState, node: string): Promise<NodeFaultResult> {
  const n = routerNodeOf(state, node);
  const r = await recorded(state, 'restart', node, async () => {
    const old = await stopRouter(state, node);
    await startRouter(state, node);
    return { changed: true, message: `${node}: dmvpnd restarted (pid ${old ?? '—'} → ${routerProcess(n).pid})` };
  });
  return { node, action: 'restart', ...r };
}
