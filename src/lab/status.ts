/** `status`: the supervisor's check of a lab: nodes present, processes alive, routers registered. */
import { setTimeout as sleep } from 'node:timers/promises';
import { running } from './capture.js';
import { controlJson, type DmvpnJson, type NhsListJson } from '../node/api/index.js';
import { LabError } from './errors.js';
import { faultsInForce, readEvents } from './faults/events.js';
import { throwIfAborted } from './interrupt.js';
import { routerProcess } from './router.js';
import { getRuntime } from './runtime/index.js';
import type { LabState, NodeState } from './state.js';

/** A spoke's view of one NHS (from `show ip nhrp nhs json`). */
export interface NhsStatus {
  nhs: string;
  nbma?: string;
  state: string;
  registered: boolean;
}

/** A router's view of one DMVPN peer (from `show dmvpn json`). */
export interface PeerStatus {
  nbma: string;
  tunnel?: string;
  state: string;
  up: boolean;
}

/** The NHS entries of a router (empty for a hub with no NHS). */
export async function nhsStates(socket: string): Promise<NhsStatus[]> {
  const json = (await controlJson(socket, 'show ip nhrp nhs', 3000)) as NhsListJson;
  return json.interfaces.flatMap((i) =>
    i.nhs.map((n) => ({
      nhs: n.address,
      ...(n.nbma !== null ? { nbma: n.nbma } : {}),
      state: n.state,
      registered: n.state.toLowerCase() === 'up',
    })),
  );
}

/** The DMVPN peers of a router that have an NBMA address (`show dmvpn json`). */
export async function peerStates(socket: string): Promise<PeerStatus[]> {
  const json = (await controlJson(socket, 'show dmvpn', 3000)) as DmvpnJson;
  return json.interfaces.flatMap((i) =>
    i.peers.flatMap((p) => {
      if (p.nbma === null) return [];
      return [{ nbma: p.nbma, tunnel: p.tunnel, state: p.state, up: p.state === 'UP' }];
    }),
  );
}

/** A router's process and registrations. */
export interface RouterStatus {
  running: boolean;
  pid?: number;
  exitCode?: number;
  control: string;
  nhs?: NhsStatus[];
  peers?: PeerStatus[];
  /** Why the control socket could not be read. */
  error?: string;
}

/** One node's status. */
export interface NodeStatus {
  name: string;
  kind: string;
  namespace: string;
  exists: boolean;
  /** stopped: its router was stopped on purpose (`dmvpn-lab stop`); dead: its router died; missing: no namespace. */
  state: 'running' | 'stopped' | 'dead' | 'missing';
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
  /** Every link (`node:iface node:iface`): up, or a fault in force (down, silent, or both). */
  links: Array<{ link: string; state: 'up' | 'down' | 'silent' | 'down+silent' }>;
  problems: string[];
}

async function routerStatus(s: NodeState): Promise<RouterStatus> {
  let p = routerProcess(s);
  // The shell the router runs under writes its exit status a moment after it exits.
  for (let i = 0; i < 5 && !p.running && p.exitCode === undefined && s.exitFile; i++) {
    await sleep(50);
    p = routerProcess(s);
  }
  const r: RouterStatus = {
    running: p.running,
    control: s.control!,
    ...(p.pid ? { pid: p.pid } : {}),
    ...(p.exitCode !== undefined ? { exitCode: p.exitCode } : {}),
  };
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
  const faults = faultsInForce(readEvents(state));
  const nodes = await Promise.all(
    state.nodes.map(async (n): Promise<NodeStatus> => {
      const exists = runtime.exists(n.namespace);
      if (!exists) problems.push(`${n.name}: namespace ${n.namespace} is missing`);
      const processes = exists ? (await runtime.processes(n.namespace)).length : 0;
      const state0 = exists ? 'running' : 'missing';
      const st: NodeStatus = { name: n.name, kind: n.kind, namespace: n.namespace, exists, state: state0, processes };
      if (n.control !== undefined && state.phase === 'up') {
        st.router = await routerStatus(n);
        if (!st.router.running && exists) st.state = faults.stopped.has(n.name) ? 'stopped' : 'dead';
        if (st.state === 'dead')
          problems.push(
            `${n.name}: dmvpnd is not running${st.router.exitCode !== undefined ? ` (exited with status ${st.router.exitCode})` : ''}; see ${n.log}`,
          );
        else if (st.router.error) problems.push(`${n.name}: ${st.router.error}`);
        for (const x of st.router.nhs ?? []) if (!x.registered) problems.push(`${n.name}: NHS ${x.nhs} is ${x.state}`);
      }
      return st;
    }),
  );
  if (state.phase !== 'up') problems.push('lab is still being created (or its creator died: run down)');
  const captures = state.captures.map((c) => ({ node: c.node, iface: c.iface, pcap: c.pcap, running: running(c) }));
  for (const c of captures) if (!c.running) problems.push(`capture ${c.node}:${c.iface} stopped`);
  const links = state.links.map((l) => {
    const name = `${l.a} ${l.b}`;
    const f = [faults.down.has(name) ? 'down' : '', faults.silent.has(name) ? 'silent' : ''].filter(Boolean).join('+');
    return { link: name, state: (f || 'up') as LabStatus['links'][number]['state'] };
  });
  const { name, phase, runtime: rt, labDir } = state;
  return { name, phase, runtime: rt, labDir, nodes, captures, links, problems };
}

/** True when every router that has NHSs is registered with all of them. */
export function allRegistered(s: LabStatus): boolean {
  const routers = s.nodes.filter((n) => n.router);
  return routers.every(
    (n) => n.router!.running && !n.router!.error && (n.router!.nhs ?? []).every((x) => x.registered),
  );
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
    if (Date.now() - t0 > timeoutMs)
      throw new LabError(
        'ROUTER_TIMEOUT',
        `not every spoke registered within ${timeoutMs} ms: ${s.problems.join('; ')}`,
      );
    await sleep(200);
  }
}
