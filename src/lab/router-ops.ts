/** Operations on one router of a running lab: stop its dmvpnd (the node and its links stay), start it again. */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { LabError } from './errors.js';
import { planLab } from './plan.js';
import { alive, readPid, signal } from './process.js';
import { startRouters } from './router.js';
import { getRuntime } from './runtime/index.js';
import type { LabState, NodeState } from './state.js';
import { loadTopology } from './topology/load.js';

function routerNode(state: LabState, node: string): NodeState {
  const n = state.nodes.find((x) => x.name === node);
  if (!n?.control) throw new LabError('NODE_NOT_FOUND', `no router "${node}" in lab ${state.name}`);
  return n;
}

/** Children of `pid` (the router runs under a small shell that records its exit status). */
function children(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

/** Sends `sig` (SIGTERM by default) to a router's dmvpnd and waits until it exited (SIGKILL after `graceMs`); returns the pid it had. */
export async function stopRouter(state: LabState, node: string, opts: { signal?: NodeJS.Signals; graceMs?: number } = {}): Promise<number | undefined> {
  const n = routerNode(state, node);
  const wrapper = n.pidFile ? readPid(n.pidFile) : undefined;
  if (wrapper === undefined || !alive(wrapper)) return undefined;
  const targets = children(wrapper);
  signal(targets.length > 0 ? targets : [wrapper], opts.signal ?? 'SIGTERM');
  const until = Date.now() + (opts.graceMs ?? 3000);
  while (alive(wrapper) && Date.now() < until) await sleep(20);
  if (alive(wrapper)) signal([...children(wrapper), wrapper], 'SIGKILL');
  while (alive(wrapper)) await sleep(20);
  return wrapper;
}

/** Starts a stopped router again from its startup-config (as after a reboot) and waits for its control socket. */
export async function startRouter(state: LabState, node: string, timeoutMs = 30_000): Promise<void> {
  const n = routerNode(state, node);
  const pid = n.pidFile ? readPid(n.pidFile) : undefined;
  if (pid !== undefined && alive(pid)) throw new LabError('BAD_ARGUMENT', `router ${node} is running (pid ${pid}); stop it first`);
  const plan = planLab(loadTopology(state.topologyFile, { name: state.name }));
  if (n.exitFile) rmSync(n.exitFile, { force: true });
  await startRouters(getRuntime(state.runtime), { ...plan, nodes: plan.nodes.filter((p) => p.node.name === node) }, state, timeoutMs);
}
