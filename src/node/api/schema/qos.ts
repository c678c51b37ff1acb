/** `show policy-map multipoint json` and `show ip nhrp group-map json`: per-spoke QoS on a hub. */
import { z } from 'zod/v4';
import { obj, orNull } from './common.js';

/** One class of a shaper's (child) policy, with its counters. */
export const qosClassSchema = obj({
  name: z.string().describe('class-map name, or class-default'),
  match: z.array(z.string()).describe('its match lines as configured (`any` for class-default)'),
  matchAll: z.boolean().describe('match-all (every match line must hold) or match-any'),
  priority: z.boolean().describe('a priority class (served first, policed to its rate under congestion)'),
  rateBps: z.number().describe('priority rate or bandwidth guarantee, bits/s; 0 when none'),
  packets: z.number().int().describe('packets classified into the class'),
  bytes: z.number().int().describe('their bytes, counted with the outer IPv4 and GRE headers'),
  sentPackets: z.number().int(),
  sentBytes: z.number().int(),
  queueDepth: z.number().int().describe('packets waiting now'),
  queueLimit: z.number().int().describe('queue-limit, packets (IOS default 64)'),
  queueDrops: z.number().int().describe('dropped because the queue was full (tail drop)'),
  policeDrops: z.number().int().describe('dropped by police, or by the priority policer under congestion'),
});

/** The shaper of one spoke (or of the whole tunnel). */
export const qosPeerSchema = obj({
  nbma: orNull(z.string(), "the spoke's NBMA address; null for the tunnel's own service-policy"),
  tunnel: orNull(z.string(), "the spoke's tunnel address; null when not known"),
  group: orNull(z.string(), 'the NHRP group the spoke registered with; null for the tunnel policy'),
  policy: z.string().describe('service-policy output (the parent policy-map)'),
  child: orNull(z.string(), 'the child policy-map under the shape; null when none'),
  parentClass: z.string().describe('the class of the parent policy that shapes (class-default as a rule)'),
  shapeBps: orNull(z.number(), 'shape average rate, bits/s; null when the policy does not shape'),
  burstBytes: z.number().int().describe('committed burst (tokens the shaper may save up), bytes'),
  queueDepth: z.number().int().describe('packets waiting in all classes'),
  delayedPackets: z.number().int().describe('packets that waited for tokens (shaped, not dropped)'),
  sentPackets: z.number().int(),
  sentBytes: z.number().int(),
  classes: z.array(qosClassSchema),
});

/** The JSON form of `show policy-map multipoint [TunnelN [NBMA]]`. */
export const policyMapMultipointSchema = obj({
  interfaces: z.array(obj({ name: z.string().describe('IOS name, e.g. Tunnel0'), peers: z.array(qosPeerSchema) })),
});

/** The JSON form of `show ip nhrp group-map`. */
export const nhrpGroupMapSchema = obj({
  interfaces: z.array(
    obj({
      name: z.string(),
      groups: z.array(
        obj({
          group: z.string().describe('NHRP group name (`nhrp map group G service-policy output P`)'),
          policy: z.string().describe('the policy-map applied to its spokes'),
          endpoints: z
            .array(obj({ nbma: z.string(), tunnel: z.string() }))
            .describe('spokes registered with this group (NBMA order)'),
        }),
      ),
    }),
  ),
});

export type QosClassJson = z.infer<typeof qosClassSchema>;
export type QosPeerJson = z.infer<typeof qosPeerSchema>;
export type PolicyMapMultipointJson = z.infer<typeof policyMapMultipointSchema>;
export type NhrpGroupMapJson = z.infer<typeof nhrpGroupMapSchema>;
