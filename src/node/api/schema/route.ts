/** `show ip route json`: the routing table, in IOS order (by address, then prefix length). */
import { z } from 'zod/v4';
import { obj, orNull } from './common.js';

/** IOS route codes dmvpnd can have in its table (`show ip route` legend letters). */
export const routeCode = z
  .enum(['C', 'L', 'S', 'H', 'R', 'B', 'D', 'O'])
  .describe('C connected, L local, S static, H NHRP, R RIP, B BGP, D EIGRP, O OSPF');

/** One route (one path of a prefix: equal-cost paths are separate routes). */
export const routeSchema = obj({
  network: z.string().describe('prefix/prefixLength'),
  prefix: z.string(),
  prefixLength: z.number().int(),
  code: routeCode,
  protocol: z.enum(['connected', 'local', 'static', 'nhrp', 'rip', 'bgp', 'eigrp', 'ospf']),
  nextHop: orNull(z.string(), 'gateway; null for connected, local and interface-only routes'),
  interface: orNull(z.string(), 'outgoing interface (IOS name)'),
  distance: orNull(z.number().int(), 'administrative distance; null for connected and local routes'),
  metric: orNull(z.number().int(), 'null for connected and local routes'),
  ageSec: orNull(z.number(), 'seconds since it was installed, when known'),
  candidateDefault: z.boolean().describe('a default route (IOS *)'),
});

/** The JSON form of `show ip route`. */
export const routeTableSchema = obj({
  gatewayOfLastResort: obj({ nextHop: orNull(z.string(), 'null: an interface route'), network: z.string() })
    .nullable()
    .describe("the default route's gateway; null when there is none"),
  routes: z.array(routeSchema),
});

export type RouteJson = z.infer<typeof routeSchema>;
export type RouteTableJson = z.infer<typeof routeTableSchema>;
