/**
 * Plain JSON state of one engine, shaped so that `show dmvpn [detail]`, `show ip nhrp [detail]`,
 * `show ip nhrp nhs [detail]` and `show ip nhrp traffic` can be rendered from it alone.
 * Times are seconds relative to the `now` the snapshot was taken at.
 */
import type { CacheEntryType, CacheFlag, NhsClientState } from './actions.js';
import type { EntryOrigin, NhrpCache } from './cache.js';
import type { NhrpEngineConfig } from './config.js';
import type { NhrpDropReason, PacketCounts } from './counters.js';
import type { Ctx } from './context.js';
import { parseIpv4 } from '../wire/ipv4-addr.js';
import { IPV6 } from '../wire/ip-family.js';
import type { NhsClients } from './nhs.js';

/** One `show ip nhrp` entry. */
export interface CacheEntrySnapshot {
  protocol: string;
  prefixLength: number;
  /** Tunnel next hop ("via"). */
  via: string;
  nbma: string;
  /** The NBMA address the peer claimed when NAT changed it (`show ip nhrp detail` "Claimed NBMA"). */
  claimedNbma?: string;
  type: CacheEntryType;
  flags: CacheFlag[];
  origin: EntryOrigin;
  /** Seconds since created ("created 00:10:12"). */
  ageSec: number;
  /** Seconds left ("expire 01:49:47"); null = never (static). */
  expiresInSec: number | null;
  /** NHRP group of a registration. */
  group?: string;
}

/** One `show ip nhrp nhs detail` line. */
export interface NhsSnapshot {
  protocol: string;
  nbma: string | null;
  state: NhsClientState;
  /** IOS letters: E expecting replies, R responding, W waiting (probed for fallback). */
  flags: string;
  priority: number;
  cluster: number;
  /** In use (registered or registering), as opposed to a standby or a down NHS being probed. */
  active: boolean;
  requestsSent: number;
  requestsFailed: number;
  repliesReceived: number;
  lastReplySecAgo: number | null;
  registrationExpiresInSec: number | null;
  /** Our NBMA address as this NHS saw it, when NAT changed it. */
  natOutside?: string;
  lastErrorCode?: number;
  /** Code of the last Error Indication about our registration (RFC 2332 5.2.7). */
  lastErrorIndication?: number;
}

/** One `show dmvpn` peer (an NBMA address). */
export interface PeerSnapshot {
  nbma: string;
  tunnel: string[];
  /** UP: a live binding (registration, resolution, NHS registered); NHRP: static only or NHS not up. */
  state: 'UP' | 'NHRP';
  /** Seconds since the peer came up (or since its first entry was created). */
  upDownSec: number;
  /** IOS attributes: S static, D dynamic, N NATed, T1 shortcut route installed. */
  attributes: string[];
}

export interface ShortcutSnapshot {
  prefix: string;
  prefixLength: number;
  nextHop: string;
  nbma: string;
  expiresInSec: number | null;
  used: boolean;
}

export interface NhrpSnapshot {
  interface: {
    name: string;
    protocolAddress: string;
    prefixLength: number;
    nbmaAddress: string;
    networkId: number;
    holdtime: number;
    isNhs: boolean;
    redirect: boolean;
    shortcut: boolean;
    shutdown: boolean;
    authentication: boolean;
  };
  cache: CacheEntrySnapshot[];
  nhs: NhsSnapshot[];
  peers: PeerSnapshot[];
  shortcuts: ShortcutSnapshot[];
  traffic: {
    sent: PacketCounts;
    received: PacketCounts;
    sentTotal: number;
    receivedTotal: number;
    redirectSuppress: number;
    maxSend: { count: number; intervalSec: number; usagePercent: number };
  };
  drops: Record<NhrpDropReason, number>;
  pendingResolutions: number;
}

const sec = (ms: number) => Math.max(0, Math.floor(ms / 1000));

export function buildSnapshot(ctx: Ctx, nhsClients: NhsClients, pending: number, usagePercent: number): NhrpSnapshot {
  const cfg: NhrpEngineConfig = ctx.cfg;
  const now = ctx.now;
  const cache: CacheEntrySnapshot[] = [];
  const shortcuts: ShortcutSnapshot[] = [];
  for (const e of ctx.cache.entries()) {
    cache.push({
      protocol: e.protocol,
      prefixLength: e.prefixLength,
      via: e.via,
      nbma: e.nbma,
      ...(e.claimedNbma ? { claimedNbma: e.claimedNbma } : {}),
      type: e.type,
      flags: [...e.flags],
      origin: e.origin,
      ageSec: sec(now - e.created),
      expiresInSec: e.expires === undefined ? null : sec(e.expires - now),
      ...(e.group ? { group: e.group } : {}),
    });
    if (e.route) {
      shortcuts.push({
        prefix: e.protocol,
        prefixLength: e.prefixLength,
        ...e.route,
        expiresInSec: e.expires === undefined ? null : sec(e.expires - now),
        used: e.flags.has('used'),
      });
    }
  }
  cache.sort(byAddress);
  const nhs: NhsSnapshot[] = nhsClients.clients.map((n) => ({
    protocol: n.cfg.protocol,
    nbma: n.nbma ?? null,
    state: n.state,
    flags: `${n.reachable === 'yes' ? 'R' : ''}${n.waiting ? 'E' : ''}${n.background ? 'W' : ''}`,
    priority: n.cfg.priority,
    cluster: n.cfg.cluster,
    active: n.active,
    requestsSent: n.requestsSent,
    requestsFailed: n.requestsFailed,
    repliesReceived: n.repliesReceived,
    lastReplySecAgo: n.lastReplyAt === undefined ? null : sec(now - n.lastReplyAt),
    registrationExpiresInSec: n.registeredUntil === undefined ? null : sec(n.registeredUntil - now),
    ...(n.natOutside ? { natOutside: n.natOutside } : {}),
    ...(n.lastErrorCode !== undefined ? { lastErrorCode: n.lastErrorCode } : {}),
    ...(n.lastErrorIndication !== undefined ? { lastErrorIndication: n.lastErrorIndication } : {}),
  }));
  const sent = { ...ctx.counters.sent };
  const received = { ...ctx.counters.received };
  return {
    interface: {
      name: cfg.name,
      protocolAddress: cfg.protocolAddress,
      prefixLength: cfg.prefixLength,
      nbmaAddress: cfg.nbmaAddress,
      networkId: cfg.networkId,
      holdtime: cfg.holdtime,
      isNhs: cfg.isNhs,
      redirect: cfg.redirect,
      shortcut: cfg.shortcut,
      shutdown: cfg.shutdown,
      authentication: cfg.authentication !== undefined,
    },
    cache,
    nhs,
    peers: peers(ctx.cache, nhsClients, now),
    shortcuts,
    traffic: {
      sent,
      received,
      sentTotal: Object.values(sent).reduce((a, b) => a + b, 0),
      receivedTotal: Object.values(received).reduce((a, b) => a + b, 0),
      redirectSuppress: ctx.counters.redirectSuppress,
      maxSend: { ...cfg.maxSend, usagePercent },
    },
    drops: { ...ctx.counters.drops },
    pendingResolutions: pending,
  };
}

/** `show dmvpn`: cache entries with an NBMA address grouped by it, NHS state folded in. */
function peers(cache: NhrpCache, nhsClients: NhsClients, now: number): PeerSnapshot[] {
  const byNbma = new Map<string, PeerSnapshot & { created: number }>();
  for (const e of cache.entries()) {
    if (e.nbma === '') continue;
    let p = byNbma.get(e.nbma);
    if (!p) {
      p = { nbma: e.nbma, tunnel: [], state: 'NHRP', upDownSec: 0, attributes: [], created: e.created };
      byNbma.set(e.nbma, p);
    }
    p.created = Math.min(p.created, e.created);
    if (!p.tunnel.includes(e.via)) p.tunnel.push(e.via);
    const attr = e.type === 'static' ? 'S' : 'D';
    if (!p.attributes.includes(attr)) p.attributes.push(attr);
    if (e.flags.has('nat') && !p.attributes.includes('N')) p.attributes.push('N');
    if (e.route && !p.attributes.includes('T1')) p.attributes.push('T1');
  }
  const out: PeerSnapshot[] = [];
  for (const p of byNbma.values()) {
    const live = cache.peers.get(p.nbma);
    const nhs = nhsClients.clients.find((n) => n.nbma === p.nbma);
    const { created, ...rest } = p;
    rest.state = live && (!nhs || nhs.state === 'up' || rest.attributes.includes('D')) ? 'UP' : 'NHRP';
    rest.upDownSec = sec(now - (live ? live.since : created));
    out.push(rest);
  }
  return out.sort((a, b) => byAddress({ protocol: a.tunnel[0] ?? '' }, { protocol: b.tunnel[0] ?? '' }));
}

/** Numeric order of protocol addresses (then prefix length); non-IPv4 text sorts after, as text. */
function byAddress(
  a: { protocol: string; prefixLength?: number },
  b: { protocol: string; prefixLength?: number },
): number {
  if (a.protocol.includes(':') && b.protocol.includes(':')) {
    const c = IPV6.compare(a.protocol, b.protocol);
    if (c !== 0) return c;
    return (a.prefixLength ?? 0) - (b.prefixLength ?? 0);
  }
  const x = parseIpv4(a.protocol) ?? Infinity;
  const y = parseIpv4(b.protocol) ?? Infinity;
  if (x !== y) return x < y ? -1 : 1;
  if (x === Infinity && a.protocol !== b.protocol) return a.protocol < b.protocol ? -1 : 1;
  return (a.prefixLength ?? 0) - (b.prefixLength ?? 0);
}
