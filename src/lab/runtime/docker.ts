/**
 * Runtime `docker`: every node a container of the dmvpn-node image (label `dmvpn-lab=<lab>`, network
 * `none`, NET_ADMIN + NET_RAW, /dev/net/tun), every link a veth pair created directly inside the two
 * containers' network namespaces (as containerlab does): no default bridge, no path out of the lab.
 * Routers also sit on the management network (./docker-mgmt.ts), an internal Docker network for
 * SSH from the host. Removing the containers and that network removes everything.
 */
import { mkdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { LabError } from '../errors.js';
import type { LabPlan } from '../plan.js';
import { alive, stopAll } from '../process.js';
import { inParallel, run } from '../sh.js';
import { requireDaemon, requireImage, staleImageWarning } from './docker-client.js';
import { containerSpec, labContainers, removeContainers, sharedDirs, startContainer } from './docker-containers.js';
import { dockerExec, dockerExecInherit } from './docker-exec.js';
import { createMgmtNetwork, mgmtEndpoint, removeMgmtNetworks, renameMgmtIface } from './docker-mgmt.js';
import { initPid, linkNetns, unlinkNetns } from './docker-netns.js';
import { spawnInContainer } from './docker-spawn.js';
import { netnsRuntime, pidsByNamespace, setupScript } from './netns.js';
import type { Runtime } from './types.js';

/** Containers created and started at once (the daemon does the work; more only queues). */
const PARALLEL = 8;

const routerChecked = new Set<string>();

/** Throws DMVPND_MISSING when the image's dmvpnd does not run routers (an image built from an older tree). */
async function checkImageRouter(container: string, imageKey: string): Promise<void> {
  if (routerChecked.has(imageKey)) return;
  const r = await dockerExec(container, ['dmvpnd', '--help'], { timeoutMs: 30_000 });
  if (!/(^|\s)--config[\s=<]/m.test(`${r.stdout}${r.stderr}`)) {
    throw new LabError(
      'DMVPND_MISSING',
      `the dmvpnd in container ${container} does not run routers (its --help has no --config): rebuild the image with "make image"`,
    );
  }
  routerChecked.add(imageKey);
}

/** The docker runtime. */
export const dockerRuntime: Runtime = {
  name: 'docker',

  async create(plan: LabPlan, progress) {
    const d = await requireDaemon();
    const image = await requireImage(d);
    const stale = staleImageWarning(image);
    if (stale) progress(`warning: ${stale}`);
    // A node may name its own image (`image:` in the topology); each must be there before anything starts.
    for (const ref of new Set(plan.nodes.flatMap((n) => n.node.image ?? []))) await requireImage(d, ref);
    for (const dir of sharedDirs(plan)) mkdirSync(dir, { recursive: true });
    const mgmt = plan.mgmt;
    const net = mgmt ? await createMgmtNetwork(d, mgmt, plan.name) : undefined;
    if (mgmt) progress(`management network ${net}: ${mgmt.subnet} (host ${mgmt.gateway}, bridge ${mgmt.bridge})`);
    await inParallel(plan.nodes, PARALLEL, async (n) => {
      const spec = containerSpec(plan, n, n.node.image ?? image.ref);
      const address = mgmt?.nodes.find((x) => x.node === n.node.name)?.address;
      if (net && address) {
        const e = mgmtEndpoint(net, address);
        spec.HostConfig = { ...spec.HostConfig, NetworkMode: e.NetworkMode };
        spec.NetworkingConfig = e.NetworkingConfig;
      }
      const pid = await startContainer(d, spec);
      linkNetns(n.namespace, pid);
      if (net && address) await renameMgmtIface(n.namespace);
    });
    progress(`started ${plan.nodes.length} containers of ${image.ref}`);
    const nsOf = new Map(plan.nodes.map((n) => [n.node.name, n.namespace]));
    const batch = plan.links.map(
      (l) =>
        `link add ${l.a.linux} netns ${nsOf.get(l.a.node)} type veth peer name ${l.b.linux} netns ${nsOf.get(l.b.node)}`,
    );
    if (batch.length > 0) await run('ip', ['-batch', '-'], { input: `${batch.join('\n')}\n` });
    progress(`created ${plan.links.length} links (veth pairs between the containers)`);
    // Sysctls were set when the containers were created; addresses, routes, bridges and NAT now, inside each.
    await inParallel(plan.nodes, PARALLEL, async (n) => {
      const script = setupScript({ ...n, setup: { ...n.setup, sysctls: {} } });
      const r = await dockerExec(n.namespace, ['sh', '-c', script], { timeoutMs: 60_000 });
      if (r.exitCode !== 0)
        throw new LabError(
          'COMMAND_FAILED',
          `setup of ${n.node.name} (container ${n.namespace}) failed: ${r.stderr.trim() || `exit ${r.exitCode}`}`,
        );
    });
    progress(`configured ${plan.nodes.length} nodes (addresses, routes, bridges, NAT)`);
    const router = plan.nodes.find((n) => n.router);
    if (router) await checkImageRouter(router.namespace, router.node.image ?? image.id);
  },

  async destroy(state, progress) {
    const d = await requireDaemon();
    const crashed = state.phase === 'creating' && !alive(state.orchestratorPid);
    for (let round = 0; round < (crashed ? 3 : 1); round++) {
      const containers = await labContainers(d, state.name);
      // Processes first (routers deregister, tcpdump flushes its pcap), then the containers.
      const names = [...new Set([...state.namespaces, ...containers.map((c) => c.name)])];
      const inits = new Set(names.map(initPid));
      const pids = [...pidsByNamespace(names).values()].flat().filter((p) => !inits.has(p));
      if (pids.length > 0) await stopAll(pids);
      await removeContainers(
        d,
        containers.map((c) => c.id),
      );
      for (const n of names) unlinkNetns(n);
      if (containers.length > 0 || pids.length > 0)
        progress(`stopped ${pids.length} processes, removed ${containers.length} containers`);
      const nets = await removeMgmtNetworks(d, state.name);
      if (nets > 0) progress(`removed the management network`);
      // After a crash, a create the dead orchestrator sent may still complete: look again.
      if (round < (crashed ? 2 : 0)) await sleep(500);
    }
  },

  async exec(namespace, argv, opts = {}) {
    if (initPid(namespace) === undefined) throw new LabError('NODE_NOT_FOUND', `container ${namespace} is not running`);
    return opts.inherit ? dockerExecInherit(namespace, argv, opts) : dockerExec(namespace, argv, opts);
  },

  spawn(namespace, argv, files) {
    return spawnInContainer(namespace, argv, files);
  },

  async processes(namespace) {
    return pidsByNamespace([namespace]).get(namespace) ?? [];
  },

  exists(namespace) {
    return initPid(namespace) !== undefined;
  },

  interfaces(namespace) {
    // The container's namespace has a name under /run/netns, so the host's `ip -n` reads it.
    return netnsRuntime.interfaces(namespace);
  },

  routerCommand() {
    return ['dmvpnd'];
  },
};
