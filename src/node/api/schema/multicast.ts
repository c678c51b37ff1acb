/**
 * Multicast in the router's JSON: the `ip pim` / `ip igmp` / `ip multicast-routing` settings of
 * `show running-config json`, and the PIM and IGMP show commands (from FRR's pimd), IOS names for
 * IOS columns.
 */
import { z } from 'zod/v4';
import { obj, orNull } from './common.js';

const int = z.number().int();

/** Interface `ip pim …` / `ip igmp …` settings. */
export const pimInterfaceConfigSchema = obj({
  mode: z.enum(['sparse-mode', 'dense-mode', 'sparse-dense-mode']).optional().describe('ip pim MODE'),
  nbmaMode: z.boolean().describe('ip pim nbma-mode'),
  drPriority: int.optional().describe('ip pim dr-priority'),
  helloInterval: int.optional().describe('ip pim query-interval (s)'),
  joinGroups: z.array(z.string()).describe('ip igmp join-group'),
  igmpVersion: z
    .union([z.literal(1), z.literal(2), z.literal(3)])
    .optional()
    .describe('ip igmp version'),
});

/** Global multicast settings. */
export const multicastConfigSchema = obj({
  routing: z.boolean().describe('ip multicast-routing'),
  rpAddresses: z
    .array(obj({ address: z.string(), acl: z.string().optional(), override: z.boolean() }))
    .describe('ip pim rp-address A [ACL] [override]'),
  sptInfinity: z.boolean().describe('ip pim spt-threshold infinity'),
});

/** `show ip pim neighbor json`. */
export const pimNeighborSchema = obj({
  neighbors: z.array(
    obj({
      address: z.string().describe('neighbor address'),
      interface: z.string().describe('IOS interface name'),
      uptime: z.string().describe('hh:mm:ss'),
      expires: orNull(z.string(), 'hh:mm:ss until it expires; null when not known'),
      drPriority: orNull(int, 'null when the neighbor sent none'),
      dr: z.boolean().describe('the neighbor is the DR of the interface'),
    }),
  ),
});

/** `show ip pim interface json`. */
export const pimInterfaceSchema = obj({
  interfaces: z.array(
    obj({
      address: z.string().describe("the interface's primary address"),
      interface: z.string().describe('IOS interface name'),
      version: z.string().describe('v2/S (PIMv2, sparse mode), as IOS prints'),
      neighbors: int.describe('PIM neighbors on the interface'),
      helloIntervalSec: orNull(int, 'null when not known'),
      drPriority: orNull(int, 'null when not known'),
      dr: z.string().describe('address of the DR of the interface'),
      nbmaMode: z.boolean().describe('ip pim nbma-mode (dmvpnd replicates per joined NBMA peer)'),
    }),
  ),
});

const mrouteOif = obj({
  interface: z.string().describe('IOS interface name'),
  nextHop: orNull(z.string(), 'ip pim nbma-mode: the tunnel address of the neighbor that joined; null otherwise'),
  state: z.literal('Forward'),
});

/** `show ip mroute [GROUP] json`. */
export const mrouteSchema = obj({
  entries: z.array(
    obj({
      source: z.string().describe('source address, or * for a shared-tree entry'),
      group: z.string(),
      flags: z.string().describe('IOS flags: S sparse, C connected, L local, P pruned, J join SPT, T SPT, F register'),
      rp: orNull(z.string(), 'the RP of the group; null when none is known'),
      incomingInterface: orNull(z.string(), 'IOS interface name; null when none (Null)'),
      rpfNeighbor: orNull(z.string(), 'null when none'),
      outgoing: z.array(mrouteOif),
    }),
  ),
});

/** `show ip igmp groups json`. */
export const igmpGroupsSchema = obj({
  groups: z.array(
    obj({
      group: z.string(),
      interface: z.string().describe('IOS interface name'),
      uptime: z.string().describe('hh:mm:ss'),
      expires: orNull(z.string(), 'hh:mm:ss; null when not known'),
      version: orNull(int, 'IGMP version of the group; null when not known'),
    }),
  ),
});

export type PimNeighborJson = z.infer<typeof pimNeighborSchema>;
export type PimInterfaceJson = z.infer<typeof pimInterfaceSchema>;
export type MrouteJson = z.infer<typeof mrouteSchema>;
export type IgmpGroupsJson = z.infer<typeof igmpGroupsSchema>;
