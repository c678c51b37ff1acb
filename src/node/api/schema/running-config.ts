/**
 * `show running-config json` and `show running-config interface NAME json`: the configuration in
 * force as data (what the router parsed from IOS lines), so a reader never parses IOS text again.
 * Addresses are strings; a prefix carries its `family` (4 today).
 */
import { z } from 'zod/v4';
import { obj } from './common.js';
import { multicastConfigSchema, pimInterfaceConfigSchema } from './multicast.js';
import {
  ospfInterfaceSchema,
  prefixListEntrySchema,
  routeMapEntrySchema,
  routingConfigSchema,
} from './routing-config.js';
import { ipv6InterfaceRoutingSchema } from './routing6-config.js';

const family = z.union([z.literal(4), z.literal(6)]).describe('address family');
const int = z.number().int();

/** An address with a prefix length. */
export const ipPrefixSchema = obj({ family, address: z.string(), prefixLength: int });

/** `tunnel …` settings of a Tunnel interface. */
export const tunnelSettingsSchema = obj({
  source: z
    .discriminatedUnion('kind', [
      obj({ kind: z.literal('interface'), name: z.string() }),
      obj({ kind: z.literal('address'), address: z.string() }),
    ])
    .optional()
    .describe('tunnel source: an interface (IOS name) or an address'),
  destination: z.string().optional().describe('tunnel destination (point-to-point)'),
  mode: z
    .enum(['gre-multipoint', 'gre-p2p'])
    .describe('tunnel mode gre multipoint, or gre ip|ipv6 (point-to-point; gre ip is the IOS default)'),
  transport: family.describe('underlay (NBMA) family'),
  key: int.optional().describe('tunnel key'),
  protection: obj({ profile: z.string(), shared: z.boolean(), active: z.boolean() })
    .optional()
    .describe('tunnel protection ipsec profile (IKEv2, ESP transport or tunnel mode)'),
});

/** `ip nhrp …` settings of a Tunnel interface. */
export const nhrpSettingsSchema = obj({
  networkId: int.optional().describe('ip nhrp network-id; NHRP is off until it is set'),
  authentication: z.string().optional(),
  holdtime: int.describe('seconds (IOS default 7200)'),
  maps: z
    .array(
      obj({ protocol: z.string(), nbma: z.string(), prefixLength: int.optional().describe('ipv6 nhrp map X/len') }),
    )
    .describe('ip nhrp map PROTOCOL NBMA'),
  multicastNbma: z.array(z.string()).describe('ip nhrp map multicast NBMA'),
  multicastDynamic: z.boolean().describe('ip nhrp map multicast dynamic'),
  nhs: z
    .array(
      obj({
        address: z.string().describe("NHS tunnel address, or 'dynamic'"),
        nbma: z.string().optional(),
        multicast: z.boolean(),
        priority: int,
        cluster: int,
      }),
    )
    .describe('ip nhrp nhs, in configuration order'),
  clusterMaxConnections: z.array(obj({ cluster: int, maxConnections: int })),
  registrationTimeout: int.optional().describe('seconds between registrations; unset: holdtime/3'),
  registrationNoUnique: z.boolean(),
  redirect: z.boolean().describe('ip nhrp redirect (Phase 3 hub)'),
  redirectTimeout: int.optional(),
  shortcut: z.boolean().describe('ip nhrp shortcut (Phase 3 spoke)'),
  maxSend: obj({ count: int, interval: int }),
  group: z.string().optional().describe('nhrp group'),
  groupPolicies: z
    .array(obj({ group: z.string(), policy: z.string() }))
    .optional()
    .describe('nhrp map group G service-policy output P (hub)'),
});

/** Per-interface EIGRP settings (`ip … eigrp AS` or an af-interface block). */
const eigrpIfSchema = obj({
  enabled: z.boolean().optional().describe('ipv6 eigrp AS: EIGRP for IPv6 runs on the interface'),
  splitHorizon: z.boolean().optional(),
  nextHopSelf: z.boolean().optional(),
  noEcmpMode: z.boolean().optional().describe('no next-hop-self no-ecmp-mode (named mode)'),
  addPaths: int.optional().describe('add-paths N (named mode, 1-4)'),
  summaries: z.array(obj({ prefix: z.string(), prefixLength: int })).optional(),
  helloInterval: int.optional(),
  holdTime: int.optional(),
  authMode: z.enum(['md5', 'hmac-sha-256']).optional(),
  authKey: z.string().optional(),
  keyChain: z.string().optional(),
  passive: z.boolean().optional(),
});

const eigrpMetricSchema = obj({ bandwidth: int, delay: int, reliability: int, load: int, mtu: int });

/** One `router eigrp` process. */
export const eigrpProcessSchema = obj({
  name: z.string().optional().describe('named mode: the process name'),
  as: int.describe('autonomous system'),
  routerId: z.string().optional(),
  networks: z.array(obj({ address: z.string(), wildcard: z.string().optional() })),
  autoSummary: z.boolean(),
  stub: obj({
    connected: z.boolean(),
    summary: z.boolean(),
    static: z.boolean(),
    redistributed: z.boolean(),
    receiveOnly: z.boolean(),
  }).optional(),
  passiveDefault: z.boolean(),
  passiveInterfaces: z.array(z.string()),
  activeInterfaces: z.array(z.string()).describe('no passive-interface X under passive-interface default'),
  redistribute: obj({
    static: obj({ metric: eigrpMetricSchema.optional() }).optional(),
    connected: obj({ metric: eigrpMetricSchema.optional() }).optional(),
  }),
  variance: int.optional(),
  maximumPaths: int.optional(),
  shutdown: z.boolean(),
  afInterfaces: z.record(z.string(), eigrpIfSchema).describe('named mode af-interface blocks'),
});

/** One interface. */
export const interfaceConfigSchema = obj({
  name: z.string().describe('canonical IOS name, e.g. GigabitEthernet0/1, Tunnel0'),
  kind: z.enum(['ethernet', 'loopback', 'tunnel']),
  linuxName: z.string().describe('the device in the node: ethN, lo, tunN'),
  description: z.string().optional(),
  addresses: z.array(ipPrefixSchema.extend({ secondary: z.boolean() })).describe('ip address lines, primary first'),
  shutdown: z.boolean().describe('administratively down'),
  mtu: int.optional().describe('ip mtu'),
  servicePolicyOutput: z.string().optional().describe('service-policy output P'),
  adjustMss: int.optional().describe('ip tcp adjust-mss'),
  tunnel: tunnelSettingsSchema.optional().describe('Tunnel interfaces only'),
  nhrp: nhrpSettingsSchema.optional().describe('Tunnel interfaces only'),
  bandwidth: int.optional().describe('bandwidth (kbit/s)'),
  delay: int.optional().describe('delay (tens of microseconds)'),
  eigrp: z.record(z.string(), eigrpIfSchema).optional().describe('ip … eigrp AS settings, keyed by AS'),
  eigrp6: z.record(z.string(), eigrpIfSchema).optional().describe('ipv6 … eigrp AS settings, keyed by AS'),
  ospf: ospfInterfaceSchema.optional().describe('ip ospf …'),
  splitHorizon: z.literal(false).optional().describe('no ip split-horizon (RIP); absent: on'),
  ripSummaries: z
    .array(obj({ address: z.string(), prefixLength: int }))
    .optional()
    .describe('ip summary-address rip A M'),
  ipv6: obj({
    addresses: z.array(obj({ address: z.string(), prefixLength: int })).describe('ipv6 address X/len (canonical text)'),
    linkLocal: z.string().optional().describe('ipv6 address FE80::… link-local'),
    enabled: z.boolean().describe('ipv6 enable'),
    mtu: int.optional().describe('ipv6 mtu (Tunnel interfaces)'),
  })
    .optional()
    .describe('ipv6 address lines; absent: none'),
  nhrp6: nhrpSettingsSchema.optional().describe('ipv6 nhrp settings (Tunnel interfaces; IPv6 protocol addresses)'),
  ipv6Routing: ipv6InterfaceRoutingSchema.optional().describe('ipv6 ospf …, ipv6 rip NAME …'),
  pim: pimInterfaceConfigSchema.optional().describe('ip pim … / ip igmp …'),
});

/** One `ip route`. */
export const staticRouteSchema = obj({
  prefix: ipPrefixSchema,
  nextHop: z.string().optional(),
  interface: z.string().optional().describe('canonical IOS name; Null0 is a discard route'),
  distance: int.describe('administrative distance (IOS default 1)'),
  name: z.string().optional(),
  tag: int.optional(),
  permanent: z.boolean(),
  track: int.optional().describe('recorded only'),
});

const str = z.string();
const opt = z.string().optional();
const optInt = int.optional();

const cryptoSchema = obj({
  isakmpPolicies: z.array(
    obj({ priority: int, encryption: opt, hash: opt, authentication: opt, group: optInt, lifetime: optInt }),
  ),
  isakmpKeys: z.array(obj({ key: str, address: str, mask: opt })),
  transformSets: z.array(obj({ name: str, transforms: z.array(str), mode: z.enum(['tunnel', 'transport']) })),
  ipsecProfiles: z.array(
    obj({ name: str, transformSets: z.array(str), ikev2Profile: opt, pfs: opt, lifetimeSeconds: optInt }),
  ),
  ikev2Proposals: z.array(
    obj({
      name: str,
      encryption: z.array(str),
      integrity: z.array(str),
      group: z.array(int),
      prf: z.array(str).optional(),
    }),
  ),
  ikev2Policies: z.array(obj({ name: str, proposals: z.array(str) })),
  ikev2Keyrings: z.array(
    obj({ name: str, peers: z.array(obj({ name: str, address: opt, mask: opt, preSharedKey: opt })) }),
  ),
  ikev2Profiles: z.array(
    obj({
      name: str,
      matchRemoteAddresses: z.array(str),
      authenticationLocal: opt,
      authenticationRemote: opt,
      keyring: opt,
      dpd: obj({ interval: int, retry: int }).optional(),
      lifetime: optInt,
    }),
  ),
  isakmpKeepalive: obj({ interval: int, retry: int, mode: z.enum(['periodic', 'on-demand']).optional() }).optional(),
  isakmpNatKeepalive: optInt,
  isakmpAggressiveDisable: z.boolean().optional(),
});

const qosRate = z.union([obj({ kbps: int }), obj({ percent: int })]);
const qosMatchSchema = z.union([
  obj({ kind: z.literal('dscp'), values: z.array(int) }),
  obj({ kind: z.literal('precedence'), values: z.array(int) }),
  obj({ kind: z.literal('protocol'), protocol: z.enum(['rtp', 'icmp', 'tcp', 'udp']) }),
  obj({ kind: z.literal('any') }),
]);

/** class-map and policy-map blocks. */
export const qosConfigSchema = obj({
  classMaps: z.record(z.string(), obj({ name: z.string(), matchAll: z.boolean(), matches: z.array(qosMatchSchema) })),
  policyMaps: z.record(
    z.string(),
    obj({
      name: z.string(),
      classes: z.array(
        obj({
          name: z.string(),
          shape: obj({ averageBps: z.number(), burstBits: int.optional() }).optional(),
          priority: z.union([qosRate, obj({ all: z.literal(true) })]).optional(),
          bandwidth: z.union([qosRate, obj({ remainingPercent: int })]).optional(),
          police: obj({ cirBps: z.number(), burstBytes: int.optional() }).optional(),
          queueLimit: int.optional(),
          child: z.string().optional().describe('service-policy CHILD under the class'),
        }),
      ),
    }),
  ),
});

/** The JSON form of `show running-config`. */
export const runningConfigSchema = obj({
  hostname: z.string(),
  interfaces: z
    .record(z.string(), interfaceConfigSchema)
    .describe('keyed by canonical IOS name, in configuration order'),
  routes: z.array(staticRouteSchema).describe('ip route lines'),
  crypto: cryptoSchema.describe(
    'crypto ikev2 / ipsec blocks (in force with tunnel protection) and isakmp (recorded, IKEv1 not run)',
  ),
  eigrp: z.array(eigrpProcessSchema).optional().describe('router eigrp processes'),
  eigrp6: z.array(eigrpProcessSchema).optional().describe('ipv6 router eigrp and named address-family ipv6 processes'),
  keyChains: z
    .array(obj({ name: z.string(), keys: z.array(obj({ id: int, keyString: z.string().optional() })) }))
    .optional()
    .describe('key chain blocks'),
  routing: routingConfigSchema.optional().describe('router ospf / bgp / rip processes'),
  prefixLists: z
    .record(z.string(), z.array(prefixListEntrySchema))
    .optional()
    .describe('ip prefix-list entries by list name, in sequence order'),
  routeMaps: z
    .record(z.string(), z.array(routeMapEntrySchema))
    .optional()
    .describe('route-map entries by map name, in sequence order'),
  multicast: multicastConfigSchema.optional().describe('ip multicast-routing, ip pim rp-address, ip pim spt-threshold'),
  qos: qosConfigSchema.optional().describe('class-map and policy-map blocks'),
  ipv6: obj({
    unicastRouting: z.boolean().describe('ipv6 unicast-routing'),
    routes: z.array(staticRouteSchema).describe('ipv6 route lines (prefix family 6)'),
  })
    .optional()
    .describe('global IPv6 settings; absent: none'),
  lastChange: obj({
    at: z.string().describe('wall clock, ISO 8601 UTC'),
    agoMs: int.describe("milliseconds since, on the router's monotonic clock"),
  })
    .optional()
    .describe('when the configuration last changed (start-up or a configure that changed something), as IOS prints it'),
});

export type IpPrefixJson = z.infer<typeof ipPrefixSchema>;
export type TunnelSettingsJson = z.infer<typeof tunnelSettingsSchema>;
export type NhrpSettingsJson = z.infer<typeof nhrpSettingsSchema>;
export type InterfaceConfigJson = z.infer<typeof interfaceConfigSchema>;
export type StaticRouteJson = z.infer<typeof staticRouteSchema>;
export type RunningConfigJson = z.infer<typeof runningConfigSchema>;
