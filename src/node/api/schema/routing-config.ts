/** The routing part of `show running-config json`: `router ospf|bgp|rip` and interface `ip ospf …`. */
import { z } from 'zod/v4';
import { obj } from './common.js';
import { bgpIpv6Schema, ospf6Schema, ripngSchema } from './routing6-config.js';

const int = z.number().int();
const area = z.string().describe('OSPF area as written: a number or A.B.C.D');

const redistributeSchema = obj({
  source: z.enum(['connected', 'static', 'ospf', 'bgp', 'rip']),
  process: int.optional().describe('process id or AS of an ospf / bgp source'),
  subnets: z.boolean(),
  metric: int.optional(),
  routeMap: z.string().optional().describe('redistribute … route-map NAME'),
});

/** Interface `ip ospf …`. */
export const ospfInterfaceSchema = obj({
  network: z.enum(['broadcast', 'point-to-multipoint', 'non-broadcast', 'point-to-point']).optional(),
  priority: int.optional(),
  helloInterval: int.optional().describe('seconds'),
  deadInterval: int.optional().describe('seconds'),
  cost: int.optional(),
  area: obj({ processId: int, area }).optional().describe('ip ospf N area X'),
});

const ospfSchema = obj({
  processId: int,
  routerId: z.string().optional(),
  networks: z.array(obj({ address: z.string(), wildcard: z.string(), area })).describe('network A W area X'),
  passiveDefault: z.boolean(),
  passiveInterfaces: z.array(z.string()),
  activeInterfaces: z.array(z.string()).describe('no passive-interface NAME under passive-interface default'),
  stubAreas: z.array(obj({ area, noSummary: z.boolean() })),
  ranges: z.array(obj({ area, address: z.string(), prefixLength: int })),
  defaultOriginate: obj({ always: z.boolean() }).optional(),
  redistribute: z.array(redistributeSchema),
  summaries: z
    .array(obj({ address: z.string(), prefixLength: int, notAdvertise: z.boolean() }))
    .optional()
    .describe('summary-address A M [not-advertise]'),
  distributeListIn: z.string().optional().describe('distribute-list prefix NAME in'),
});

const peer = {
  remoteAs: int.optional(),
  nextHopSelf: z.boolean(),
  routeReflectorClient: z.boolean(),
  description: z.string().optional(),
  updateSource: z.string().optional(),
  prefixListIn: z.string().optional().describe('neighbor … prefix-list NAME in'),
  prefixListOut: z.string().optional().describe('neighbor … prefix-list NAME out'),
  routeMapIn: z.string().optional().describe('neighbor … route-map NAME in'),
  routeMapOut: z.string().optional().describe('neighbor … route-map NAME out'),
};

const bgpSchema = obj({
  asn: int,
  routerId: z.string().optional(),
  neighbors: z.array(obj({ address: z.string(), peerGroup: z.string().optional(), ...peer })),
  peerGroups: z.array(obj({ name: z.string(), ...peer })),
  listenRanges: z.array(obj({ address: z.string(), prefixLength: int, peerGroup: z.string() })),
  networks: z.array(obj({ address: z.string(), prefixLength: int })),
  aggregates: z
    .array(obj({ address: z.string(), prefixLength: int, summaryOnly: z.boolean(), asSet: z.boolean() }))
    .describe('aggregate-address A M [as-set] [summary-only]'),
  redistribute: z.array(redistributeSchema),
  ipv6: bgpIpv6Schema.optional().describe('address-family ipv6'),
});

const ripSchema = obj({
  version: z.union([z.literal(1), z.literal(2)]).optional(),
  networks: z.array(z.string()).describe('classful network numbers'),
  autoSummary: z.boolean(),
  passiveDefault: z.boolean(),
  passiveInterfaces: z.array(z.string()),
  activeInterfaces: z.array(z.string()),
  defaultOriginate: z.boolean(),
  redistribute: z.array(redistributeSchema),
  distributeLists: z
    .array(obj({ prefixList: z.string(), direction: z.enum(['in', 'out']), interface: z.string().optional() }))
    .optional()
    .describe('distribute-list prefix NAME in|out [IFACE]'),
});

/** One `route-map NAME permit|deny SEQ` entry. */
export const routeMapEntrySchema = obj({
  seq: int,
  action: z.enum(['permit', 'deny']),
  description: z.string().optional(),
  matchPrefixLists: z.array(z.string()).describe('match ip address prefix-list L…'),
  set: obj({
    metric: int.optional(),
    localPreference: int.optional(),
    weight: int.optional(),
    nextHop: z.string().optional().describe('set ip next-hop A'),
  }),
});

/** One `ip prefix-list` entry. */
export const prefixListEntrySchema = obj({
  seq: int,
  action: z.enum(['permit', 'deny']),
  address: z.string(),
  prefixLength: int,
  ge: int.optional(),
  le: int.optional(),
});

/** `router ospf`, `router bgp`, `router rip`, each present when configured. */
export const routingConfigSchema = obj({
  ospf: ospfSchema.optional(),
  bgp: bgpSchema.optional(),
  rip: ripSchema.optional(),
  ospf6: ospf6Schema.optional().describe('ipv6 router ospf N'),
  ripng: ripngSchema.optional().describe('ipv6 router rip NAME'),
});
