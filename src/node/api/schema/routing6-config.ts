/** The IPv6 routing part of `show running-config json`: `ipv6 router ospf|rip`, BGP ipv6, interface `ipv6 ospf|rip`. */
import { z } from 'zod/v4';
import { obj } from './common.js';

const int = z.number().int();
const area = z.string().describe('OSPF area as written: a number or A.B.C.D');
const prefix = obj({ address: z.string().describe('IPv6 network, canonical'), prefixLength: int });
const redistribute6Schema = obj({
  source: z.enum(['connected', 'static', 'ospf', 'bgp', 'rip']),
  process: int.optional().describe('process id or AS of an ospf / bgp source'),
  subnets: z.boolean().describe('always true (IPv6 has no classful networks)'),
  metric: int.optional(),
  routeMap: z.string().optional(),
});

/** `ipv6 router ospf N` (OSPFv3). */
export const ospf6Schema = obj({
  processId: int,
  routerId: z.string().optional(),
  passiveDefault: z.boolean(),
  passiveInterfaces: z.array(z.string()),
  activeInterfaces: z.array(z.string()),
  ranges: z.array(obj({ area, address: z.string(), prefixLength: int })).describe('area A range X:X::/L'),
  stubAreas: z.array(obj({ area, noSummary: z.boolean() })),
  defaultOriginate: obj({ always: z.boolean() }).optional(),
  redistribute: z.array(redistribute6Schema),
});

/** `ipv6 router rip NAME` (RIPng). */
export const ripngSchema = obj({
  name: z.string(),
  splitHorizon: z.boolean().describe('false: no split-horizon'),
  poisonReverse: z.boolean(),
  defaultOriginate: z.boolean(),
  redistribute: z.array(redistribute6Schema),
});

/** `address-family ipv6` of `router bgp`. */
export const bgpIpv6Schema = obj({
  activated: z.array(z.string()).describe('neighbor X activate (addresses and peer-groups)'),
  nextHopSelf: z.array(z.string()),
  routeReflectorClients: z.array(z.string()),
  networks: z.array(prefix),
  aggregates: z.array(obj({ address: z.string(), prefixLength: int, summaryOnly: z.boolean(), asSet: z.boolean() })),
  redistribute: z.array(redistribute6Schema),
});

/** Interface `ipv6 ospf …` and `ipv6 rip NAME enable|summary-address`. */
export const ipv6InterfaceRoutingSchema = obj({
  ospf: obj({
    area: obj({ processId: int, area }).optional().describe('ipv6 ospf N area A'),
    network: z.enum(['broadcast', 'point-to-multipoint', 'non-broadcast', 'point-to-point']).optional(),
    priority: int.optional(),
    helloInterval: int.optional().describe('seconds'),
    deadInterval: int.optional().describe('seconds'),
    cost: int.optional(),
  }).optional(),
  rip: obj({ name: z.string(), enabled: z.boolean(), summaries: z.array(prefix) }).optional(),
});
