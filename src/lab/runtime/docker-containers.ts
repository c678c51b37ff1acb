/** The containers of a docker lab: what each one is given, creating them, finding them by label, removing them. */
import { readdirSync } from 'node:fs';
import type Dockerode from 'dockerode';
import { LabError } from '../errors.js';
import { controlDir, labDirFor, registryFile } from '../paths.js';
import type { LabPlan, PlannedNode } from '../plan.js';

/** The label every container of lab `name` carries (`docker ps --filter label=dmvpn-lab=<name>`). */
export const LAB_LABEL = 'dmvpn-lab';

/** Labels that tell a lab's containers from a same-named lab of another registry (tests use their own). */
export function labLabels(lab: string): Record<string, string> {
  return { [LAB_LABEL]: lab, 'dmvpn-lab.registry': registryFile(lab) };
}

/**
 * /proc/sys stays read-only except /proc/sys/net: that part is the container's own network
 * namespace (dmvpnd sets per-interface sysctls there); kernel.*, vm.* … of the host stay out of reach.
 */
function readonlyPaths(): string[] {
  const sys = readdirSync('/proc/sys').filter((d) => d !== 'net');
  return [
    '/proc/asound',
    '/proc/bus',
    '/proc/fs',
    '/proc/irq',
    '/proc/sysrq-trigger',
    ...sys.map((d) => `/proc/sys/${d}`),
  ];
}

/** Where the lab keeps files the container must see at the same path (configs, logs, pcaps, control sockets). */
export function sharedDirs(plan: LabPlan): string[] {
  return [labDirFor(plan.topology.file, plan.name), controlDir(plan.name)];
}

/**
 * One node's container: the dmvpn-node image idling in its entry script, no network at all
 * (`none`: links are veth pairs added later), NET_ADMIN + NET_RAW and /dev/net/tun for dmvpnd's TAP
 * and raw sockets, the node's sysctls set at creation, the lab's folders bound at the same paths.
 */
export function containerSpec(plan: LabPlan, n: PlannedNode, image: string): Dockerode.ContainerCreateOptions {
  const sysctls = Object.fromEntries(
    Object.entries(n.setup.sysctls).map(([path, v]) => [path.replaceAll('/', '.'), v]),
  );
  return {
    name: n.namespace,
    Image: image,
    Cmd: ['dmvpn-node'],
    Hostname: n.node.name.slice(0, 63),
    Env: Object.entries(n.node.env ?? {}).map(([k, v]) => `${k}=${v}`),
    Labels: {
      ...labLabels(plan.name),
      'dmvpn-lab.node': n.node.name,
      'dmvpn-lab.kind': n.node.kind,
      'dmvpn-lab.topology': plan.topology.file,
    },
    HostConfig: {
      NetworkMode: 'none',
      CapAdd: ['NET_ADMIN', 'NET_RAW'],
      Devices: [{ PathOnHost: '/dev/net/tun', PathInContainer: '/dev/net/tun', CgroupPermissions: 'rwm' }],
      Sysctls: sysctls,
      ReadonlyPaths: readonlyPaths(),
      Binds: sharedDirs(plan).map((d) => `${d}:${d}`),
    },
  };
}

/** Creates and starts one container; returns the host pid of its first process. Throws LAB_EXISTS on a name clash. */
export async function startContainer(d: Dockerode, spec: Dockerode.ContainerCreateOptions): Promise<number> {
  let c: Dockerode.Container;
  try {
    c = await d.createContainer(spec);
  } catch (cause) {
    if ((cause as { statusCode?: number }).statusCode === 409) {
      throw new LabError(
        'LAB_EXISTS',
        `a container named ${spec.name} already exists (docker ps -a --filter name=${spec.name}): remove it or run "dmvpn-lab down" on its lab`,
        { cause },
      );
    }
    throw new LabError('COMMAND_FAILED', `docker: cannot create container ${spec.name}: ${(cause as Error).message}`, {
      cause,
    });
  }
  try {
    await c.start();
    const info = await c.inspect();
    if (!info.State.Running || !info.State.Pid)
      throw new Error(`it is ${info.State.Status}${info.State.Error ? `: ${info.State.Error}` : ''}`);
    return info.State.Pid;
  } catch (cause) {
    throw new LabError('COMMAND_FAILED', `docker: container ${spec.name} did not start: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/** A container of a lab, as `docker ps` lists it. */
export interface LabContainer {
  id: string;
  name: string;
  node: string;
  state: string;
}

/** Every container (running or not) labelled as lab `lab` of this registry. */
export async function labContainers(d: Dockerode, lab: string): Promise<LabContainer[]> {
  const filters = { label: Object.entries(labLabels(lab)).map(([k, v]) => `${k}=${v}`) };
  const list = await d.listContainers({ all: true, filters: JSON.stringify(filters) });
  return list.map((c) => ({
    id: c.Id,
    name: (c.Names[0] ?? '').replace(/^\//, ''),
    node: c.Labels['dmvpn-lab.node'] ?? '',
    state: c.State,
  }));
}

/** Removes containers (killing what runs in them); a container already gone is not an error. */
export async function removeContainers(d: Dockerode, ids: string[]): Promise<void> {
  await Promise.all(
    ids.map(async (id) => {
      try {
        await d.getContainer(id).remove({ force: true, v: true });
      } catch (cause) {
        const code = (cause as { statusCode?: number }).statusCode;
        if (code !== 404 && code !== 409)
          throw new LabError(
            'COMMAND_FAILED',
            `docker: cannot remove container ${id.slice(0, 12)}: ${(cause as Error).message}`,
            { cause },
          );
      }
    }),
  );
}
