/**
 * `show ipv6 protocols`: EIGRP for IPv6 (ours, from its engine) and the IPv6 routing processes
 * (OSPFv3, RIPng, BGP's ipv6 family) from the
 * config, in the IOS layout, each marked running when its FRR daemon is up. The connected and ND
 * pseudo-protocols come first, as IOS lists them.
 */
import type { Ipv6ProtocolsJson } from '../api/schema/routing6.js';
import type { RouterConfig } from '../config/model.js';
import type { Redistribute } from '../config/routing/model.js';
import type { EigrpView } from './eigrp.js';
import type { FrrShowData } from './routing.js';

export type { Ipv6ProtocolsJson };

const redist = (r: Redistribute): string => `${r.source}${r.process !== undefined ? ` ${r.process}` : ''}`;

/** `show ipv6 protocols json`. */
export function ipv6ProtocolsJson(
  config: RouterConfig,
  frr: FrrShowData | undefined,
  eigrp6?: EigrpView,
): Ipv6ProtocolsJson {
  const r = config.routing ?? {};
  const on = (d: string): boolean => frr?.daemons.includes(d) === true;
  const ifaces = Object.values(config.interfaces);
  const out: Ipv6ProtocolsJson['protocols'] = [];
  if (eigrp6) out.push(eigrp6Protocol(eigrp6));
  if (r.ospf6) {
    const o = r.ospf6;
    const mine = ifaces.filter((i) => i.ipv6Routing?.ospf?.area?.processId === o.processId);
    out.push({
      name: `ospf ${o.processId}`,
      running: on('ospf6d'),
      routerId: o.routerId ?? null,
      interfaces: mine.map((i) => `${i.name} (Area ${i.ipv6Routing!.ospf!.area!.area})`),
      passiveInterfaces: o.passiveDefault
        ? mine.map((i) => i.name).filter((n) => !o.activeInterfaces.includes(n))
        : o.passiveInterfaces,
      redistribution: o.redistribute.map(redist),
      neighbors: [],
    });
  }
  if (r.ripng) {
    const name = r.ripng.name;
    out.push({
      name: `rip ${name}`,
      running: on('ripngd'),
      routerId: null,
      interfaces: ifaces
        .filter((i) => i.ipv6Routing?.rip?.name === name && i.ipv6Routing.rip.enabled)
        .map((i) => i.name),
      passiveInterfaces: [],
      redistribution: r.ripng.redistribute.map(redist),
      neighbors: [],
    });
  }
  if (r.bgp?.ipv6) {
    const b = r.bgp;
    out.push({
      name: `bgp ${b.asn}`,
      running: on('bgpd'),
      routerId: null,
      interfaces: [],
      passiveInterfaces: [],
      redistribution: b.ipv6!.redistribute.map(redist),
      neighbors: [
        ...b.neighbors
          .filter((n) => n.address.includes(':') || b.ipv6!.activated.includes(n.address))
          .map((n) => n.address),
        ...b.listenRanges
          .filter((l) => l.address.includes(':'))
          .map((l) => `${l.address}/${l.prefixLength} (listen range)`),
      ],
    });
  }
  return { protocols: out };
}

/** The EIGRP for IPv6 process as `show ipv6 protocols` lists it (from the engine, so it runs). */
function eigrp6Protocol(v: EigrpView): Ipv6ProtocolsJson['protocols'][number] {
  const c = v.config;
  return {
    name: `eigrp ${c.as}`,
    running: !c.shutdown,
    routerId: v.snapshot.routerId,
    interfaces: c.interfaces.filter((i) => i.enabled && !i.passive).map((i) => i.name),
    passiveInterfaces: c.interfaces.filter((i) => i.enabled && i.passive).map((i) => i.name),
    redistribution: Object.keys(c.redistribute),
    neighbors: v.snapshot.neighbors.filter((n) => n.up).map((n) => n.address),
  };
}

const up = (a: string): string => a.toUpperCase();

/** `show ipv6 protocols` text, IOS layout. */
export function ipv6ProtocolsText(j: Ipv6ProtocolsJson): string[] {
  const out = ['IPv6 Routing Protocol is "connected"', 'IPv6 Routing Protocol is "ND"'];
  for (const p of j.protocols) {
    out.push(`IPv6 Routing Protocol is "${p.name}"${p.running ? '' : ' (not running)'}`);
    if (p.routerId !== null) out.push(`  Router ID ${p.routerId}`);
    if (p.interfaces.length > 0) out.push('  Interfaces:', ...p.interfaces.map((i) => `    ${i}`));
    if (p.passiveInterfaces.length > 0)
      out.push('  Passive Interface(s):', ...p.passiveInterfaces.map((i) => `    ${i}`));
    if (p.neighbors.length > 0) out.push('  Neighbor(s):', ...p.neighbors.map((n) => `    ${up(n)}`));
    out.push('  Redistribution:');
    out.push(
      ...(p.redistribution.length > 0 ? p.redistribution.map((x) => `    Redistributing protocol ${x}`) : ['    None']),
    );
  }
  return out;
}
