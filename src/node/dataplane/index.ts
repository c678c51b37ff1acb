/** The data plane of dmvpnd: the tunnel as an NBMA link, its seams, counters and fakes. */
export { TunnelDataplane, type DataplaneOptions } from './tunnel.js';
export type { TapPort, NbmaSocket, NhrpHooks, HairpinEvent, TunnelPortConfig } from './ports.js';
export {
  DATAPLANE_DROP_REASONS,
  type DataplaneDropReason,
  type PeerCounters,
  type TunnelStats,
  type TunnelTotals,
} from './counters.js';
export { DataplaneError, type DataplaneErrorCode } from './errors.js';
export { tunnelMac, nbmaMac, formatMac } from './mac.js';
export { FakeTap, FakeNbmaSocket, FakeNbmaNetwork, type SentPacket } from './fakes.js';
