/**
 * The management network, as containerlab makes it: a bridge in the host's namespace (the host is
 * .1 of the subnet, 172.20.20.0/24 by default) and one veth per router, `mgmt0` inside the router
 * with its `mgmt-ipv4` (or the next free address). Routers answer SSH on it. It carries no lab
 * traffic and routes nowhere: no router has a route through it beyond its own subnet, and the
 * host does not forward what arrives on the bridge (its `forwarding` sysctl is 0).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { formatIpv4, inCidr, networkBits, parseCidr, parseIpv4 } from '../wire/ipv4-addr.js';
import { LabError } from './errors.js';
import type { PlannedNode } from './plan.js';
import type { Topology } from './topology/types.js';

/** containerlab's default management subnet. */
export const MGMT_DEFAULT_SUBNET = '172.20.20.0/24';

/** Subnets tried, in order, when the default is taken by another lab (172.20.20.0/24 … 172.20.59.0/24). */
const FALLBACKS = Array.from({ length: 40 }, (_, i) => `172.20.${20 + i}.0/24`);

/** The management network of a lab. */
export interface MgmtPlan {
  network: string;
  /** The bridge in the host's namespace. */
  bridge: string;
  subnet: string;
  prefixLength: number;
  /** The host's address on the bridge. */
  gateway: string;
  nodes: Array<{ node: string; namespace: string; hostVeth: string; address: string }>;
}

/** Interface name inside each router. */
export const MGMT_IFACE = 'mgmt0';

/**
 * Plans the management network for the routers of `nodes`. `taken` tells whether a subnet is in
 * use on the host (another lab's management network): the default moves to the next free /24; an
 * explicit `mgmt.ipv4-subnet` that is taken is refused.
 */
export function planMgmt(
  topology: Topology,
  nodes: PlannedNode[],
  taken: (subnet: string) => boolean,
): MgmtPlan | undefined {
  const routers = nodes.filter((n) => n.router);
  if (routers.length === 0) return undefined;
  const asked = topology.mgmt?.subnet;
  const subnet = asked ?? FALLBACKS.find((s) => !taken(s));
  if (subnet === undefined || (asked !== undefined && taken(asked))) {
    const hint = 'set mgmt: { ipv4-subnet: … } in the topology to another subnet';
    throw new LabError(
      'BAD_ARGUMENT',
      `management subnet ${asked ?? MGMT_DEFAULT_SUBNET} is used by another lab: ${hint}`,
    );
  }
  const c = parseCidr(subnet)!;
  const base = networkBits(parseIpv4(c.address)!, c.prefixLength) >>> 0;
  const size = 2 ** (32 - c.prefixLength);
  const gateway = formatIpv4((base + 1) >>> 0);
  const used = new Set([gateway, ...routers.flatMap((n) => (n.node.mgmtIpv4 ? [n.node.mgmtIpv4] : []))]);
  let next = 2;
  const tag = createHash('sha256').update(topology.name).digest('hex').slice(0, 6);
  const planned = routers.map((n, i) => {
    let address = n.node.mgmtIpv4;
    if (address !== undefined && !inCidr(address, c)) {
      throw new LabError('BAD_ARGUMENT', `node ${n.node.name}: mgmt-ipv4 ${address} is not in ${subnet}`);
    }
    while (address === undefined) {
      if (next >= size - 1) throw new LabError('BAD_ARGUMENT', `management subnet ${subnet} is too small`);
      const a = formatIpv4((base + next++) >>> 0);
      if (!used.has(a)) address = a;
    }
    used.add(address);
    return { node: n.node.name, namespace: n.namespace, hostVeth: `dlm${tag}${i}`, address };
  });
  return {
    network: topology.mgmt?.network ?? 'clab',
    bridge: `dlm${tag}`,
    subnet,
    prefixLength: c.prefixLength,
    gateway,
    nodes: planned,
  };
}

/** `ip -batch` lines that make the network (host side; run after the namespaces exist). */
export function mgmtHostBatch(m: MgmtPlan): string[] {
  return [
    `link add ${m.bridge} type bridge`,
    `addr add ${m.gateway}/${m.prefixLength} dev ${m.bridge}`,
    ...m.nodes.flatMap((n) => [
      `link add ${n.hostVeth} type veth peer name ${MGMT_IFACE} netns ${n.namespace}`,
      `link set ${n.hostVeth} master ${m.bridge} up`,
    ]),
    `link set ${m.bridge} up`,
  ];
}

/** The `ip` lines inside router `node` (its address on mgmt0). */
export function mgmtNodeIp(m: MgmtPlan, node: string): string[] {
  const n = m.nodes.find((x) => x.node === node);
  if (!n) return [];
  return [`addr add ${n.address}/${m.prefixLength} dev ${MGMT_IFACE}`, `link set ${MGMT_IFACE} up`];
}

/** Whether an address of the host's own namespace lies in `subnet` (another lab's bridge, or anything else). */
export function hostUses(subnet: string): boolean {
  const c = parseCidr(subnet);
  if (!c) return false;
  const r = spawnSync('ip', ['-j', '-4', 'addr', 'show'], { encoding: 'utf8' });
  const rows = JSON.parse(r.stdout || '[]') as Array<{ addr_info?: Array<{ local: string }> }>;
  return rows.some((x) => (x.addr_info ?? []).some((a) => inCidr(a.local, c)));
}
