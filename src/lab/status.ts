/** `status`: the supervisor's check of a lab: nodes present, processes alive, routers registered. */
import { setTimeout as sleep } from 'node:timers/promises';
import { running } from './capture.js';
import { nhsStates, peerStates, type NhsState, type PeerState } from './control.js';
import { LabError } from './errors.js';
import { throwIfAborted } from './interrupt.js';
import { routerProcess } from './router.js';
import { getRuntime } from './runtime/index.js';
import type { LabState, NodeState } from './state.js';

/** A router's process and registrations. */
export interface RouterStatus {
  running: boolean;
  pid?: number;
  exitCode?: number;
  control: string;
  nhs?: NhsState[];
  peers?: PeerState[];
  /** Why the control socket could not be read. */
  error?: string;
}

/** One node's status. */
export interface NodeStatus {
  name: string;
  kind: string;
  namespace: string;
  exists: boolean;
  processes: number;
  router?: RouterStatus;
}

/** A lab's status; `problems` lists what is wrong (a dead router, a missing namespace, an NHS not up). */
export interface LabStatus {
  name: string;
  phase: LabState['phase'];
  runtime: string;
  labDir: string;
  nodes: NodeStatus[];
  captures: Array<{ node: string; iface: string; pcap: string; running: boolean }>;
  problems: string[];
}

async function routerStatus(s: NodeState): Promise<RouterStatus> {
  const p = routerProcess(s);
  const r: RouterStatus = { running: p.running, control: s.control!, ...(p.pid ? { pid: p.pid } : {}), ...(p.exitCode !== undefined ? { exitCode: p.exitCode } : {}) };
  if (!p.running) return r;
  try {
    r.nhs = await nhsStates(s.control!);
    r.peers = await peerStates(s.control!);
  } catch (e) {
    r.error = (e as Error).message;
  }
  return r;
}

/** Checks every node of `state`. */
export async function labStatus(state: LabState): Promise<LabStatus> {
  const runtime = getRuntime(state.runtime);
  const problems: string[] = [];
  const nodes = await Promise.all(
    state.nodes.map(async (n): Promise<NodeStatus> => {
      const exists = runtime.exists(n.namespace);
      if (!exists) problems.push(`${n.name}: namespace ${n.namespace} is missing`);
      const st: NodeStatus = { name: n.name, kind: n.kind, namespace: n.namespace, exists, processes: exists ? (await runtime.processes(n.namespace)).length : 0 };
      if (n.control !== undefined && state.phase === 'up') {
        st.router = await routerStatus(n);
        if (!st.router.running) problems.push(`${n.name}: dmvpnd is not running${st.router.exitCode !== undefined ? ` (exited with status ${st.router.exitCode})` : ''}; see ${n.log}`);
        else if (st.router.error) problems.push(`${n.name}: ${st.router.error}`);
        for (const x of st.router.nhs ?? []) if (!x.registered) problems.push(`${n.name}: NHS ${x.nhs} is ${x.state}`);
      }
      return st;
    }),
  );
  if (state.phase !== 'up') problems.push('lab is still being created (or its creator died: run down)');
  const captures = state.captures.map((c) => ({ node: c.node, iface: c.iface, pcap: c.pcap, running: running(c) }));
  for (const c of captures) if (!c.running) problems.push(`capture ${c.node}:${c.iface} stopped`);
  return { name: state.name, phase: state.phase, runtime: state.runtime, labDir: state.labDir, nodes, captures, problems };
}

/** True when every router that has NHSs is registered with all of them. */
export function allRegistered(s: LabStatus): boolean {
  const routers = s.nodes.filter((n) => n.router);
  return routers.every((n) => n.router!.running && !n.router!.error && (n.router!.nhs ?? []).every((x) => x.registered));
}

/** Polls until every spoke is registered; returns the time waited in ms; throws ROUTER_TIMEOUT listing what is missing. */
export async function waitRegistered(state: LabState, timeoutMs = 30_000): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    throwIfAborted();
    const s = await labStatus(state);
    if (allRegistered(s)) return Date.now() - t0;
    const dead = s.nodes.find((n) => n.router && !n.router.running);
    if (dead) throw new LabError('ROUTER_DIED', `router ${dead.name} is not running: ${s.problems.join('; ')}`);
    if (Date.now() - t0 > timeoutMs) throw new LabError('ROUTER_TIMEOUT', `not every spoke registered within ${timeoutMs} ms: ${s.problems.join('; ')}`);
    await sleep(200);
  }
}
