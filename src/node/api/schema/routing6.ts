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
