/**
 * The show commands' JSON forms, the router's public contract: every `show … json` command and the
 * zod schema of its answer. The TypeScript types (`*Json`) are inferred from these schemas, the
 * reference docs/show-json.md is generated from them (scripts/show-json-doc.ts), and a test checks
 * the answers of a running router against them.
 */
import type { z } from 'zod/v4';
import { ipv6ProtocolsSchema, ospf6NeighborSchema, ripngDatabaseSchema } from './schema/routing6.js';
import {
  cryptoMapSchema,
  cryptoSessionSchema,
  cryptoSocketSchema,
  ikev2SaListSchema,
  ipsecSaSchema,
  isakmpSaListSchema,
} from './schema/crypto.js';
import { dmvpnDetailSchema, dmvpnSchema } from './schema/dmvpn.js';
import {
  eigrpInterfacesSchema,
  eigrpNeighborsSchema,
  eigrpTopologySchema,
  eigrpTrafficSchema,
} from './schema/eigrp.js';
import { interfaceBriefSchema, interfacesSchema, versionSchema } from './schema/interfaces.js';
import { igmpGroupsSchema, mrouteSchema, pimInterfaceSchema, pimNeighborSchema } from './schema/multicast.js';
import { nhrpSchema, nhrpTrafficSchema, nhsListSchema } from './schema/nhrp.js';
import { nhrpGroupMapSchema, policyMapMultipointSchema } from './schema/qos.js';
import { routeEntrySchema, routeTableSchema } from './schema/route.js';
import {
  bgpSummarySchema,
  bgpTableSchema,
  ospfInterfaceSchema,
  ospfNeighborSchema,
  protocolsSchema,
  ripDatabaseSchema,
} from './schema/routing.js';
import {
  clockSchema,
  loggingSchema,
  nhrpBriefSchema,
  nhrpMulticastSchema,
  nhrpSummarySchema,
} from './schema/system.js';
import { interfaceConfigSchema, runningConfigSchema } from './schema/running-config.js';
import { ipv6BriefSchema, ipv6InterfaceSchema, ipv6RouteTableSchema } from './schema/ipv6.js';

/** One show command with a JSON form. */
export interface ShowJsonCommand {
  /** The command as typed, without `json` (optional words in brackets). */
  command: string;
  /** What it tells. */
  summary: string;
  schema: z.ZodType;
}

/** Every show command's JSON form, in the order the reference lists them. */
export const SHOW_JSON: readonly ShowJsonCommand[] = [
  {
    command: 'show dmvpn',
    summary: 'DMVPN peers of each tunnel with NHRP, grouped by NBMA address.',
    schema: dmvpnSchema,
  },
  {
    command: 'show dmvpn detail',
    summary: 'Per tunnel its state, NHSs and peers with their target networks.',
    schema: dmvpnDetailSchema,
  },
  { command: 'show ip nhrp [detail]', summary: 'The NHRP cache of each tunnel.', schema: nhrpSchema },
  {
    command: 'show ip nhrp nhs [detail]',
    summary: 'The Next Hop Servers of each tunnel and their registration counters.',
    schema: nhsListSchema,
  },
  {
    command: 'show ip nhrp traffic',
    summary: 'NHRP packets sent and received per type, and drops by reason.',
    schema: nhrpTrafficSchema,
  },
  {
    command: 'show ip nhrp brief',
    summary: 'One line per NHRP cache entry (IOS brief layout).',
    schema: nhrpBriefSchema,
  },
  { command: 'show ip nhrp summary', summary: 'NHRP cache entries counted by type.', schema: nhrpSummarySchema },
  {
    command: 'show ip nhrp group-map',
    summary: 'Each NHRP group of a hub tunnel, its QoS policy and the spokes registered with it.',
    schema: nhrpGroupMapSchema,
  },
  {
    command: 'show policy-map multipoint [NAME]',
    summary:
      'Per-spoke QoS: each spoke shaper with its shape rate, queue and class counters (NAME [A.B.C.D]: one tunnel, one NBMA).',
    schema: policyMapMultipointSchema,
  },
  {
    command: 'show ip nhrp multicast',
    summary: 'The NBMA addresses each tunnel replicates multicast to (static, NHS, registered peers).',
    schema: nhrpMulticastSchema,
  },
  {
    command: 'show ip route [WORD]',
    summary: 'The routing table; WORD (static, nhrp, …): one route kind.',
    schema: routeTableSchema,
  },
  {
    command: 'show ip route A.B.C.D [M.M.M.M]',
    summary: 'The routing entry of the longest match (with a mask: that prefix).',
    schema: routeEntrySchema,
  },
  {
    command: 'show ipv6 ospf neighbor',
    summary: 'OSPFv3 neighbors (from ospf6d).',
    schema: ospf6NeighborSchema,
  },
  {
    command: 'show ip eigrp neighbors [detail]',
    summary: 'EIGRP neighbors (adjacencies).',
    schema: eigrpNeighborsSchema,
  },
  {
    command: 'show ip eigrp topology [all-links]',
    summary: 'The EIGRP topology table: per prefix its state, feasible distance and paths.',
    schema: eigrpTopologySchema,
  },
  {
    command: 'show ip eigrp interfaces [detail]',
    summary: 'The interfaces EIGRP runs on, with peers and timers.',
    schema: eigrpInterfacesSchema,
  },
  {
    command: 'show ip eigrp traffic',
    summary: 'EIGRP packets sent and received per type, drops.',
    schema: eigrpTrafficSchema,
  },
  {
    command: 'show ipv6 eigrp neighbors [detail]',
    summary: 'EIGRP for IPv6 neighbors (link-local addresses).',
    schema: eigrpNeighborsSchema,
  },
  {
    command: 'show ipv6 eigrp topology [all-links]',
    summary: 'The EIGRP for IPv6 topology table.',
    schema: eigrpTopologySchema,
  },
  {
    command: 'show ipv6 eigrp interfaces [detail]',
    summary: 'The interfaces EIGRP for IPv6 runs on.',
    schema: eigrpInterfacesSchema,
  },
  {
    command: 'show ipv6 eigrp traffic',
    summary: 'EIGRP for IPv6 packets sent and received per type, drops.',
    schema: eigrpTrafficSchema,
  },
  {
    command: 'show ip protocols',
    summary: 'Every routing process (EIGRP, and OSPF, BGP, RIP run by FRR) and its parameters.',
    schema: protocolsSchema,
  },
  {
    command: 'show interfaces [NAME]',
    summary: 'Every interface (or the one named) with, for tunnels, the data-plane counters.',
    schema: interfacesSchema,
  },
  { command: 'show ip interface brief', summary: 'One line per interface.', schema: interfaceBriefSchema },
  { command: 'show crypto ikev2 sa', summary: 'IKEv2 SAs of the protected tunnels.', schema: ikev2SaListSchema },
  {
    command: 'show crypto isakmp sa [detail]',
    summary: 'ISAKMP (IKEv1) SAs of the protected tunnels, with refusal counters.',
    schema: isakmpSaListSchema,
  },
  {
    command: 'show crypto ipsec sa',
    summary: 'ESP SAs of the protected tunnels per peer, with packet counters.',
    schema: ipsecSaSchema,
  },
  {
    command: 'show crypto session [detail]',
    summary: 'One crypto session per peer of the protected tunnels, with its IKE SAs and packet counters.',
    schema: cryptoSessionSchema,
  },
  {
    command: 'show crypto socket',
    summary: 'One crypto socket per peer of the protected tunnels, and the sockets listening.',
    schema: cryptoSocketSchema,
  },
  {
    command: 'show crypto map',
    summary: 'The crypto map of each protected tunnel (TunnelN-head-0) and its profile instance per peer.',
    schema: cryptoMapSchema,
  },
  { command: 'show ip ospf neighbor', summary: 'OSPF neighbors (from ospfd).', schema: ospfNeighborSchema },
  { command: 'show ip ospf interface', summary: 'OSPF interfaces (from ospfd).', schema: ospfInterfaceSchema },
  { command: 'show ip ospf interface brief', summary: 'OSPF interfaces, one line each.', schema: ospfInterfaceSchema },
  { command: 'show ip bgp summary', summary: 'BGP neighbors and their state (from bgpd).', schema: bgpSummarySchema },
  { command: 'show ip bgp', summary: 'The BGP table (from bgpd).', schema: bgpTableSchema },
  {
    command: 'show bgp ipv6 unicast summary',
    summary: 'BGP IPv6 unicast neighbors and their state (from bgpd).',
    schema: bgpSummarySchema,
  },
  { command: 'show bgp ipv6 unicast', summary: 'The BGP IPv6 unicast table (from bgpd).', schema: bgpTableSchema },
  { command: 'show ip rip database', summary: 'RIP routes (from zebra).', schema: ripDatabaseSchema },
  { command: 'show ip pim neighbor', summary: 'PIM neighbors (from pimd).', schema: pimNeighborSchema },
  { command: 'show ip pim interface', summary: 'PIM interfaces (from pimd).', schema: pimInterfaceSchema },
  {
    command: 'show ip mroute',
    summary: 'The multicast routing table (pimd, and the nbma-mode joins of the data plane).',
    schema: mrouteSchema,
  },
  { command: 'show ip mroute A.B.C.D', summary: 'The multicast routing entries of one group.', schema: mrouteSchema },
  {
    command: 'show ip igmp groups',
    summary: 'Groups with receivers, per interface (from pimd).',
    schema: igmpGroupsSchema,
  },
  { command: 'show logging', summary: 'The log buffer and its counters.', schema: loggingSchema },
  { command: 'show clock', summary: "The router's time.", schema: clockSchema },
  { command: 'show version', summary: 'What runs and since when.', schema: versionSchema },
  { command: 'show running-config', summary: 'The configuration in force, as data.', schema: runningConfigSchema },
  {
    command: 'show running-config interface NAME',
    summary: 'One interface of the configuration in force.',
    schema: interfaceConfigSchema,
  },
  {
    command: 'show dmvpn ipv6',
    summary: 'DMVPN peers of the IPv6 overlay (the IPv6 NHRP engines).',
    schema: dmvpnSchema,
  },
  { command: 'show ipv6 nhrp [detail]', summary: 'The IPv6 NHRP cache of each tunnel.', schema: nhrpSchema },
  { command: 'show ipv6 nhrp brief', summary: 'One line per IPv6 NHRP cache entry.', schema: nhrpBriefSchema },
  {
    command: 'show ipv6 protocols',
    summary: 'The IPv6 routing processes (EIGRP for IPv6, and OSPFv3, RIPng, BGP IPv6 from the config, run by FRR).',
    schema: ipv6ProtocolsSchema,
  },
  { command: 'show ipv6 rip database', summary: 'RIPng routes (from zebra).', schema: ripngDatabaseSchema },
  {
    command: 'show ipv6 nhrp nhs [detail]',
    summary: 'The IPv6 Next Hop Servers of each tunnel and their registration counters.',
    schema: nhsListSchema,
  },
  {
    command: 'show ipv6 nhrp traffic',
    summary: 'IPv6 NHRP packets sent and received per type, and drops by reason.',
    schema: nhrpTrafficSchema,
  },
  {
    command: 'show ipv6 route [WORD]',
    summary:
      'The IPv6 routing table (C, L, S, H, and D, EX, O, OI, OE2, B, R from the routing protocols); WORD: one kind.',
    schema: ipv6RouteTableSchema,
  },
  { command: 'show ipv6 interface brief', summary: 'IPv6 addresses of each interface.', schema: ipv6BriefSchema },
  {
    command: 'show ipv6 interface [NAME]',
    summary: 'IPv6 state of each IPv6 interface (or one): addresses, groups, MTU.',
    schema: ipv6InterfaceSchema,
  },
];

const strip = (c: string): string[] => c.split(' ').filter((w) => !/^[[A-Z]/.test(w));

/** The schema of a full command line's JSON answer (`show ip nhrp nhs detail`, `show interfaces Tunnel0`). */
export function schemaFor(command: string): z.ZodType | undefined {
  const words = command
    .trim()
    .split(/\s+/)
    .filter((w) => w !== 'json');
  const fits = (c: ShowJsonCommand): boolean => {
    const pattern = c.command.split(' ');
    const fixed = strip(c.command);
    if (words.length < fixed.length) return false;
    let i = 0;
    for (const p of pattern) {
      const ipv4 = /^\d+\.\d+\.\d+\.\d+$/;
      if (p === '[detail]' || p === '[all-links]') {
        if (words[i] === p.slice(1, -1)) i++;
      } else if (p === '[WORD]') {
        if (i < words.length && !ipv4.test(words[i]!)) i++;
      } else if (p === 'A.B.C.D') {
        if (!ipv4.test(words[i++] ?? '')) return false;
      } else if (p === '[M.M.M.M]') {
        if (ipv4.test(words[i] ?? '')) i++;
      } else if (p === 'NAME' || p === '[NAME]') {
        if (i < words.length) i++;
        else if (p === 'NAME') return false;
      } else if (words[i++] !== p) return false;
    }
    return i === words.length;
  };
  return SHOW_JSON.find(fits)?.schema;
}
