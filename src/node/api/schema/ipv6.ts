/**
 * `show ipv6 route json`, `show ipv6 interface [brief] json` (the IPv6 NHRP shows reuse the IPv4 schemas).
 */
import { z } from 'zod/v4';
import { lineProtocol, linkStatus, obj, orNull } from './common.js';

/** One route of `show ipv6 route`. */
export const ipv6RouteSchema = obj({
  network: z.string().describe('prefix/prefixLength'),
  prefix: z.string(),
  prefixLength: z.number().int(),
  code: z
    .string()
    .describe('IOS code: C connected, L local, S static, H NHRP shortcut, O/OI/OE1/OE2 OSPFv3, B BGP, R RIPng'),
  protocol: z.enum(['connected', 'local', 'static', 'nhrp', 'ospf', 'bgp', 'rip', 'eigrp']),
  nextHop: orNull(z.string(), 'gateway; null for connected, local and interface-only routes'),
  interface: orNull(z.string(), 'outgoing interface (IOS name)'),
  distance: z.number().int(),
  metric: z.number().int(),
  ageSec: orNull(z.number(), 'seconds since it was installed, when known (shortcuts)'),
});

/** `show ipv6 route json`. */
export const ipv6RouteTableSchema = obj({
  routes: z.array(ipv6RouteSchema).describe('every IPv6 route, by prefix'),
});

/** `show ipv6 interface brief json`. */
export const ipv6BriefSchema = obj({
  interfaces: z
    .array(
      obj({
        name: z.string(),
        status: linkStatus,
        protocol: lineProtocol,
        linkLocal: orNull(z.string(), 'null: IPv6 is off on the interface'),
        addresses: z.array(z.string()).describe('global addresses, X:X::X/len'),
      }),
    )
    .describe('every interface, in configuration order'),
});

export type Ipv6RouteJson = z.infer<typeof ipv6RouteSchema>;
export type Ipv6RouteTableJson = z.infer<typeof ipv6RouteTableSchema>;
export type Ipv6BriefJson = z.infer<typeof ipv6BriefSchema>;

/** `show ipv6 interface [NAME] json`. */
export const ipv6InterfaceSchema = obj({
  interfaces: z
    .array(
      obj({
        name: z.string(),
        status: linkStatus,
        protocol: lineProtocol,
        linkLocal: orNull(z.string(), 'null: not known yet (the kernel has not set it)'),
        addresses: z
          .array(obj({ address: z.string(), prefixLength: z.number().int(), subnet: z.string() }))
          .describe('global unicast addresses, with their subnet (X:X::/len)'),
        joinedGroups: z.array(z.string()).describe('all-nodes, all-routers (ipv6 unicast-routing), solicited-node'),
        mtu: z.number().int().describe('ipv6 mtu, else the interface IPv4 MTU'),
        mtuConfigured: z.boolean().describe('true when ipv6 mtu is set'),
      }),
    )
    .describe('the interfaces with IPv6 on (or the one named), in configuration order'),
});
export type Ipv6InterfaceJson = z.infer<typeof ipv6InterfaceSchema>;
