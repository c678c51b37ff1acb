/**
 * `show ip protocols`, `show ip ospf neighbor`, `show ip ospf interface [brief]`, `show ip bgp
 * [summary]`, `show ip rip database`: JSON built from the config and the FRR daemons' vtysh JSON
 * (fetched by the exec layer into ShowState.frr), IOS text rendered from that JSON.
 */
import type {
  BgpSummaryJson,
  BgpTableJson,
  OspfInterfaceJson,
  OspfNeighborJson,
  FrrProtocolJson,
  RipDatabaseJson,
} from '../api/schema/routing.js';
import type { RouterConfig } from '../config/model.js';
import { IOS_DISTANCES } from '../config/routing/model.js';
import { maskString } from '../../wire/ipv4-addr.js';

/** FRR's vtysh JSON: read field by field, with a fallback for each field, as its shape varies by version. */
// biome-ignore lint/suspicious/noExplicitAny: untyped JSON from another program
type FrrJson = any;

/** Raw vtysh JSON of the FRR daemons, by command (absent: not running or not asked). */
export interface FrrShowData {
  daemons: string[];
  ospfNeighbors?: FrrJson;
  ospfInterfaces?: FrrJson;
  bgpSummary?: FrrJson;
  bgp?: FrrJson;
  routes?: FrrJson;
  /** pimd (src/node/show/multicast.ts). */
  pimNeighbors?: FrrJson;
  pimInterfaces?: FrrJson;
  pimRpInfo?: FrrJson;
  pimUpstream?: FrrJson;
  mroutes?: FrrJson;
  igmpGroups?: FrrJson;
  /** ospf6d's `show ipv6 ospf6 neighbor json`. */
  ospf6Neighbors?: FrrJson;
  /** zebra's `show ipv6 route json` (RIPng's routes: ./ripng.ts). */
  routes6?: FrrJson;
}

/** The IOS name of a Linux device (the device name when no interface has it). */
export const iosName = (config: RouterConfig, dev: string): string =>
  Object.values(config.interfaces).find((i) => i.linuxName === dev)?.name ?? dev;

/** The FRR-run processes (OSPF, BGP, RIP) as `show ip protocols` lists them. */
export function frrProtocols(config: RouterConfig, frr: FrrShowData | undefined): FrrProtocolJson[] {
  const r = config.routing ?? {};
  const on = (d: string): boolean => frr?.daemons.includes(d) === true;
  const out: FrrProtocolJson[] = [];
  if (r.ospf) {
    const o = r.ospf;
    out.push({
      name: `ospf ${o.processId}`,
      running: on('ospfd'),
      routerId: o.routerId ?? null,
      networks: o.networks.map((n) => `${n.address} ${n.wildcard} area ${n.area}`),
      passiveInterfaces: o.passiveDefault
        ? ['(default)', ...o.activeInterfaces.map((x) => `not ${x}`)]
        : o.passiveInterfaces,
      neighbors: [],
      distance: `(default is ${IOS_DISTANCES.ospf})`,
    });
  }
  if (r.rip) {
    out.push({
      name: 'rip',
      running: on('ripd'),
      routerId: null,
      networks: r.rip.networks,
      passiveInterfaces: r.rip.passiveInterfaces,
      neighbors: [],
      distance: `(default is ${IOS_DISTANCES.rip})`,
    });
  }
  if (r.bgp) {
    const b = r.bgp;
    out.push({
      name: `bgp ${b.asn}`,
      running: on('bgpd'),
      routerId: b.routerId ?? null,
      networks: b.networks.map((n) => `${n.address} mask ${maskString(n.prefixLength)}`),
      passiveInterfaces: [],
      neighbors: [
        ...b.neighbors.map((n) => n.address),
        ...b.listenRanges.map((l) => `${l.address}/${l.prefixLength} (listen range, peer-group ${l.peerGroup})`),
      ],
      distance: `external ${IOS_DISTANCES.ebgp} internal ${IOS_DISTANCES.ibgp} local ${IOS_DISTANCES.bgpLocal}`,
    });
  }
  return out;
}

/** `show ip protocols`, IOS layout: the lines of one FRR-run process. */
export function frrProtocolText(p: FrrProtocolJson): string[] {
  const out: string[] = [];
  out.push(`Routing Protocol is "${p.name}"${p.running ? '' : ' (not running)'}`);
  if (p.routerId !== null) out.push(`  Router ID ${p.routerId}`);
  out.push('  Routing for Networks:', ...p.networks.map((n) => `    ${n}`));
  if (p.passiveInterfaces.length > 0)
    out.push('  Passive Interface(s):', ...p.passiveInterfaces.map((n) => `    ${n}`));
  if (p.neighbors.length > 0) out.push('  Neighbor(s):', ...p.neighbors.map((n) => `    ${n}`));
  out.push(`  Distance: ${p.distance}`, '');
  return out;
}

/** `show ip ospf neighbor`. */
export function ospfNeighborJson(config: RouterConfig, frr: FrrShowData | undefined): OspfNeighborJson {
  const neighbors: OspfNeighborJson['neighbors'] = [];
  for (const [id, list] of Object.entries((frr?.ospfNeighbors?.neighbors ?? {}) as Record<string, FrrJson[]>)) {
    for (const n of list) {
      const [conv, role] = String(n.nbrState ?? n.state ?? '').split('/');
      const dev = String(n.ifaceName ?? '').split(':')[0];
      // no DR on point-to-point and point-to-multipoint networks: IOS prints FULL/  -
      const r = role === undefined || role === '' || !electsDr(config, dev) ? '-' : role;
      neighbors.push({
        neighborId: id,
        priority: Number(n.nbrPriority ?? n.priority ?? 0),
        state: `${conv.toUpperCase()}/${r === 'DROther' ? 'DROTHER' : r === '-' ? '  -' : r.toUpperCase()}`,
        deadTimeSec: typeof n.deadTimeMsecs === 'number' ? Math.round(n.deadTimeMsecs / 1000) : null,
        address: String(n.ifaceAddress ?? n.address ?? ''),
        interface: iosName(config, dev),
      });
    }
  }
  return { neighbors };
}

function electsDr(config: RouterConfig, dev: string): boolean {
  const i = Object.values(config.interfaces).find((x) => x.linuxName === dev);
  const type = i?.ospf?.network ?? (i?.kind === 'tunnel' ? 'point-to-point' : 'broadcast');
  return type === 'broadcast' || type === 'non-broadcast';
}

export function ospfNeighborText(j: OspfNeighborJson): string[] {
  if (j.neighbors.length === 0) return [];
  const out = ['', 'Neighbor ID     Pri   State           Dead Time   Address         Interface'];
  for (const n of j.neighbors) {
    const dead = n.deadTimeSec === null ? '-' : `00:00:${String(n.deadTimeSec).padStart(2, '0')}`;
    out.push(
      `${n.neighborId.padEnd(15)} ${String(n.priority).padStart(3)}   ${n.state.padEnd(15)} ${dead.padEnd(11)} ${n.address.padEnd(15)} ${n.interface}`,
    );
  }
  return out;
}

const OSPF_TYPES: Record<string, string> = {
  POINTOMULTIPOINT: 'POINT_TO_MULTIPOINT',
  POINTOPOINT: 'POINT_TO_POINT',
  BROADCAST: 'BROADCAST',
  NBMA: 'NON_BROADCAST',
  LOOPBACK: 'LOOPBACK',
};
const OSPF_STATES: Record<string, string> = {
  DR: 'DR',
  Backup: 'BDR',
  DROther: 'DROTHER',
  'Point-To-Point': 'P2P',
  Waiting: 'WAIT',
  Down: 'DOWN',
  Loopback: 'LOOP',
};

/** `show ip ospf interface [brief]`. */
export function ospfInterfaceJson(config: RouterConfig, frr: FrrShowData | undefined): OspfInterfaceJson {
  const processId = config.routing?.ospf?.processId ?? 0;
  const interfaces: OspfInterfaceJson['interfaces'] = [];
  for (const [dev, x] of Object.entries((frr?.ospfInterfaces?.interfaces ?? {}) as Record<string, FrrJson>)) {
    if (x.ospfEnabled === false || x.ipAddress === undefined) continue;
    const type = OSPF_TYPES[String(x.networkType)] ?? String(x.networkType ?? 'UNKNOWN');
    let state = OSPF_STATES[String(x.state)] ?? String(x.state ?? 'DOWN').toUpperCase();
    if (type === 'POINT_TO_MULTIPOINT' && state === 'P2P') state = 'P2MP';
    interfaces.push({
      name: iosName(config, dev),
      processId,
      area: areaText(String(x.area ?? '')),
      address: `${x.ipAddress}/${x.ipAddressPrefixlen}`,
      cost: Number(x.cost ?? 0),
      state,
      networkType: type,
      priority: typeof x.priority === 'number' ? x.priority : null,
      helloIntervalSec: typeof x.timerMsecs === 'number' ? x.timerMsecs / 1000 : null,
      deadIntervalSec: typeof x.timerDeadSecs === 'number' ? x.timerDeadSecs : null,
      neighbors: Number(x.nbrCount ?? 0),
      adjacent: Number(x.nbrAdjacentCount ?? 0),
    });
  }
  return { interfaces };
}

/** "0.0.0.0" → "0" as IOS prints areas given as numbers. */
function areaText(a: string): string {
  const p = a.split('.').map(Number);
  return p.length === 4 && p.every((n) => n >= 0) ? String(((p[0] * 256 + p[1]) * 256 + p[2]) * 256 + p[3]) : a;
}

export function ospfInterfaceText(j: OspfInterfaceJson, brief: boolean): string[] {
  if (brief) {
    const out = ['Interface    PID   Area            IP Address/Mask    Cost  State Nbrs F/C'];
    for (const i of j.interfaces) {
      out.push(
        `${short(i.name).padEnd(12)} ${String(i.processId).padEnd(5)} ${i.area.padEnd(15)} ${i.address.padEnd(18)} ${String(i.cost).padEnd(5)} ${i.state.padEnd(5)} ${i.adjacent}/${i.neighbors}`,
      );
    }
    return out;
  }
  const out: string[] = [];
  for (const i of j.interfaces) {
    out.push(
      `${i.name} is up, line protocol is up `,
      `  Internet Address ${i.address}, Area ${i.area}, Attached via Network Statement`,
    );
    out.push(`  Process ID ${i.processId}, Network Type ${i.networkType}, Cost: ${i.cost}`);
    out.push(`  Transmit Delay is 1 sec, State ${i.state}${i.priority !== null ? `, Priority ${i.priority}` : ''}`);
    if (i.helloIntervalSec !== null)
      out.push(
        `  Timer intervals configured, Hello ${i.helloIntervalSec}, Dead ${i.deadIntervalSec ?? 4 * i.helloIntervalSec}, Wait ${i.deadIntervalSec ?? ''}, Retransmit 5`,
      );
    out.push(`  Neighbor Count is ${i.neighbors}, Adjacent neighbor count is ${i.adjacent}`);
  }
  return out;
}

function short(name: string): string {
  return name
    .replace(/^GigabitEthernet/, 'Gi')
    .replace(/^Tunnel/, 'Tu')
    .replace(/^Loopback/, 'Lo');
}

/**
 * `show ip bgp summary`, and `show bgp ipv6 unicast summary` with `family` ipv6 (bgpd's `show bgp
 * ipv6 unicast summary json` gives the family's object itself, or wrapped in `ipv6Unicast`).
 */
export function bgpSummaryJson(frr: FrrShowData | undefined, family: 'ipv4' | 'ipv6' = 'ipv4'): BgpSummaryJson {
  const s = frr?.bgpSummary;
  const u = family === 'ipv4' ? s?.ipv4Unicast : (s?.ipv6Unicast ?? (s?.peers !== undefined ? s : undefined));
  if (!u) return { routerId: null, asn: null, peers: [] };
  const peers: BgpSummaryJson['peers'] = Object.entries((u.peers ?? {}) as Record<string, FrrJson>).map(
    ([neighbor, p]) => ({
      neighbor,
      remoteAs: Number(p.remoteAs ?? 0),
      dynamic: p.dynamicPeer === true,
      upDown: typeof p.peerUptime === 'string' ? p.peerUptime : null,
      state: String(p.state ?? 'Idle'),
      prefixesReceived: p.state === 'Established' && typeof p.pfxRcd === 'number' ? p.pfxRcd : null,
    }),
  );
  return { routerId: u.routerId ?? null, asn: typeof u.as === 'number' ? u.as : null, peers };
}

export function bgpSummaryText(j: BgpSummaryJson): string[] {
  if (j.asn === null) return ['% BGP not active'];
  const out = [`BGP router identifier ${j.routerId}, local AS number ${j.asn}`, ''];
  out.push('Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd');
  for (const p of j.peers) {
    const st = p.prefixesReceived !== null ? String(p.prefixesReceived) : p.state;
    out.push(
      `${`${p.dynamic ? '*' : ''}${p.neighbor}`.padEnd(15)} 4 ${String(p.remoteAs).padStart(12)}       0       0        0    0    0 ${(p.upDown ?? 'never').padEnd(8)} ${st}`,
    );
  }
  if (j.peers.some((p) => p.dynamic)) out.push('* Dynamically created based on a listen range command');
  return out;
}

/** `show ip bgp`. */
export function bgpTableJson(frr: FrrShowData | undefined): BgpTableJson {
  const b = frr?.bgp;
  if (!b?.routes) return { routerId: null, routes: [] };
  const routes: BgpTableJson['routes'] = [];
  for (const [network, paths] of Object.entries(b.routes as Record<string, FrrJson[]>)) {
    for (const p of paths) {
      const origin = p.origin === 'IGP' ? 'i' : p.origin === 'EGP' ? 'e' : '?';
      // a route of this router (network, aggregate): FRR gives no next hop or `::`, IOS prints 0.0.0.0
      const hop = String(p.nexthops?.[0]?.ip ?? '0.0.0.0');
      routes.push({
        network,
        nextHop: hop === '::' ? '0.0.0.0' : hop,
        metric: typeof p.metric === 'number' ? p.metric : null,
        localPref: typeof p.locPrf === 'number' ? p.locPrf : null,
        weight: Number(p.weight ?? 0),
        path: String(p.path ?? ''),
        origin,
        best: p.bestpath === true,
        valid: p.valid === true,
        internal: p.pathFrom === 'internal',
        suppressed: p.suppressed === true,
      });
    }
  }
  return { routerId: b.routerId ?? null, routes };
}

export function bgpTableText(j: BgpTableJson): string[] {
  if (j.routerId === null) return ['% BGP not active'];
  const out = [
    `BGP table version is 1, local router ID is ${j.routerId}`,
    'Status codes: s suppressed, d damped, h history, * valid, > best, i - internal,',
    'Origin codes: i - IGP, e - EGP, ? - incomplete',
    '',
    '     Network          Next Hop            Metric LocPrf Weight Path',
  ];
  for (const r of j.routes) {
    const status = `${r.suppressed ? 's' : r.valid ? '*' : ' '}${r.best ? '>' : ' '}${r.internal ? 'i' : ' '}`;
    out.push(
      ` ${status}  ${r.network.padEnd(16)} ${r.nextHop.padEnd(19)} ${String(r.metric ?? '').padStart(6)} ${String(r.localPref ?? '').padStart(6)} ${String(r.weight).padStart(6)} ${r.path ? `${r.path} ` : ''}${r.origin}`,
    );
  }
  return out;
}

/** `show ip rip database`: RIP's routes and the connected networks RIP covers, from zebra's table. */
export function ripDatabaseJson(config: RouterConfig, frr: FrrShowData | undefined): RipDatabaseJson {
  const routes: RipDatabaseJson['routes'] = [];
  if (!config.routing?.rip) return { routes };
  for (const [network, entries] of Object.entries((frr?.routes ?? {}) as Record<string, FrrJson[]>)) {
    for (const e of entries) {
      if (e.protocol !== 'rip' || e.selected !== true) continue;
      const nh = e.nexthops?.[0] ?? {};
      routes.push({
        network,
        nextHop: nh.ip ?? null,
        interface: nh.interfaceName ? iosName(config, nh.interfaceName) : null,
        metric: Number(e.metric ?? 0),
      });
    }
  }
  return { routes };
}

export function ripDatabaseText(j: RipDatabaseJson): string[] {
  return j.routes.map(
    (r) =>
      `${r.network}\n    [${r.metric}] via ${r.nextHop ?? 'directly connected'}${r.interface ? `, ${r.interface}` : ''}`,
  );
}
