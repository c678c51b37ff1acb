/**
 * `show ip eigrp neighbors|topology|interfaces|traffic json` and `show ip protocols json`: the EIGRP
 * engine's snapshot (src/eigrp/snapshot.ts) as data. Without a `router eigrp` process `as` is null
 * and the lists are empty.
 */
import { z } from 'zod/v4';
import { DROP_REASONS, PACKET_KINDS } from '../../../eigrp/counters.js';
import { obj, orNull } from './common.js';

const int = z.number().int();
const num = z.number();
const asField = orNull(int, 'autonomous system; null when no router eigrp process runs');
const ridField = orNull(z.string(), 'router ID; null when no router eigrp process runs');

const neighbor = obj({
  handle: int.describe('IOS H column'),
  address: z.string(),
  interface: z.string().describe('IOS interface name'),
  hold: int.describe('seconds left on the hold timer'),
  uptime: int.describe('seconds since the adjacency came up'),
  srtt: num.describe('smooth round-trip time, ms'),
  rto: num.describe('retransmission timeout, ms'),
  queueCount: int,
  sequence: int.describe('last sequence number received'),
  up: z.boolean().describe('adjacency up (init done)'),
  stub: z.array(z.string()).optional().describe('the stub flags it announced'),
  version: z.string().optional(),
});

const path = obj({
  via: z.string().describe("a neighbor's address, or Connected / Summary / Rstatic / Rconnected"),
  interface: z.string(),
  distance: num,
  reported: num,
  successor: z.boolean(),
  feasible: z.boolean(),
  nextHop: z.string().optional().describe('third-party next hop (no next-hop-self)'),
  external: z.boolean(),
});

const topologyEntry = obj({
  prefix: z.string(),
  prefixLength: int,
  state: z.enum(['P', 'A']).describe('passive or active'),
  successors: int,
  fd: orNull(num, 'feasible distance; null when inaccessible'),
  replyStatus: z.array(z.string()),
  activeSeconds: num.optional(),
  queryOrigin: z.enum(['Local origin', 'Successor Origin', 'Multiple Origins']).optional(),
  paths: z.array(path),
});

const iface = obj({
  interface: z.string(),
  peers: int,
  xmitUnreliable: int,
  xmitReliable: int,
  peerQueueUnreliable: int,
  peerQueueReliable: int,
  meanSrtt: num,
  pacingUnreliable: num,
  pacingReliable: num,
  multicastFlowTimer: num,
  pendingRoutes: int,
  helloInterval: num,
  holdTime: num,
  splitHorizon: z.boolean(),
  nextHopSelf: z.boolean(),
  authentication: z.enum(['md5', 'hmac-sha-256']).optional(),
  bandwidth: num.describe('kbit/s'),
  delayUs: num.describe('microseconds'),
});

const counts = <K extends string>(keys: readonly K[]) =>
  obj(Object.fromEntries(keys.map((k) => [k, int])) as Record<K, typeof int>);

export const eigrpNeighborsSchema = obj({ as: asField, routerId: ridField, neighbors: z.array(neighbor) });
export const eigrpTopologySchema = obj({ as: asField, routerId: ridField, topology: z.array(topologyEntry) });
export const eigrpInterfacesSchema = obj({ as: asField, interfaces: z.array(iface) });
export const eigrpTrafficSchema = obj({
  as: asField,
  traffic: orNull(
    obj({
      sent: counts(PACKET_KINDS),
      received: counts(PACKET_KINDS),
      drops: counts(DROP_REASONS),
      retransmissions: int,
      siaActive: int,
    }),
    'null when no router eigrp process runs',
  ),
});

export const ipProtocolsSchema = obj({
  protocols: z.array(
    obj({
      protocol: z.literal('eigrp'),
      as: int,
      routerId: z.string(),
      kValues: z.array(int).describe('K1..K5'),
      variance: int,
      maximumPaths: int,
      stub: z.array(z.string()).optional().describe('eigrp stub flags'),
      networks: z.array(z.string()).describe('network statements, as A.B.C.D[/wildcard]'),
      passiveInterfaces: z.array(z.string()),
      redistribute: z.array(z.string()).describe('static, connected'),
      sources: z.array(obj({ gateway: z.string(), distance: int, uptime: int })).describe('neighbors up'),
    }),
  ),
});

export type EigrpNeighborsJson = z.infer<typeof eigrpNeighborsSchema>;
export type EigrpTopologyJson = z.infer<typeof eigrpTopologySchema>;
export type EigrpInterfacesJson = z.infer<typeof eigrpInterfacesSchema>;
export type EigrpTrafficJson = z.infer<typeof eigrpTrafficSchema>;
export type IpProtocolsJson = z.infer<typeof ipProtocolsSchema>;
