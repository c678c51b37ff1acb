/** The routing protocol show commands (OSPF, BGP, RIP run by FRR daemons), IOS names for IOS columns. */
import { z } from 'zod/v4';
import { eigrpProtocolSchema } from './eigrp.js';
import { obj, orNull } from './common.js';

const int = z.number().int();

/** One FRR-run process (OSPF, BGP, RIP) in `show ip protocols`. */
export const frrProtocolSchema = obj({
  name: z.string().describe('IOS heading: "ospf 1", "bgp 65000", "rip"'),
  running: z.boolean().describe('its FRR daemon runs'),
  routerId: orNull(z.string(), 'router id when configured'),
  networks: z.array(z.string()).describe('routing for networks, as configured'),
  passiveInterfaces: z.array(z.string()),
  neighbors: z.array(z.string()).describe('BGP neighbors and listen ranges'),
  distance: z.string().describe('administrative distance(s), IOS style'),
});

/** The JSON form of `show ip protocols`: every routing process, EIGRP (ours) and FRR's. */
export const protocolsSchema = obj({
  protocols: z.array(z.union([eigrpProtocolSchema, frrProtocolSchema])),
});

/** `show ip ospf neighbor json`. */
export const ospfNeighborSchema = obj({
  neighbors: z.array(
    obj({
      neighborId: z.string(),
      priority: int,
      state: z.string().describe('IOS form: FULL/DR, FULL/  -, 2WAY/DROTHER …'),
      deadTimeSec: orNull(z.number(), 'seconds until the neighbor is declared dead'),
      address: z.string(),
      interface: z.string().describe('IOS interface name'),
    }),
  ),
});

/** `show ip ospf interface [brief] json`. */
export const ospfInterfaceSchema = obj({
  interfaces: z.array(
    obj({
      name: z.string().describe('IOS interface name'),
      processId: int,
      area: z.string(),
      address: z.string().describe('prefix/length'),
      cost: int,
      state: z.string().describe('DR, BDR, DROTHER, P2P, P2MP, WAIT, DOWN, LOOP'),
      networkType: z.string().describe('BROADCAST, POINT_TO_MULTIPOINT, NON_BROADCAST, POINT_TO_POINT, LOOPBACK'),
      priority: orNull(int, 'null when not known'),
      helloIntervalSec: orNull(z.number(), 'null when not known'),
      deadIntervalSec: orNull(z.number(), 'null when not known'),
      neighbors: int.describe('Nbrs F/C: all'),
      adjacent: int.describe('Nbrs F/C: full'),
    }),
  ),
});

/** `show ip bgp summary json`. */
export const bgpSummarySchema = obj({
  routerId: orNull(z.string(), 'null when BGP is not running'),
  asn: orNull(int, 'null when BGP is not running'),
  peers: z.array(
    obj({
      neighbor: z.string(),
      remoteAs: int,
      dynamic: z.boolean().describe('accepted through bgp listen range'),
      upDown: orNull(z.string(), 'time in the state, IOS style'),
      state: z.string().describe('Established, Active, Idle, Connect …'),
      prefixesReceived: orNull(int, 'null unless Established'),
    }),
  ),
});

/** `show ip bgp json`. */
export const bgpTableSchema = obj({
  routerId: orNull(z.string(), 'null when BGP is not running'),
  routes: z.array(
    obj({
      network: z.string().describe('prefix/length'),
      nextHop: z.string(),
      metric: orNull(int, 'MED'),
      localPref: orNull(int, 'null when not set'),
      weight: int,
      path: z.string().describe('AS path ("" for local or iBGP)'),
      origin: z.enum(['i', 'e', '?']),
      best: z.boolean(),
      valid: z.boolean(),
      internal: z.boolean().describe('learned by iBGP'),
      suppressed: z.boolean().describe('a part of an aggregate-address summary-only (s)'),
    }),
  ),
});

/** `show ip rip database json`. */
export const ripDatabaseSchema = obj({
  routes: z.array(
    obj({
      network: z.string().describe('prefix/length'),
      nextHop: orNull(z.string(), 'null for a directly connected network'),
      interface: orNull(z.string(), 'IOS interface name'),
      metric: int.describe('hop count'),
    }),
  ),
});

export type ProtocolsJson = z.infer<typeof protocolsSchema>;
export type FrrProtocolJson = z.infer<typeof frrProtocolSchema>;
export type OspfNeighborJson = z.infer<typeof ospfNeighborSchema>;
export type OspfInterfaceJson = z.infer<typeof ospfInterfaceSchema>;
export type BgpSummaryJson = z.infer<typeof bgpSummarySchema>;
export type BgpTableJson = z.infer<typeof bgpTableSchema>;
export type RipDatabaseJson = z.infer<typeof ripDatabaseSchema>;
