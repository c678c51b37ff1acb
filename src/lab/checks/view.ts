/**
 * The lab as the checks see it: the topology (hosts, NAT gateways, Internet links) joined with what
 * each router's running configuration says (hub or spoke, tunnel and NBMA addresses, NHSs, phase).
 * Nothing here comes from router internals: configs are read through the control socket
 * (`show running-config json`).
 */
import { inCidr, networkOf, parseCidr, type Ipv4Cidr } from '../../wire/ipv4-addr.js';
import { allLinkTargets, type CaptureTarget } from '../capture.js';
import { outsideOf } from '../kinds/nat.js';
import type { LabState } from '../state.js';
import { iosToLinux } from '../topology/ifnames.js';
import { loadTopology } from '../topology/load.js';
import type { Topology } from '../topology/types.js';
import type { RunningConfigJson } from '../../node/api/index.js';
import { nhrpTunnel, routerFacts, tunnelSourceAddress, type RouterFacts, type TunnelFacts } from './config-facts.js';
import { lastChangeOf, readRunningConfig } from './routers.js';

/** A router: its control socket, its configuration facts, and its place in the DMVPN. */
export interface RouterView {
  name: string;
  control: string;
  namespace: string;
  facts: RouterFacts;
  /** Its running configuration as read (`show running-config json`). */
  config: RunningConfigJson;
  tunnel?: TunnelFacts;
  role: 'hub' | 'spoke' | 'other';
  tunnelAddress?: string;
  /** The tunnel source address (inside address for a spoke behind NAT). */
  nbma?: string;
  /** The Linux name of the interface holding `nbma` (e.g. eth1). */
  nbmaIface?: string;
  /** The NAT gateway in front of it and its outside address, when behind NAT. */
  nat?: { node: string; outside: string };
  /** Networks of its other interfaces (LANs). */
  lans: Ipv4Cidr[];
}

/** A LAN host and the router it sits behind. */
export interface HostView {
  name: string;
  namespace: string;
  address: string;
  /** Its IPv6 address (topology `ipv6`), when it has one: reachability pings it too. */
  address6?: string;
  router?: string;
}

/** The lab, ready for the checks. */
export interface LabView {
  state: LabState;
  topology: Topology;
  routers: RouterView[];
  hubs: RouterView[];
  spokes: RouterView[];
  hosts: HostView[];
  /**
   * The underlay links, on the side `capture --all` uses: every link with the Internet node on one side,
   * and, where the underlay is a switch or a router without a tunnel (course labs), each router's link from
   * its tunnel source to it (and each NAT gateway's).
   */
  internetLinks: CaptureTarget[];
  /**
   * When the routers' configuration last changed (ms since 1970, this machine's clock), from their
   * `lastChange`; absent when a router does not say (see expect/deadline.ts).
   */
  configChangedAt?: number;
}

/** The NBMA address others see: the NAT outside address for a spoke behind NAT. */
export function publicNbma(r: RouterView): string | undefined {
  return r.nat?.outside ?? r.nbma;
}

/** The hub whose tunnel address is `protocol`. */
export function hubByAddress(view: LabView, protocol: string): RouterView | undefined {
  return view.hubs.find((h) => h.tunnelAddress === protocol);
}

/** The first host behind router `r`. */
export function hostBehind(view: LabView, r: RouterView): HostView | undefined {
  return view.hosts.find((h) => h.router === r.name);
}

/** Every unordered pair of spokes that both have a LAN host, in lab order. */
export function spokePairs(
  view: LabView,
  filter: (r: RouterView) => boolean = () => true,
): Array<[RouterView, RouterView]> {
  const s = view.spokes.filter((r) => filter(r) && hostBehind(view, r));
  return s.flatMap((a, i) => s.slice(i + 1).map((b): [RouterView, RouterView] => [a, b]));
}

/** The phase the configs of two spokes say: 1 if either has a point-to-point tunnel, 3 if both do shortcuts, else 2. */
export function configuredPhase(a: RouterView, b: RouterView): 1 | 2 | 3 {
  if (!a.tunnel?.multipoint || !b.tunnel?.multipoint) return 1;
  return a.tunnel.shortcut && b.tunnel.shortcut ? 3 : 2;
}

/** The lab's phase: the lowest over its spoke pairs (undefined with fewer than two spokes). */
export function labPhase(view: LabView): 1 | 2 | 3 | undefined {
  const pairs = spokePairs(view);
  if (pairs.length === 0) return undefined;
  return Math.min(...pairs.map(([a, b]) => configuredPhase(a, b))) as 1 | 2 | 3;
}

function natFor(
  state: LabState,
  topology: Topology,
  router: string,
  nbmaIfaceIos: string | undefined,
): RouterView['nat'] {
  const linux = nbmaIfaceIos === undefined ? undefined : iosToLinux(nbmaIfaceIos);
  const mine = state.nodes
    .find((n) => n.name === router)
    ?.interfaces.find((i) => i.name === linux || i.written === nbmaIfaceIos);
  const peer = mine?.peer.split(':')[0];
  const node = topology.nodes.find((n) => n.name === peer && n.kind === 'nat');
  const out = node ? outsideOf(node) : undefined;
  const outside = node && out ? parseCidr(node.interfaces[out] ?? '')?.address : undefined;
  return node && outside ? { node: node.name, outside } : undefined;
}

/** A router's view from its running configuration and the lab's state and topology. */
function routerView(state: LabState, topology: Topology, name: string, config: RunningConfigJson): RouterView {
  const n = state.nodes.find((x) => x.name === name)!;
  const facts = routerFacts(config);
  const tunnel = nhrpTunnel(facts);
  const nbma = tunnel ? tunnelSourceAddress(facts, tunnel) : undefined;
  const nbmaIface = facts.interfaces.find((i) => nbma !== undefined && (i.address === nbma || i.address6 === nbma));
  const lans = facts.interfaces
    .filter((i) => i !== nbmaIface && i.address !== undefined && i.prefixLength !== undefined && !i.shutdown)
    .map((i) => ({ address: networkOf(i.address!, i.prefixLength!), prefixLength: i.prefixLength! }));
  const nat = natFor(state, topology, n.name, nbmaIface?.name);
  const nbmaLinux = nbmaIface ? iosToLinux(nbmaIface.name) : undefined;
  return {
    name: n.name,
    control: n.control ?? '',
    namespace: n.namespace,
    facts,
    config,
    ...(tunnel ? { tunnel } : {}),
    role: tunnel && tunnel.nhs.length > 0 ? 'spoke' : 'other',
    ...(tunnel?.address ? { tunnelAddress: tunnel.address } : {}),
    ...(nbma ? { nbma } : {}),
    ...(nbmaLinux ? { nbmaIface: nbmaLinux } : {}),
    ...(nat ? { nat } : {}),
    lans,
  };
}

/** Puts the view together from the routers' running configurations (by router name). */
export function assembleView(state: LabState, topology: Topology, configs: Record<string, RunningConfigJson>): LabView {
  const routers = Object.entries(configs).map(([name, config]) => routerView(state, topology, name, config));
  const named = new Set(routers.flatMap((r) => r.tunnel?.nhs.map((n) => n.protocol) ?? []));
  // A hub serves spokes (dynamic multicast maps, or named as an NHS); a second hub that registers with the
  // first (dual hub, single cloud) is both a hub and a spoke.
  const serves = (r: RouterView) =>
    r.tunnel !== undefined && (r.tunnel.mapMulticastDynamic || named.has(r.tunnelAddress ?? ''));
  for (const r of routers) if (r.role === 'other' && serves(r)) r.role = 'hub';
  const hosts = topology.nodes
    .filter((n) => n.kind === 'host')
    .map((n): HostView => {
      const address = parseCidr(Object.values(n.interfaces)[0] ?? '')?.address ?? '';
      const router = routers.find((r) => r.lans.some((l) => inCidr(address, l)));
      const address6 = Object.values(n.ipv6 ?? {})[0]?.split('/')[0];
      return {
        name: n.name,
        namespace: state.nodes.find((x) => x.name === n.name)!.namespace,
        address,
        ...(address6 !== undefined ? { address6 } : {}),
        ...(router ? { router: router.name } : {}),
      };
    });
  const internet = new Set(topology.nodes.filter((n) => n.kind === 'internet').map((n) => n.name));
  const switches = new Set(topology.nodes.filter((n) => n.kind === 'switch').map((n) => n.name));
  const nbmaEnds = new Set(routers.flatMap((r) => (r.nbmaIface ? [`${r.name}:${r.nbmaIface}`] : [])));
  const linuxOf = (end: string): string => {
    const [node = '', written = ''] = end.split(':');
    const i = state.nodes.find((n) => n.name === node)?.interfaces.find((x) => x.written === written);
    return `${node}:${i?.name ?? written}`;
  };
  // A router without a tunnel as the underlay (an "ISP" router in course labs, our internet node exported
  // to CML and imported back): its links to routers' tunnel sources and to NAT gateways.
  const isp = new Set(routers.filter((r) => !r.tunnel).map((r) => r.name));
  const nats = new Set(topology.nodes.filter((n) => n.kind === 'nat').map((n) => n.name));
  // A switch underlay (course labs): each router's link from its tunnel source to the switch.
  const underlay = (a: string, b: string) =>
    (switches.has(b.split(':')[0]!) && nbmaEnds.has(linuxOf(a))) ||
    (isp.has(b.split(':')[0]!) && (nbmaEnds.has(linuxOf(a)) || nats.has(a.split(':')[0]!)));
  const targets = allLinkTargets(state);
  const internetLinks = state.links.flatMap((l, i) =>
    [l.a, l.b].some((e) => internet.has(e.split(':')[0]!)) || underlay(l.a, l.b) || underlay(l.b, l.a)
      ? [targets[i]!]
      : [],
  );
  return {
    state,
    topology,
    routers,
    hubs: routers.filter(serves),
    spokes: routers.filter((r) => r.role === 'spoke'),
    hosts,
    internetLinks,
  };
}

/** Builds the view of a running lab: loads the topology, reads every router's running configuration. */
export async function buildView(state: LabState): Promise<LabView> {
  const topology = loadTopology(state.topologyFile, { name: state.name });
  const routers = state.nodes.filter((n) => n.control !== undefined);
  const configs = await Promise.all(routers.map((n) => readRunningConfig(n.control!, n.config)));
  const changedAt = lastChangeOf(configs, Date.now());
  const view = assembleView(state, topology, Object.fromEntries(routers.map((n, i) => [n.name, configs[i]!])));
  return changedAt === undefined ? view : { ...view, configChangedAt: changedAt };
}
