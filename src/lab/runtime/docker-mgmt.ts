/**
 * The management network of the docker runtime: the topology's `mgmt` block as a Docker bridge
 * network `<network>-<lab>` (IPAM: the planned subnet, the host's bridge `.1`; `internal`, so
 * Docker gives it no route out and no masquerading), its Linux bridge named as the netns runtime
 * names it. Every router container is created on it with its `mgmt-ipv4`; the interface Docker
 * adds is renamed `mgmt0` at once, so the lab's own links keep every `ethN` name. Labelled with
 * the lab, so `down` (and the crash clean-up) find and remove it.
 */
import type Dockerode from 'dockerode';
import { LabError } from '../errors.js';
import { MGMT_IFACE, type MgmtPlan } from '../mgmt.js';
import { run } from '../sh.js';
import { labLabels } from './docker-containers.js';

/** The Docker network's name for lab `lab`. */
export function dockerMgmtName(m: Pick<MgmtPlan, 'network'>, lab: string): string {
  return `${m.network}-${lab}`;
}

/** Creates the network; returns its name. */
export async function createMgmtNetwork(d: Dockerode, m: MgmtPlan, lab: string): Promise<string> {
  const name = dockerMgmtName(m, lab);
  try {
    await d.createNetwork({
      Name: name,
      Driver: 'bridge',
      Internal: true,
      CheckDuplicate: true,
      Labels: labLabels(lab),
      IPAM: { Driver: 'default', Config: [{ Subnet: m.subnet, Gateway: m.gateway }] },
      Options: {
        'com.docker.network.bridge.name': m.bridge,
        'com.docker.network.bridge.enable_ip_masquerade': 'false',
      },
    });
  } catch (cause) {
    throw new LabError(
      'COMMAND_FAILED',
      `docker: cannot create management network ${name}: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
  return name;
}

/** What a router container's create options gain: the network, and its address on it. */
export function mgmtEndpoint(
  network: string,
  address: string,
): Pick<Dockerode.ContainerCreateOptions, 'NetworkingConfig'> & { NetworkMode: string } {
  return {
    NetworkMode: network,
    NetworkingConfig: { EndpointsConfig: { [network]: { IPAMConfig: { IPv4Address: address } } } },
  };
}

/** Renames Docker's `eth0` of the container whose namespace is `ns` to mgmt0 (address kept, no default route). */
export async function renameMgmtIface(ns: string): Promise<void> {
  const batch = ['link set eth0 down', `link set eth0 name ${MGMT_IFACE}`, `link set ${MGMT_IFACE} up`];
  await run('ip', ['-n', ns, '-batch', '-'], { input: `${batch.join('\n')}\n` });
  await run('ip', ['-n', ns, 'route', 'del', 'default'], { check: false });
}

/** Removes every network labelled as lab `lab` (containers must be gone); returns how many. */
export async function removeMgmtNetworks(d: Dockerode, lab: string): Promise<number> {
  const filters = { label: Object.entries(labLabels(lab)).map(([k, v]) => `${k}=${v}`) };
  const list = await d.listNetworks({ filters: JSON.stringify(filters) });
  for (const n of list) {
    try {
      await d.getNetwork(n.Id).remove();
    } catch (cause) {
      if ((cause as { statusCode?: number }).statusCode !== 404)
        throw new LabError('COMMAND_FAILED', `docker: cannot remove network ${n.Name}: ${(cause as Error).message}`, {
          cause,
        });
    }
  }
  return list.length;
}
