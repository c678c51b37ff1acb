/** JSON forms of the IPv6 routing show commands: `show ipv6 ospf neighbor`. */
import { z } from 'zod/v4';
import { obj, orNull } from './common.js';

/** `show ipv6 ospf neighbor json`. */
export const ospf6NeighborSchema = obj({
  routerId: orNull(z.string(), 'null when no OSPFv3 process is configured'),
  processId: orNull(z.number().int(), 'null when no OSPFv3 process is configured'),
  neighbors: z.array(
    obj({
      neighborId: z.string(),
      priority: z.number().int(),
      state: z.string().describe('IOS form: FULL/DR, FULL/BDR, FULL/DROTHER, 2WAY/DROTHER, FULL/  - (point-to-point)'),
      deadTimeSec: orNull(z.number(), 'seconds until the neighbor is declared dead'),
      interface: z.string().describe('IOS interface name'),
    }),
  ),
});
export type Ospf6NeighborJson = z.infer<typeof ospf6NeighborSchema>;

/** `show ipv6 protocols json`: the IPv6 routing processes from the config, and whether FRR runs each. */
export const ipv6ProtocolsSchema = obj({
  protocols: z.array(
    obj({
      name: z.string().describe('IOS name: "eigrp 10", "ospf 1", "rip LAB", "bgp 65000"'),
      running: z.boolean().describe('EIGRP: the process runs; others: its FRR daemon (ospf6d, ripngd, bgpd) runs'),
      routerId: orNull(z.string(), 'EIGRP or OSPFv3 router ID; null for RIPng and BGP or when not set'),
      interfaces: z.array(z.string()).describe('IOS names of the interfaces it runs on (OSPFv3: with the area)'),
      passiveInterfaces: z.array(z.string()),
      redistribution: z.array(z.string()).describe('e.g. "connected", "static", "bgp 65000"'),
      neighbors: z
        .array(z.string())
        .describe('EIGRP: the link-local addresses of up neighbors; BGP: the IPv6 neighbors and the listen ranges'),
    }),
  ),
});
export type Ipv6ProtocolsJson = z.infer<typeof ipv6ProtocolsSchema>;

/** `show ipv6 rip database json`: the RIPng routes zebra holds (ripngd's), as IOS lists its local RIB. */
export const ripngDatabaseSchema = obj({
  process: orNull(z.string(), 'the ipv6 router rip NAME; null when RIPng is not configured'),
  routes: z.array(
    obj({
      network: z.string().describe('prefix/length'),
      metric: z.number().int().describe('hop count'),
      nextHop: orNull(z.string(), 'the neighbor (a link-local address); null when none is given'),
      interface: orNull(z.string(), 'IOS interface name'),
      installed: z.boolean().describe('selected for the IPv6 routing table'),
    }),
  ),
});
export type RipngDatabaseJson = z.infer<typeof ripngDatabaseSchema>;
