/** The NHRP protocol engine (no I/O): see engine.ts for the API. */
export { NhrpEngine, type NhrpEngineDeps } from './engine.js';
export {
  resolveConfig,
  registrationInterval,
  type NhrpEngineConfig,
  type NhrpEngineConfigInput,
  type NhsConfig,
  type StaticMap,
} from './config.js';
export type { Action, CacheEntryView, CacheEntryType, CacheFlag, NhsClientState } from './actions.js';
export type { RouteLookup, RouteResult } from './routes.js';
export type { NhrpSnapshot, CacheEntrySnapshot, NhsSnapshot, PeerSnapshot, ShortcutSnapshot } from './snapshot.js';
export {
  PACKET_TYPE_NAMES,
  NHRP_DROP_REASONS,
  type NhrpDropReason,
  type PacketCounts,
  type PacketTypeName,
} from './counters.js';
