/**
 * IOS routing configuration → FRR 8.4 daemon configuration files, keeping IOS behaviour where FRR's
 * defaults differ (pure: no I/O). One file per daemon, passed to it with `-f`.
 *
 * Differences handled here:
 * - `router ospf 1` → `router ospf` (FRR refuses an instance id outside multi-instance mode);
 * - `network A WILDCARD area X` → `network A/LEN area X`;
 * - IOS tunnels default to OSPF network point-to-point, FRR's TAP-backed tunN to broadcast;
 * - IOS point-to-multipoint and non-broadcast hello is 30 s (dead 120 s), FRR's always 10 s;
 *   IOS derives dead = 4 × hello when only hello is set, FRR keeps 40 s;
 * - RIP classful `network 172.16.0.0` → `network 172.16.0.0/16` (ripd reads a bare word as an interface);
 *   and `network 0.0.0.0` → `network 0.0.0.0/0` (every interface);
 * - OSPF `summary-address A M [not-advertise]` → `summary-address A/L [no-advertise]`; OSPF `distribute-list prefix L in` → zebra
 *   `ip protocol ospf route-map` with L (the routes stay in the database, out of the table, as on IOS);
 * - `no ip split-horizon` → `no ip rip split-horizon`;
 * - `ip summary-address rip A M` → ripd `route A/L` and an output prefix list dropping its parts;
 * - `ip prefix-list` lines go as they are into every routing daemon's file; RIP `distribute-list prefix`
 *   and BGP `neighbor … prefix-list` name the device instead of the IOS interface;
 * - `route-map` entries (match ip address prefix-list, set metric / local-preference / weight /
 *   ip next-hop) go into every routing daemon's file, as prefix lists do;
 * - BGP `aggregate-address A M [as-set] [summary-only]` → `aggregate-address A/L …`;
 * - eBGP: `no bgp ebgp-requires-policy` (IOS sends and accepts without a route-map);
 * - point-to-multipoint: retransmit interval 1 s (FRR refloods a spoke's LSA to the others only by
 *   retransmission, IOS at once: this keeps the other spokes' LANs seconds, not 20 s, behind the adjacency);
 * - `redistribute static` → `redistribute kernel route-map DMVPND-STATIC` (dmvpnd installs the IOS
 *   static routes, Null0 ones as blackholes; zebra sees them as kernel routes) limited to their prefixes;
 * - administrative distances written out as IOS has them (OSPF 110, BGP 20/200/200, RIP 120).
 */
import { classfulLength, inPrefix } from '../../wire/ipv4-addr.js';
import type { InterfaceConfig, RouterConfig } from '../config/model.js';
import { IOS_DISTANCES, type BgpPeerSettings, type OspfConfig, type Redistribute } from '../config/routing/model.js';
import { wildcardLength } from '../config/routing/ospf.js';
import { renderPrefixLists } from '../config/routing/prefix-list.js';
import type { BgpConfig, RipConfig } from '../config/routing/model.js';
import { pimdText } from './pim.js';
import { bgpIpv6Lines, ospf6Text, ripngText } from './translate6.js';

/** FRR daemons dmvpnd can run. zebra always runs when any routing daemon does. */
export type FrrDaemon = 'zebra' | 'ospfd' | 'bgpd' | 'ripd' | 'ospf6d' | 'ripngd' | 'pimd';

/** One daemon and the text of its configuration file. */
export interface FrrDaemonConfig {
  daemon: FrrDaemon;
  text: string;
}

/** The comment a daemon file carries for an IOS line that has no FRR form (`--check-config` reports it). */
export const NOT_TRANSLATED = '! not translated: ';
/** LSA retransmit interval on point-to-multipoint networks (s): how a spoke's LSA reaches the others. */
export const P2MP_RETRANSMIT = 1;

/** BGP connect retry (s) after a failed TCP connect (FRR's default is 120 s). */
export const BGP_CONNECT_RETRY = 5;

/** IOS hello interval on point-to-multipoint and non-broadcast networks (seconds). */
export const IOS_NBMA_HELLO = 30;

/** The daemons a config needs with their files (zebra first); empty when no routing process is configured. */
export function translate(config: RouterConfig): FrrDaemonConfig[] {
  const r = config.routing ?? {};
  const pim = pimdText(config);
  if (!r.ospf && !r.bgp && !r.rip && !r.ospf6 && !r.ripng && pim === undefined) return [];
  const head = [`hostname ${config.hostname}`, '!'];
  // prefix lists and route-maps are per daemon in FRR: each routing daemon gets them all
  const lists = renderPrefixLists(config);
  const out: FrrDaemonConfig[] = [{ daemon: 'zebra', text: finish([...head, ...zebraText(config, lists)]) }];
  const policy = (d: FrrDaemon, own: Redistribute[]): string[] => [
    ...(lists.length > 0 ? [...lists, '!'] : []),
    ...routeMapText(config, d),
    ...staticPolicy(config, own),
  ];
  if (r.ospf)
    out.push({
      daemon: 'ospfd',
      text: finish([...head, ...policy('ospfd', r.ospf.redistribute), ...ospfText(config, r.ospf)]),
    });
  if (r.bgp)
    out.push({
      daemon: 'bgpd',
      text: finish([...head, ...policy('bgpd', r.bgp.redistribute), ...bgpText(config, r.bgp)]),
    });
  if (r.rip)
    out.push({
      daemon: 'ripd',
      text: finish([...head, ...policy('ripd', r.rip.redistribute), ...ripText(config, r.rip)]),
    });
  if (r.ospf6)
    out.push({ daemon: 'ospf6d', text: finish([...head, ...ospf6Text(config, r.ospf6, IOS_DISTANCES.ospf)]) });
  if (r.ripng) out.push({ daemon: 'ripngd', text: finish([...head, ...ripngText(config, r.ripng)]) });
  if (pim !== undefined) out.push({ daemon: 'pimd', text: finish([...head, ...pim]) });
  return out;
}

/**
 * IOS route-maps in FRR form for one daemon; a match on several prefix lists (any of them) has no
 * one-line FRR form. local-preference and weight are BGP attributes: IOS ignores them elsewhere,
 * ospfd and ripd refuse them.
 */
function routeMapText(config: RouterConfig, daemon: FrrDaemon): string[] {
  const bgp = daemon === 'bgpd';
  const out: string[] = [];
  for (const [name, list] of Object.entries(config.routeMaps ?? {})) {
    for (const e of list) {
      out.push(`route-map ${name} ${e.action} ${e.seq}`);
      if (e.matchPrefixLists.length === 1) out.push(` match ip address prefix-list ${e.matchPrefixLists[0]}`);
      else if (e.matchPrefixLists.length > 1)
        out.push(
          ` ${NOT_TRANSLATED}match ip address prefix-list ${e.matchPrefixLists.join(' ')}: ` +
            'FRR matches one prefix list per route-map entry (use one entry per list)',
        );
      if (e.set.metric !== undefined) out.push(` set metric ${e.set.metric}`);
      if (bgp && e.set.localPreference !== undefined) out.push(` set local-preference ${e.set.localPreference}`);
      if (bgp && e.set.weight !== undefined) out.push(` set weight ${e.set.weight}`);
      if (e.set.nextHop !== undefined) out.push(` set ip next-hop ${e.set.nextHop}`);
      out.push('exit', '!');
    }
  }
  return out;
}

/** The route-map zebra applies to ospfd's routes for OSPF `distribute-list prefix L in`. */
export const OSPF_IN_MAP = 'DMVPND-OSPF-IN';

/**
 * zebra's part: OSPF `distribute-list prefix L in` keeps the routes L denies out of the routing
 * table (they stay in the OSPF database), as IOS does: zebra's `ip protocol ospf route-map`.
 */
function zebraText(config: RouterConfig, lists: string[]): string[] {
  const name = config.routing?.ospf?.distributeListIn;
  if (name === undefined) return [];
  return [
    ...lists,
    '!',
    `route-map ${OSPF_IN_MAP} permit 10`,
    ` match ip address prefix-list ${name}`,
    'exit',
    '!',
    `ip protocol ospf route-map ${OSPF_IN_MAP}`,
    '!',
  ];
}

function finish(lines: string[]): string {
  return `${[...lines, 'end'].join('\n')}\n`;
}

/** The device name of an IOS interface, or undefined when the config has no such interface. */
function device(config: RouterConfig, iosName: string): string | undefined {
  return config.interfaces[iosName]?.linuxName;
}

/** Per-interface lines of ospfd: network type, timers (IOS values), priority, cost, area, passive. */
function ospfInterface(i: InterfaceConfig, o: OspfConfig, area: string | undefined): string[] {
  const x = i.ospf ?? {};
  const lines: string[] = [];
  const network = x.network ?? (i.kind === 'tunnel' ? 'point-to-point' : undefined);
  if (network !== undefined) lines.push(` ip ospf network ${network}`);
  const nbma = network === 'point-to-multipoint' || network === 'non-broadcast';
  const hello = x.helloInterval ?? (nbma ? IOS_NBMA_HELLO : undefined);
  if (hello !== undefined) lines.push(` ip ospf hello-interval ${hello}`);
  const dead = x.deadInterval ?? (hello !== undefined ? 4 * hello : undefined);
  if (dead !== undefined) lines.push(` ip ospf dead-interval ${dead}`);
  // FRR 8.4 does not reflood an LSA out of the point-to-multipoint interface it came in on: the
  // other spokes get it only by retransmission (5 s, seen 8-19 s after the adjacency); IOS refloods
  if (network === 'point-to-multipoint') lines.push(` ip ospf retransmit-interval ${P2MP_RETRANSMIT}`);
  if (x.priority !== undefined) lines.push(` ip ospf priority ${x.priority}`);
  if (x.cost !== undefined) lines.push(` ip ospf cost ${x.cost}`);
  if (area !== undefined) lines.push(` ip ospf area ${area}`);
  // FRR 8.4 takes passive-interface NAME per interface only (`ip ospf passive`)
  if (!o.passiveDefault && o.passiveInterfaces.includes(i.name)) lines.push(' ip ospf passive');
  if (o.passiveDefault && o.activeInterfaces.includes(i.name)) lines.push(' no ip ospf passive');
  return lines.length > 0 ? [`interface ${i.linuxName}`, ...lines, '!'] : [];
}

/**
 * The area of an interface when networks are given per interface: its `ip ospf N area`, else the
 * most specific `network` statement covering its primary address (as IOS picks).
 */
function areaByNetwork(i: InterfaceConfig, o: OspfConfig): string | undefined {
  if (i.ospf?.area !== undefined) return i.ospf.area.area;
  const addr = i.addresses.find((a) => !a.secondary)?.address;
  if (addr === undefined) return undefined;
  let best: { len: number; area: string } | undefined;
  for (const n of o.networks) {
    const len = wildcardLength(n.wildcard);
    if (len !== undefined && inPrefix(addr, n.address, len) && (best === undefined || len > best.len))
      best = { len, area: n.area };
  }
  return best?.area;
}

function ospfText(config: RouterConfig, o: OspfConfig): string[] {
  const out: string[] = [];
  // FRR refuses `network` once an interface has `ip ospf area`: then every area is given per interface
  const perInterface = Object.values(config.interfaces).some((i) => i.ospf?.area !== undefined);
  for (const i of Object.values(config.interfaces)) {
    out.push(...ospfInterface(i, o, perInterface ? areaByNetwork(i, o) : undefined));
  }
  out.push('router ospf');
  if (o.routerId !== undefined) out.push(` ospf router-id ${o.routerId}`);
  out.push(...redistributeLines(o.redistribute, 'ospf'));
  if (o.passiveDefault) out.push(' passive-interface default');
  for (const n of perInterface ? [] : o.networks) {
    const len = wildcardLength(n.wildcard);
    if (len === undefined)
      out.push(
        ` ${NOT_TRANSLATED}network ${n.address} ${n.wildcard} area ${n.area}: a non-contiguous wildcard has no prefix form in FRR`,
      );
    else out.push(` network ${n.address}/${len} area ${n.area}`);
  }
  for (const a of o.stubAreas) out.push(` area ${a.area} stub${a.noSummary ? ' no-summary' : ''}`);
  for (const a of o.ranges) out.push(` area ${a.area} range ${a.address}/${a.prefixLength}`);
  for (const x of o.summaries ?? [])
    out.push(` summary-address ${x.address}/${x.prefixLength}${x.notAdvertise ? ' no-advertise' : ''}`);
  if (o.defaultOriginate) out.push(` default-information originate${o.defaultOriginate.always ? ' always' : ''}`);
  out.push(` distance ${IOS_DISTANCES.ospf}`, '!');
  return out;
}

function passive(config: RouterConfig, iosName: string, out: string[], no: string): void {
  const dev = device(config, iosName);
  if (dev !== undefined) out.push(` ${no}passive-interface ${dev}`);
  else out.push(` ${NOT_TRANSLATED}${no}passive-interface ${iosName}: no such interface in this configuration`);
}

function redistributeLines(list: Redistribute[], self: 'ospf' | 'bgp' | 'rip'): string[] {
  // FRR has one process per protocol: `redistribute ospf 1` is `redistribute ospf`; `subnets` is FRR's only mode
  return list
    .filter((x) => x.source !== self)
    .map((x) => {
      const metric = x.metric !== undefined ? ` metric ${x.metric}` : '';
      // dmvpnd installs the IOS static routes itself: zebra knows them as kernel routes
      if (x.source === 'static') return ` redistribute kernel${metric} route-map ${staticMapName(x)}`;
      return ` redistribute ${x.source}${metric}${x.routeMap !== undefined ? ` route-map ${x.routeMap}` : ''}`;
    });
}

/** The prefix list of the IOS static routes' prefixes, and the route-map that picks them from zebra. */
export const STATIC_MAP = 'DMVPND-STATIC';

function staticMapName(x: Redistribute): string {
  return x.routeMap !== undefined ? `${STATIC_MAP}-${x.routeMap}` : STATIC_MAP;
}

/**
 * `redistribute static`: dmvpnd, not FRR's staticd, installs the IOS static routes (kernel proto
 * static), so zebra holds them as kernel routes, beside other kernel routes (NHRP shortcuts…). The
 * daemon redistributes `kernel` through a route-map that lets only the static routes' prefixes
 * through, then applies the IOS route-map (`call`), if any.
 */
function staticPolicy(config: RouterConfig, own: Redistribute[]): string[] {
  const uses = own.filter((x) => x.source === 'static');
  if (uses.length === 0) return [];
  const prefixes = [
    ...new Set(
      config.routes.filter((r) => r.prefix.family === 4).map((r) => `${r.prefix.address}/${r.prefix.prefixLength}`),
    ),
  ];
  const out = prefixes.map((p, i) => `ip prefix-list ${STATIC_MAP} seq ${(i + 1) * 5} permit ${p}`);
  if (prefixes.length === 0) out.push(`ip prefix-list ${STATIC_MAP} seq 5 deny 0.0.0.0/0 le 32`);
  out.push('!');
  for (const x of uses) {
    out.push(`route-map ${staticMapName(x)} permit 10`, ` match ip address prefix-list ${STATIC_MAP}`);
    if (x.routeMap !== undefined) out.push(` call ${x.routeMap}`);
    out.push('exit', '!');
  }
  return out;
}

function bgpText(config: RouterConfig, b: BgpConfig): string[] {
  const out = [`router bgp ${b.asn}`];
  if (b.routerId !== undefined) out.push(` bgp router-id ${b.routerId}`);
  out.push(' no bgp ebgp-requires-policy', ' bgp log-neighbor-changes');
  for (const g of b.peerGroups) {
    out.push(` neighbor ${g.name} peer-group`);
    out.push(...sessionLines(config, g.name, g));
  }
  for (const l of b.listenRanges)
    out.push(` bgp listen range ${l.address}/${l.prefixLength} peer-group ${l.peerGroup}`);
  for (const n of b.neighbors) {
    if (n.remoteAs !== undefined)
      out.push(
        ` neighbor ${n.address} remote-as ${n.remoteAs}`,
        ` neighbor ${n.address} timers connect ${BGP_CONNECT_RETRY}`,
      );
    if (n.peerGroup !== undefined) out.push(` neighbor ${n.address} peer-group ${n.peerGroup}`);
    out.push(...sessionLines(config, n.address, { ...n, remoteAs: undefined }));
  }
  out.push(' !', ' address-family ipv4 unicast');
  for (const n of b.networks) out.push(`  network ${n.address}/${n.prefixLength}`);
  for (const a of b.aggregates) {
    const opts = `${a.asSet ? ' as-set' : ''}${a.summaryOnly ? ' summary-only' : ''}`;
    out.push(`  aggregate-address ${a.address}/${a.prefixLength}${opts}`);
  }
  out.push(...redistributeLines(b.redistribute, 'bgp').map((l) => ` ${l}`));
  for (const p of [
    ...b.peerGroups.map((g) => ({ id: g.name, s: g as BgpPeerSettings })),
    ...b.neighbors.map((n) => ({ id: n.address, s: n })),
  ]) {
    if (p.s.nextHopSelf) out.push(`  neighbor ${p.id} next-hop-self`);
    if (p.s.routeReflectorClient) out.push(`  neighbor ${p.id} route-reflector-client`);
    if (p.s.prefixListIn !== undefined) out.push(`  neighbor ${p.id} prefix-list ${p.s.prefixListIn} in`);
    if (p.s.prefixListOut !== undefined) out.push(`  neighbor ${p.id} prefix-list ${p.s.prefixListOut} out`);
    if (p.s.routeMapIn !== undefined) out.push(`  neighbor ${p.id} route-map ${p.s.routeMapIn} in`);
    if (p.s.routeMapOut !== undefined) out.push(`  neighbor ${p.id} route-map ${p.s.routeMapOut} out`);
  }
  const distances = `${IOS_DISTANCES.ebgp} ${IOS_DISTANCES.ibgp} ${IOS_DISTANCES.bgpLocal}`;
  const v6 = bgpIpv6Lines(b, distances);
  out.push(...v6.ipv4, `  distance bgp ${distances}`);
  out.push(' exit-address-family', '!', ...v6.ipv6);
  return out;
}

function sessionLines(config: RouterConfig, id: string, s: BgpPeerSettings): string[] {
  const out: string[] = [];
  if (s.remoteAs !== undefined) {
    out.push(` neighbor ${id} remote-as ${s.remoteAs}`);
    // FRR waits 120 s after a failed connect; a spoke's first try often fails (its hub has not yet
    // got its NHRP registration, so cannot answer over the tunnel): IOS retries as soon as it can
    out.push(` neighbor ${id} timers connect ${BGP_CONNECT_RETRY}`);
  }
  if (s.description !== undefined) out.push(` neighbor ${id} description ${s.description}`);
  const src = s.updateSource !== undefined ? device(config, s.updateSource) : undefined;
  if (src !== undefined) out.push(` neighbor ${id} update-source ${src}`);
  else if (s.updateSource !== undefined)
    out.push(
      ` ${NOT_TRANSLATED}neighbor ${id} update-source ${s.updateSource}: no such interface in this configuration`,
    );
  return out;
}

function ripText(config: RouterConfig, r: RipConfig): string[] {
  const out: string[] = [];
  for (const i of Object.values(config.interfaces)) {
    if (i.splitHorizon === false) out.push(`interface ${i.linuxName}`, ' no ip rip split-horizon', '!');
  }
  const summaries = ripSummaries(config);
  out.push(...summaries.prefixLists);
  out.push('router rip');
  // unset version: IOS sends v1 and accepts v1 and v2, as FRR's `version` left unset does not (it sends v2)
  out.push(` version ${r.version ?? 1}`);
  if (r.version === undefined) {
    out.splice(out.length - 1, 1);
    for (const i of Object.values(config.interfaces)) {
      if (coveredByRip(i, r))
        out.unshift(`interface ${i.linuxName}`, ' ip rip send version 1', ' ip rip receive version 1 2', '!');
    }
  }
  for (const n of r.networks) out.push(` network ${n}/${ripLength(n)}`);
  if (r.passiveDefault) out.push(' passive-interface default');
  for (const n of r.passiveInterfaces) passive(config, n, out, '');
  for (const n of r.activeInterfaces) passive(config, n, out, 'no ');
  if (r.defaultOriginate) out.push(' default-information originate');
  for (const d of r.distributeLists ?? []) {
    const dev = d.interface !== undefined ? device(config, d.interface) : '';
    if (dev !== undefined) out.push(` distribute-list prefix ${d.prefixList} ${d.direction}${dev ? ` ${dev}` : ''}`);
  }
  out.push(...redistributeLines(r.redistribute, 'rip'));
  out.push(...summaries.router);
  out.push(` distance ${IOS_DISTANCES.rip}`, '!');
  return out;
}

function coveredByRip(i: InterfaceConfig, r: RipConfig): boolean {
  return i.addresses.some((a) => r.networks.some((n) => inPrefix(a.address, n, ripLength(n))));
}

/** The prefix length of a RIP `network`: classful, and `network 0.0.0.0` covers every interface. */
function ripLength(n: string): number {
  return n === '0.0.0.0' ? 0 : classfulLength(n);
}

/**
 * `ip summary-address rip A M` on an interface. ripd has no summary: the summary becomes a RIP
 * route of ripd's own (`route A/L`), and a prefix list on that interface's output drops the
 * summary's parts (its other routes pass).
 */
function ripSummaries(config: RouterConfig): { prefixLists: string[]; router: string[] } {
  const prefixLists: string[] = [];
  const router: string[] = [];
  for (const i of Object.values(config.interfaces)) {
    const list = i.ripSummaries ?? [];
    if (list.length === 0) continue;
    const name = `DMVPND-RIP-SUMMARY-${i.linuxName}`;
    let seq = 5;
    for (const s of list) {
      if (s.prefixLength < 32)
        prefixLists.push(
          `ip prefix-list ${name} seq ${seq} deny ${s.address}/${s.prefixLength} ge ${s.prefixLength + 1}`,
        );
      seq += 5;
      router.push(` route ${s.address}/${s.prefixLength}`);
    }
    prefixLists.push(`ip prefix-list ${name} seq ${seq} permit 0.0.0.0/0 le 32`, '!');
    router.push(` distribute-list prefix ${name} out ${i.linuxName}`);
  }
  return { prefixLists, router: [...new Set(router)] };
}
