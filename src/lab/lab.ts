/** The orchestrator core: bring a lab up from its topology file, tear it down, find its nodes. */
import { mkdirSync, rmSync } from 'node:fs';
import { allLinkTargets, clearPcaps, startCaptures } from './capture.js';
import { LabError } from './errors.js';
import { aborted, throwIfAborted, unaborted } from './interrupt.js';
import { clearCurrent, currentLab, makeCurrentLab } from './current.js';
import { topologyFor } from './import/index.js';
import { controlDir, labDirFor } from './paths.js';
import { hostsFile, removeHostsBlock, writeHostsBlock } from './hosts.js';
import { hostUses, mgmtNodeIp, planMgmt } from './mgmt.js';
import { planLab, type LabPlan } from './plan.js';
import { requireRoot } from './root.js';
import { alive } from './process.js';
import { silent, type Progress } from './progress.js';
import { dmvpndCommand, routerFiles, startRouters } from './router.js';
import { getRuntime } from './runtime/index.js';
import {
  claimName,
  findLab,
  forgetLab,
  listLabs,
  readRegistry,
  saveState,
  type LabState,
  type NodeState,
} from './state.js';
import { assertAddresses } from './topology/addresses.js';
import { loadTopology } from './topology/load.js';

/** Options of `up`. */
export interface UpOptions {
  runtime?: string;
  /** Capture every link from the start. */
  capture?: boolean;
  /** Overrides the lab name in the file. */
  name?: string;
  progress?: Progress;
  routerTimeoutMs?: number;
}

export { requireRoot } from './root.js';

/** Brings the lab of `file` (a topology, or a CML/GNS3 lab imported first) up; on failure removes whatever it created and rethrows. */
export async function upLab(file: string, opts: UpOptions = {}): Promise<LabState> {
  requireRoot();
  const progress = opts.progress ?? silent;
  const source = topologyFor(file, opts.name);
  const topology = loadTopology(source.topologyFile, opts.name === undefined ? {} : { name: opts.name });
  assertAddresses(topology);
  const plan = planLab(topology);
  const runtime = getRuntime(opts.runtime);
  if (plan.nodes.some((n) => n.router) && !runtime.routerCommand) dmvpndCommand();
  const state: LabState = {
    version: 1,
    name: topology.name,
    runtime: runtime.name,
    topologyFile: topology.file,
    labDir: source.labDir ?? labDirFor(topology.file, topology.name),
    phase: 'creating',
    createdAt: new Date().toISOString(),
    orchestratorPid: process.pid,
    namespaces: plan.nodes.map((n) => n.namespace),
    nodes: plan.nodes.map(
      (n): NodeState => ({ name: n.node.name, kind: n.node.kind, namespace: n.namespace, interfaces: n.interfaces }),
    ),
    links: plan.links.map((l) => ({ a: `${l.a.node}:${l.a.iface}`, b: `${l.b.node}:${l.b.iface}` })),
    captures: [],
  };
  routerFiles(plan, state);
  forgetIfStale(state.name);
  addMgmt(plan, state, runtime.name === 'netns');
  const other = readRegistry(state.name);
  if (other) {
    throw new LabError(
      'LAB_EXISTS',
      `a lab named "${state.name}" is already up (topology ${other.topologyFile}); run "dmvpn-lab down ${state.name}" first, or up it with --name`,
    );
  }
  const taken = state.namespaces.filter((n) => runtime.exists(n));
  if (taken.length > 0)
    throw new LabError(
      'LAB_EXISTS',
      `namespace ${taken[0]} already exists: a lab named "${state.name}" seems to be up; run "dmvpn-lab down ${state.name}"`,
    );
  mkdirSync(state.labDir, { recursive: true });
  claimName(state);
  clearPcaps(state);
  progress(
    `lab ${state.name}: ${plan.nodes.length} nodes, ${plan.links.length} links, runtime ${runtime.name}, directory ${state.labDir}`,
  );
  try {
    await runtime.create(plan, progress);
    addHostNames(state, progress);
    if (opts.capture) {
      const c = await startCaptures(runtime, state, allLinkTargets(state));
      progress(`capturing ${c.length} links to ${state.labDir}/pcaps/`);
    }
    const routers = plan.nodes.filter((n) => n.router).length;
    if (routers > 0) {
      progress(`starting ${routers} routers`);
      await startRouters(runtime, plan, state, opts.routerTimeoutMs);
      progress(`${routers} routers answer on their control sockets`);
    }
    throwIfAborted();
    state.phase = 'up';
    saveState(state);
    makeCurrentLab(state.name);
    progress(`lab ${state.name} is up`);
    return state;
  } catch (err) {
    const interrupted = (err as LabError).code === 'INTERRUPTED' || aborted();
    const why = interrupted ? 'interrupted' : `failed: ${(err as Error).message.split('\n')[0]}`;
    progress(`${why}; removing what was created`);
    await unaborted(() => teardown(state, silent));
    if (interrupted) progress(`lab ${state.name} rolled back: nothing of it is left`);
    throw err;
  }
}

/** A registry entry whose creator died and whose namespaces are all gone is forgotten, so the name is free again. */
function forgetIfStale(name: string): void {
  const old = readRegistry(name);
  if (!old) return;
  const runtime = getRuntime(old.runtime);
  const creating = old.phase === 'creating' && alive(old.orchestratorPid);
  if (!creating && !old.namespaces.some((n) => runtime.exists(n))) {
    removeHostsBlock(old.name);
    forgetLab(old);
  }
}

async function teardown(state: LabState, progress: Progress): Promise<void> {
  await getRuntime(state.runtime).destroy(state, progress);
  removeHostsBlock(state.name);
  rmSync(controlDir(state.name), { recursive: true, force: true });
  forgetLab(state);
}

/** Removes lab `name` entirely (processes, namespaces, links, rules); `cleanup` also deletes its lab directory. */
export async function downLab(name: string, opts: { progress?: Progress; cleanup?: boolean } = {}): Promise<LabState> {
  requireRoot();
  const state = findLab(name);
  await teardown(state, opts.progress ?? silent);
  clearCurrent(state.name);
  if (opts.cleanup) rmSync(state.labDir, { recursive: true, force: true });
  (opts.progress ?? silent)(`lab ${state.name} is down`);
  return state;
}

/** Removes every lab in the registry; returns their names. */
export async function downAll(opts: { progress?: Progress; cleanup?: boolean } = {}): Promise<string[]> {
  const names = listLabs().map((l) => l.name);
  for (const n of names) await downLab(n, opts);
  return names;
}

/**
 * Finds a node by name: in lab `lab` if given, else in the only running lab that has it, else (when
 * several have it) in the current lab; throws NODE_NOT_FOUND.
 */
export function findNode(node: string, lab?: string): { state: LabState; node: NodeState } {
  const labs = lab !== undefined ? [findLab(lab)] : listLabs();
  const hits = labs.flatMap((s) => s.nodes.filter((n) => n.name === node).map((n) => ({ state: s, node: n })));
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) {
    const current = currentLab();
    const mine = hits.find((h) => h.state.name === current);
    if (mine) return mine;
    const names = hits.map((h) => h.state.name).join(', ');
    const how = 'say which with --lab, or "dmvpn-lab use LAB"';
    throw new LabError('NODE_NOT_FOUND', `node "${node}" is in several labs (${names}) and none is current; ${how}`);
  }
  throw new LabError(
    'NODE_NOT_FOUND',
    `no node "${node}" in ${lab !== undefined ? `lab ${lab}` : 'any lab that is up'}`,
  );
}

/** `clab-<lab>-<node>` names for the management addresses (lab/hosts.ts). */
function addHostNames(state: LabState, progress: Progress): void {
  const entries = state.nodes.flatMap((n) => (n.mgmtIpv4 ? [{ node: n.name, address: n.mgmtIpv4 }] : []));
  if (entries.length === 0) return;
  writeHostsBlock(state.name, entries);
  progress(`${entries.length} names clab-${state.name}-<node> in ${hostsFile()}`);
}

/**
 * Plans the management network (a subnet no other lab uses) and records it in the state; `ipInNode`:
 * the router's address is set by the lab's own `ip` lines (netns), else by the runtime (docker's IPAM).
 */
function addMgmt(plan: LabPlan, state: LabState, ipInNode: boolean): void {
  const labs = listLabs().flatMap((s) => (s.mgmt && s.name !== state.name ? [s.mgmt.subnet] : []));
  const m = planMgmt(plan.topology, plan.nodes, (subnet) => labs.includes(subnet) || hostUses(subnet));
  if (!m) return;
  plan.mgmt = m;
  state.mgmt = { network: m.network, bridge: m.bridge, subnet: m.subnet, gateway: m.gateway };
  for (const n of plan.nodes) {
    const ip = mgmtNodeIp(m, n.node.name);
    if (ip.length === 0) continue;
    if (ipInNode) n.setup.ip.push(...ip);
    state.nodes.find((x) => x.name === n.node.name)!.mgmtIpv4 = m.nodes.find((x) => x.node === n.node.name)!.address;
  }
}
