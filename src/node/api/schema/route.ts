/** `show ip route json`: the routing table, in IOS order (by address, then prefix length). */
import { z } from 'zod/v4';
import { obj, orNull } from './common.js';

/** IOS route codes (`show ip route` legend letters); each route source brings its own. */
export const routeCode = z
  .string()
  .describe('IOS code of the route kind: C connected, L local, S static, H NHRP, D EIGRP, O OSPF, B BGP, R RIP, …');

/** One route (one path of a prefix: equal-cost paths are separate routes). */
export const routeSchema = obj({
  network: z.string().describe('prefix/prefixLength'),
  prefix: z.string(),
  prefixLength: z.number().int(),
  code: routeCode,
  protocol: z.string().describe("the route kind's name: connected, local, static, nhrp, eigrp, ospf, bgp, rip, …"),
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

/** One path of `show ip route A.B.C.D` (a Routing Descriptor Block). */
export const routePathSchema = obj({
  nextHop: orNull(z.string(), 'null: directly connected'),
  from: orNull(z.string(), 'the router the route was learned from'),
  interface: orNull(z.string(), 'outgoing interface (IOS name)'),
  ageSec: orNull(z.number(), 'seconds since it was installed, when known'),
  metric: z.number().int(),
});

/** The JSON form of `show ip route A.B.C.D [M.M.M.M]`. */
export const routeEntrySchema = obj({
  query: obj({ address: z.string(), prefixLength: orNull(z.number().int(), 'null: no mask given') }),
  entry: obj({
    network: z.string(),
    prefix: z.string(),
    prefixLength: z.number().int(),
    code: routeCode,
    protocol: z.string(),
    knownVia: z.string().describe('`Known via "…"`: the kind\'s name, connected for local routes'),
    distance: z.number().int(),
    metric: z.number().int(),
    supernet: z.boolean().describe('shorter than its classful network (0.0.0.0/0 too)'),
    candidateDefault: z.boolean(),
    directlyConnected: z.boolean(),
    paths: z.array(routePathSchema),
  })
    .nullable()
    .describe('the longest match (with a mask: that prefix); null: % Network not in table'),
});

export type RouteJson = z.infer<typeof routeSchema>;
export type RoutePathJson = z.infer<typeof routePathSchema>;
export type RouteEntryJson = z.infer<typeof routeEntrySchema>;
export type RouteTableJson = z.infer<typeof routeTableSchema>;
