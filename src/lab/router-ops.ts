/** Operations on one router of a running lab: stop its dmvpnd (the node and its links stay), start it again. */
import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { LabError } from './errors.js';
import { planLab } from './plan.js';
import { alive, signal } from './process.js';
import { routerProcess, startRouters } from './router.js';
import { getRuntime } from './runtime/index.js';
import type { LabState, NodeState } from './state.js';
import { loadTopology } from './topology/load.js';

function routerNode(state: LabState, node: string): NodeState {
  const n = state.nodes.find((x) => x.name === node);
  if (!n?.control) throw new LabError('NODE_NOT_FOUND', `no router "${node}" in lab ${state.name}`);
  return n;
}

/** Sends `sig` (SIGTERM by default) to a router's dmvpnd and waits until it exited (SIGKILL after `graceMs`); returns the pid it had. */
export async function stopRouter(
  state: LabState,
  node: string,
  opts: { signal?: NodeJS.Signals; graceMs?: number } = {},
): Promise<number | undefined> {
  const n = routerNode(state, node);
  const { running, pid } = routerProcess(n);
  if (!running || pid === undefined) return undefined;
  signal([pid], opts.signal ?? 'SIGTERM');
  const until = Date.now() + (opts.graceMs ?? 3000);
  while (alive(pid) && Date.now() < until) await sleep(20);
  if (alive(pid)) signal([pid], 'SIGKILL');
  while (alive(pid)) await sleep(20);
  return pid;
}

/** Starts a stopped router again from its startup-config (as after a reboot) and waits for its control socket. */
export async function startRouter(state: LabState, node: string, timeoutMs = 30_000): Promise<void> {
  const n = routerNode(state, node);
  const { running, pid } = routerProcess(n);
  if (running) throw new LabError('BAD_ARGUMENT', `router ${node} is running (pid ${pid}); stop it first`);
  const plan = planLab(loadTopology(state.topologyFile, { name: state.name }));
  if (n.exitFile) rmSync(n.exitFile, { force: true });
  await startRouters(
    getRuntime(state.runtime),
    { ...plan, nodes: plan.nodes.filter((p) => p.node.name === node) },
    state,
    timeoutMs,
  );
}
