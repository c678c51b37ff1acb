/**
 * `show ip pim neighbor`, `show ip pim interface`, `show ip mroute [GROUP]`, `show ip igmp groups`:
 * JSON built from pimd's vtysh JSON (fetched by the exec layer into ShowState.frr) and, for
 * `ip pim nbma-mode` tunnels, the per-neighbor joins the data plane keeps; IOS text rendered from it.
 */
import type { IgmpGroupsJson, MrouteJson, PimInterfaceJson, PimNeighborJson } from '../api/schema/multicast.js';
import type { RouterConfig } from '../config/model.js';
import type { PimNbmaView } from '../dataplane/pim-nbma.js';
import { inPrefix } from '../../wire/ipv4-addr.js';
import type { FrrShowData } from './routing.js';
import type { InterfaceState } from './state.js';

// biome-ignore lint/suspicious/noExplicitAny: untyped JSON from another program
type FrrJson = any;

const iosName = (config: RouterConfig, dev: string): string =>
  Object.values(config.interfaces).find((i) => i.linuxName === dev)?.name ?? dev;

/** `show ip pim neighbor`. */
export function pimNeighborJson(config: RouterConfig, frr: FrrShowData | undefined): PimNeighborJson {
  const neighbors: PimNeighborJson['neighbors'] = [];
  const ifs = (frr?.pimInterfaces ?? {}) as Record<string, FrrJson>;
  for (const [dev, list] of Object.entries((frr?.pimNeighbors ?? {}) as Record<string, Record<string, FrrJson>>)) {
    for (const [address, n] of Object.entries(list ?? {})) {
      neighbors.push({
        address,
        interface: iosName(config, dev),
        uptime: String(n.upTime ?? '00:00:00'),
        expires: typeof n.holdTime === 'string' ? n.holdTime : null,
        drPriority: typeof n.drPriority === 'number' ? n.drPriority : null,
        dr: ifs[dev]?.pimDesignatedRouter === address,
      });
    }
  }
  neighbors.sort((a, b) => a.interface.localeCompare(b.interface) || addrOrder(a.address, b.address));
  return { neighbors };
}

function addrOrder(a: string, b: string): number {
  const n = (x: string): number => x.split('.').reduce((v, o) => v * 256 + Number(o), 0);
  return n(a) - n(b);
}

export function pimNeighborText(j: PimNeighborJson): string[] {
  const out = [
    'PIM Neighbor Table',
    'Mode: B - Bidir Capable, DR - Designated Router, N - Default DR Priority,',
    '      P - Proxy Capable, S - State Refresh Capable, G - GenID Capable,',
    '      L - DR Load-balancing Capable',
    'Neighbor          Interface                Uptime/Expires    Ver   DR',
    'Address                                                            Prio/Mode',
  ];
  for (const n of j.neighbors) {
    const times = `${n.uptime}/${n.expires ?? '-'}`;
    const prio = `${n.drPriority ?? 'N'} / ${n.dr ? 'DR ' : ''}G`;
    out.push(`${n.address.padEnd(17)} ${n.interface.padEnd(24)} ${times.padEnd(17)} v2    ${prio}`);
  }
  return out;
}

/** `show ip pim interface`. */
export function pimInterfaceJson(config: RouterConfig, frr: FrrShowData | undefined): PimInterfaceJson {
  const interfaces: PimInterfaceJson['interfaces'] = [];
  for (const [dev, x] of Object.entries((frr?.pimInterfaces ?? {}) as Record<string, FrrJson>)) {
    const i = Object.values(config.interfaces).find((c) => c.linuxName === dev);
    // pimreg is pimd's register tunnel: IOS shows no such interface
    if (!i) continue;
    interfaces.push({
      address: String(x.address ?? '0.0.0.0'),
      interface: i.name,
      version: 'v2/S',
      neighbors: Number(x.pimNeighbors ?? 0),
      helloIntervalSec: i.pim?.helloInterval ?? 30,
      drPriority: i.pim?.drPriority ?? 1,
      dr: String(x.pimDesignatedRouter ?? '0.0.0.0'),
      nbmaMode: i.pim?.nbmaMode === true,
    });
  }
  return { interfaces };
}

export function pimInterfaceText(j: PimInterfaceJson): string[] {
  const out = [
    'Address          Interface                Ver/   Nbr    Query  DR         DR',
    '                                          Mode   Count  Intvl  Prior',
  ];
  for (const i of j.interfaces) {
    out.push(
      `${i.address.padEnd(16)} ${i.interface.padEnd(24)} ${i.version.padEnd(6)} ${String(i.neighbors).padEnd(6)} ${String(i.helloIntervalSec ?? '').padEnd(6)} ${String(i.drPriority ?? '').padEnd(10)} ${i.dr}`,
    );
  }
  return out;
}

/** The nbma-mode joins of each tunnel, by IOS interface name. */
function nbmaJoins(ifaces: InterfaceState[]): Array<{ iface: string; view: PimNbmaView }> {
  return ifaces.flatMap((i) => (i.stats?.pimNbma ? [{ iface: i.config.name, view: i.stats.pimNbma }] : []));
}

/** The RP of a group from `show ip pim rp-info json` (the longest group prefix covering it). */
function rpOf(frr: FrrShowData | undefined, group: string): string | null {
  let best: { len: number; rp: string } | undefined;
  for (const [rp, list] of Object.entries((frr?.pimRpInfo ?? {}) as Record<string, FrrJson[]>)) {
    for (const r of Array.isArray(list) ? list : []) {
      const [net, len] = String(r.group ?? '').split('/');
      if (net && len !== undefined && inPrefix(group, net, Number(len)) && (!best || Number(len) > best.len))
        best = { len: Number(len), rp };
    }
  }
  return best?.rp ?? null;
}

/** `show ip mroute [GROUP]`. */
export function mrouteJson(
  config: RouterConfig,
  frr: FrrShowData | undefined,
  ifaces: InterfaceState[],
  group?: string,
): MrouteJson {
  const entries: MrouteJson['entries'] = [];
  const nbma = nbmaJoins(ifaces);
  const upstream = (frr?.pimUpstream ?? {}) as Record<string, Record<string, FrrJson>>;
  for (const [g, sources] of Object.entries((frr?.mroutes ?? {}) as Record<string, Record<string, FrrJson>>)) {
    if (group !== undefined && g !== group) continue;
    for (const [s, e] of Object.entries(sources ?? {})) {
      const rp = rpOf(frr, g);
      const iif = typeof e.iif === 'string' && e.iif !== '<iif?>' ? e.iif : undefined;
      // the RPF neighbor (`show ip pim upstream-rpf json`); 0.0.0.0 for the RP's own (*,G)
      const rpf = upstream[g]?.[s]?.rpfAddress;
      const onRp = s === '*' && rpf === '0.0.0.0';
      const outgoing: MrouteJson['entries'][number]['outgoing'] = [];
      for (const dev of Object.keys(e.oil ?? {})) {
        if (dev === 'pimreg') continue;
        const name = iosName(config, dev);
        // an nbma-mode tunnel lists its neighbors instead (below)
        if (nbma.some((n) => n.iface === name)) continue;
        outgoing.push({ interface: name, nextHop: null, state: 'Forward' });
      }
      for (const n of nbma) {
        for (const j of n.view.joins) {
          if (j.group !== g) continue;
          const joined = s === '*' ? j.starExpiresSec !== null : j.starExpiresSec !== null || j.sources.includes(s);
          // traffic is not sent back to the neighbor it came from
          if (joined && !(iif !== undefined && iosName(config, iif) === n.iface && rpf === j.neighbor))
            outgoing.push({ interface: n.iface, nextHop: j.neighbor, state: 'Forward' });
        }
      }
      entries.push({
        source: s,
        group: g,
        flags: String(e.flags ?? 'S'),
        rp: s === '*' ? rp : null,
        incomingInterface: onRp || iif === undefined ? null : iosName(config, iif),
        rpfNeighbor: onRp ? '0.0.0.0' : typeof rpf === 'string' ? rpf : null,
        outgoing,
      });
    }
  }
  return { entries };
}

export function mrouteText(j: MrouteJson): string[] {
  const out = [
    'IP Multicast Routing Table',
    'Flags: D - Dense, S - Sparse, B - Bidir Group, s - SSM Group, C - Connected,',
    '       L - Local, P - Pruned, R - RP-bit set, F - Register flag,',
    '       T - SPT-bit set, J - Join SPT',
    'Outgoing interface flags: H - Hardware switched, A - Assert winner, p - PIM Join',
    ' Timers: Uptime/Expires',
    ' Interface state: Interface, Next-Hop or VCD, State/Mode',
  ];
  for (const e of j.entries) {
    out.push('', `(${e.source}, ${e.group}), ${e.rp !== null ? `RP ${e.rp}, ` : ''}flags: ${e.flags}`);
    out.push(`  Incoming interface: ${e.incomingInterface ?? 'Null'}, RPF nbr ${e.rpfNeighbor ?? '0.0.0.0'}`);
    out.push('  Outgoing interface list:');
    if (e.outgoing.length === 0) out.push('    Null');
    for (const o of e.outgoing)
      out.push(`    ${o.interface}, ${o.nextHop !== null ? `${o.nextHop}, ` : ''}${o.state}/Sparse`);
  }
  return out;
}

/** `show ip igmp groups`. */
export function igmpGroupsJson(config: RouterConfig, frr: FrrShowData | undefined): IgmpGroupsJson {
  const groups: IgmpGroupsJson['groups'] = [];
  for (const [dev, x] of Object.entries((frr?.igmpGroups ?? {}) as Record<string, FrrJson>)) {
    if (typeof x !== 'object' || x === null || !Array.isArray(x.groups)) continue;
    for (const g of x.groups as FrrJson[]) {
      groups.push({
        group: String(g.group ?? ''),
        interface: iosName(config, dev),
        uptime: String(g.uptime ?? '00:00:00'),
        expires: typeof g.timer === 'string' ? g.timer : null,
        version: typeof g.version === 'number' ? g.version : null,
      });
    }
  }
  return { groups };
}

export function igmpGroupsText(j: IgmpGroupsJson): string[] {
  const out = [
    'IGMP Connected Group Membership',
    'Group Address    Interface                Uptime    Expires   Last Reporter   Group Accounted',
  ];
  for (const g of j.groups)
    out.push(
      `${g.group.padEnd(16)} ${g.interface.padEnd(24)} ${g.uptime.padEnd(9)} ${(g.expires ?? 'stopped').padEnd(9)} ${'-'.padEnd(15)}`,
    );
  return out;
}
