/**
 * The engine's state for show commands, as plain JSON: neighbors, topology, interfaces, traffic.
 * The IOS text of `show ip eigrp ...` is rendered from this (./show/), so text and JSON cannot drift.
 */
import type { Outbox } from './advertise.js';
import { speaks } from './config.js';
import type { Ctx } from './context.js';
import type { DropReason, PacketKind } from './counters.js';
import { INFINITY } from './metric.js';
import type { Topology } from './topology.js';

export interface NeighborView {
  handle: number;
  address: string;
  interface: string;
  /** Seconds left on the hold timer. */
  hold: number;
  /** Seconds since the neighbor came up. */
  uptime: number;
  srtt: number;
  rto: number;
  queueCount: number;
  /** Last sequence number received. */
  sequence: number;
  up: boolean;
  stub?: string[];
  version?: string;
}

export interface PathView {
  /** Neighbor address, or 'Connected' / 'Summary' / 'Rstatic' / 'Rconnected' for our own origins. */
  via: string;
  interface: string;
  /** Our distance through it, and its reported distance (0 for our own origins). */
  distance: number;
  reported: number;
  successor: boolean;
  feasible: boolean;
  /** The route's next hop when it is not `via` (third-party next hop, no next-hop-self). */
  nextHop?: string;
  external: boolean;
}

export interface TopologyView {
  prefix: string;
  prefixLength: number;
  state: 'P' | 'A';
  successors: number;
  /** Feasible distance; null when inaccessible. */
  fd: number | null;
  /** While active: neighbors that still owe a Reply, seconds active, and who made it active. */
  replyStatus: string[];
  activeSeconds?: number;
  queryOrigin?: 'Local origin' | 'Successor Origin' | 'Multiple Origins';
  paths: PathView[];
}

export interface InterfaceView {
  interface: string;
  peers: number;
  xmitUnreliable: number;
  xmitReliable: number;
  /** Packets waiting in the peers' own queues (IOS "PeerQ Un/Reliable"). */
  peerQueueUnreliable: number;
  peerQueueReliable: number;
  meanSrtt: number;
  pacingUnreliable: number;
  pacingReliable: number;
  multicastFlowTimer: number;
  pendingRoutes: number;
  helloInterval: number;
  holdTime: number;
  splitHorizon: boolean;
  nextHopSelf: boolean;
  authentication?: 'md5' | 'hmac-sha-256';
  bandwidth: number;
  delayUs: number;
}

export interface TrafficView {
  sent: Record<PacketKind, number>;
  received: Record<PacketKind, number>;
  drops: Record<DropReason, number>;
  retransmissions: number;
  siaActive: number;
}

export interface EigrpSnapshot {
  as: number;
  routerId: string;
  stub: boolean;
  neighbors: NeighborView[];
  topology: TopologyView[];
  interfaces: InterfaceView[];
  traffic: TrafficView;
}

/** IOS pacing: a 1500-byte packet at half the interface bandwidth, in ms (we do not pace; shown as IOS would). */
function pacing(kbit: number): number {
  return Math.min(10_000, Math.round((1500 * 8) / (kbit / 2) / 8)) || 0;
}

export function buildSnapshot(ctx: Ctx, topo: Topology, outbox: Outbox): EigrpSnapshot {
  const now = ctx.now;
  const nbrs = [...ctx.neighbors.values()].sort((a, b) => a.handle - b.handle);
  const neighbors = nbrs.map(
    (n): NeighborView => ({
      handle: n.handle,
      address: n.address,
      interface: n.iface,
      hold: Math.max(0, Math.floor(((ctx.timers.when('hold', n.key) ?? now) - now) / 1000)),
      uptime: Math.floor((now - n.upSince) / 1000),
      srtt: Math.round(n.srtt),
      rto: n.rto,
      queueCount: n.queue.length,
      sequence: n.lastSequence,
      up: n.up,
      stub: n.stub
        ? Object.entries(n.stub)
            .filter(([, v]) => v)
            .map(([k]) => k)
        : undefined,
      version: n.version,
    }),
  );
  const topology: TopologyView[] = [];
  const entries = [...topo.entries.values()].sort(
    (a, b) => cmpAddr(a.prefix, b.prefix) || a.prefixLength - b.prefixLength,
  );
  for (const e of entries) {
    if (e.metric === undefined && e.state === 'passive' && e.paths.size === 0) continue;
    const paths: PathView[] = [];
    const l = e.local;
    if (l) {
      const via =
        l.kind === 'connected'
          ? 'Connected'
          : l.kind === 'summary'
            ? 'Summary'
            : l.external?.protocol === 3
              ? 'Rstatic'
              : 'Rconnected';
      const iface = l.kind === 'summary' ? 'Null0' : (l.iface ?? 'Null0');
      paths.push({
        via,
        interface: iface,
        distance: l.distance,
        reported: 0,
        successor: true,
        feasible: true,
        external: !!l.external,
      });
    }
    const sorted = [...e.paths.values()].sort((a, b) => a.distance - b.distance || cmpAddr(a.from, b.from));
    for (const p of sorted) {
      const successor = !l && e.successors.includes(p.key);
      paths.push({
        via: p.from,
        interface: p.iface,
        distance: p.distance,
        reported: p.rd,
        successor,
        feasible: successor || p.rd < e.fd,
        nextHop: p.nextHop !== p.from ? p.nextHop : undefined,
        external: !!p.external,
      });
    }
    topology.push({
      prefix: e.prefix,
      prefixLength: e.prefixLength,
      state: e.state === 'active' ? 'A' : 'P',
      successors: l ? 1 : e.successors.filter((k) => e.paths.has(k)).length,
      fd: e.fd === INFINITY ? null : e.fd,
      replyStatus: [...e.replyStatus].map((k) => k.split(' ')[1]),
      ...(e.state === 'active'
        ? {
            activeSeconds: Math.floor((now - e.activeSince) / 1000),
            queryOrigin:
              e.queryOrigins.size === 0
                ? 'Local origin'
                : e.queryOrigins.size === 1
                  ? 'Successor Origin'
                  : 'Multiple Origins',
          }
        : {}),
      paths,
    });
  }
  const interfaces = ctx.cfg.interfaces.filter(speaks).map((i): InterfaceView => {
    const peers = nbrs.filter((n) => n.iface === i.name);
    const srtts = peers.map((n) => n.srtt);
    const meanSrtt = srtts.length ? Math.round(srtts.reduce((s, x) => s + x, 0) / srtts.length) : 0;
    const a = i.authentication;
    return {
      interface: i.name,
      peers: peers.length,
      xmitUnreliable: 0,
      xmitReliable: 0,
      peerQueueUnreliable: 0,
      peerQueueReliable: peers.reduce((s, n) => s + n.queue.length, 0),
      meanSrtt,
      pacingUnreliable: 0,
      pacingReliable: pacing(i.bandwidth),
      multicastFlowTimer: peers.length ? Math.max(50, 6 * meanSrtt) : 0,
      pendingRoutes: 0,
      helloInterval: i.helloInterval,
      holdTime: i.holdTime,
      splitHorizon: i.splitHorizon,
      nextHopSelf: i.nextHopSelf,
      authentication: a ? (a.mode === 'md5' ? 'md5' : 'hmac-sha-256') : undefined,
      bandwidth: i.bandwidth,
      delayUs: i.delayUs,
    };
  });
  void outbox;
  const c = ctx.counters;
  return {
    as: ctx.cfg.as,
    routerId: ctx.cfg.routerId,
    stub: ctx.cfg.stub !== undefined,
    neighbors,
    topology,
    interfaces,
    traffic: {
      sent: { ...c.sent },
      received: { ...c.received },
      drops: { ...c.drops },
      retransmissions: c.retransmissions,
      siaActive: c.siaActive,
    },
  };
}

function cmpAddr(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
