/** The EIGRP protocol engine (RFC 7868): sans-IO, driven by packets, ticks and configuration. */
export { EigrpEngine, type EigrpEngineDeps } from './engine.js';
export { EIGRP_MULTICAST, type Action, type EigrpRoute, type NextHop } from './actions.js';
export { EIGRP_IPV4, EIGRP_IPV6, eigrpFamily, type EigrpFamily, type EigrpFamilyName } from './family.js';
export {
  resolveConfig,
  type EigrpConfig,
  type EigrpConfigInput,
  type EigrpInterface,
  type EigrpInterfaceInput,
  type EigrpAuthConfig,
  type MetricInput,
} from './config.js';
export { composite, linkMetric, scaledBandwidth, scaledDelay, INFINITY, type KValues } from './metric.js';
export type { Received } from './receive.js';
export type { EigrpSnapshot, NeighborView, TopologyView, PathView, InterfaceView, TrafficView } from './snapshot.js';
export { DROP_REASONS, PACKET_KINDS, type DropReason, type PacketKind } from './counters.js';
