/**
 * The NHRP cache (RFC 2332 5.2.2, 5.2.4; FRR nhrp_cache): protocol address or prefix → NBMA address,
 * with where each binding came from, its flags and expiry. Every change goes out as an action:
 * cacheAdd/cacheRemove, routeAdd/routeRemove for shortcut routes, peerUp/peerDown when the first
 * binding to an NBMA address appears or the last one goes.
 */
import type { CacheEntryType, CacheEntryView, CacheFlag } from './actions.js';
import type { Ctx } from './context.js';
import { hostLength, prefixKey } from './prefix.js';

/** How the binding was learned; decides who may replace or remove it. */
export type EntryOrigin =
  /** `ip nhrp map` or `ip nhrp nhs X nbma Y`. */
  | 'static'
  /** A Registration Request we accepted (we are its NHS). */
  | 'registration'
  /** A Resolution Reply to our request. */
  | 'resolution'
  /** The source of a Resolution Request we answered (so our reply traffic can go direct). */
  | 'requester'
  /** A Resolution Request of ours not answered yet (incomplete) or answered negatively. */
  | 'pending';

export interface CacheEntry {
  readonly key: string;
  protocol: string;
  prefixLength: number;
  nbma: string;
  /** The NBMA address the peer claimed, when NAT changed it (we use the address packets came from). */
  claimedNbma?: string;
  type: CacheEntryType;
  origin: EntryOrigin;
  flags: Set<CacheFlag>;
  /** Tunnel next hop (the CIE's protocol address) for a prefix; the protocol address otherwise. */
  via: string;
  created: number;
  /** Absolute expiry, ms; undefined = never (static). */
  expires?: number;
  /** Last data-plane use (`engine.used`). */
  usedAt?: number;
  /** When the binding was last confirmed (registration or resolution reply). */
  confirmedAt: number;
  /** NHRP group name from the registration (Cisco Vendor-Private extension). */
  group?: string;
  /** The destination whose resolution produced this binding (re-resolved to refresh it). */
  resolvedFor?: string;
  /** The shortcut route installed for this entry (Phase 3). */
  route?: { nextHop: string; nbma: string };
}

/** What a caller supplies to `put`; the cache fills key, created and confirmedAt. */
export type NewEntry = Omit<CacheEntry, 'key' | 'created' | 'confirmedAt' | 'flags'> & { flags?: CacheFlag[] };

interface PeerRef {
  refs: number;
  protocol: string;
  since: number;
}

export class NhrpCache {
  private readonly map = new Map<string, CacheEntry>();
  /** Prefix lengths present, longest first (longest-prefix match tries only these). */
  private lengths: number[] = [];
  /** NBMA peers with live bindings, for peerUp/peerDown and `show dmvpn`. */
  readonly peers = new Map<string, PeerRef>();

  constructor(private readonly ctx: Ctx) {}

  get size(): number {
    return this.map.size;
  }

  entries(): IterableIterator<CacheEntry> {
    return this.map.values();
  }

  get(protocol: string, prefixLength: number): CacheEntry | undefined {
    return this.map.get(prefixKey(protocol, prefixLength));
  }

  byKey(key: string): CacheEntry | undefined {
    return this.map.get(key);
  }

  /** The host entry for a tunnel address. */
  host(addr: string): CacheEntry | undefined {
    return this.map.get(prefixKey(addr, hostLength(addr)));
  }

  /** The NBMA address bound to a tunnel address (static, registered or resolved). */
  nbmaFor(addr: string): string | undefined {
    const e = this.host(addr);
    return e && e.nbma !== '' && (e.type === 'static' || e.type === 'dynamic') ? e.nbma : undefined;
  }

  /** Longest-prefix match over every entry. */
  longest(addr: string): CacheEntry | undefined {
    for (const len of this.lengths) {
      const e = this.map.get(prefixKey(this.ctx.af.networkOf(addr, len), len));
      if (e) return e;
    }
    return undefined;
  }

  /** Adds or replaces the entry for protocol/prefixLength; emits the actions the change implies. */
  put(n: NewEntry): CacheEntry {
    const ctx = this.ctx;
    const key = prefixKey(n.protocol, n.prefixLength);
    const old = this.map.get(key);
    const e: CacheEntry = {
      key,
      protocol: n.protocol,
      prefixLength: n.prefixLength,
      nbma: n.nbma,
      claimedNbma: n.claimedNbma,
      type: n.type,
      origin: n.origin,
      flags: new Set(n.flags),
      via: n.via,
      created: old && old.nbma === n.nbma && old.type === n.type ? old.created : ctx.now,
      expires: n.expires,
      usedAt: old?.usedAt,
      confirmedAt: ctx.now,
      group: n.group,
      resolvedFor: n.resolvedFor,
      route: n.route,
    };
    if (e.route) e.flags.add('rib');
    if (old?.flags.has('used')) e.flags.add('used');
    this.map.set(key, e);
    if (!old) this.addLength(n.prefixLength);
    // The new binding takes its reference before the old one lets go, so a refresh (same NBMA)
    // keeps the peer up and its up-time (`show dmvpn` UpDn) instead of bouncing it.
    if (isPeer(e)) this.ref(e.nbma, e.via);
    if (old && isPeer(old)) this.unref(old.nbma);
    if (old?.route && (!e.route || old.route.nextHop !== e.route.nextHop || old.route.nbma !== e.route.nbma)) {
      ctx.out.push({ kind: 'routeRemove', prefix: old.protocol, prefixLength: old.prefixLength, ...old.route });
    }
    if (e.route && (!old?.route || old.route.nextHop !== e.route.nextHop || old.route.nbma !== e.route.nbma)) {
      ctx.out.push({ kind: 'routeAdd', prefix: e.protocol, prefixLength: e.prefixLength, ...e.route });
    }
    if (!old || changed(old, e)) ctx.out.push({ kind: 'cacheAdd', entry: view(e) });
    if (e.expires !== undefined) ctx.timers.set({ kind: 'cache-expire', entry: key }, e.expires);
    else ctx.timers.clear({ kind: 'cache-expire', entry: key });
    return e;
  }

  /** Removes an entry (and its shortcut route). */
  remove(e: CacheEntry, why: string): void {
    const ctx = this.ctx;
    if (this.map.get(e.key) !== e) return;
    this.map.delete(e.key);
    ctx.timers.clear({ kind: 'cache-expire', entry: e.key });
    ctx.timers.clear({ kind: 'resolve-refresh', entry: e.key });
    if (e.route) ctx.out.push({ kind: 'routeRemove', prefix: e.protocol, prefixLength: e.prefixLength, ...e.route });
    ctx.out.push({ kind: 'cacheRemove', entry: view(e) });
    if (isPeer(e)) this.unref(e.nbma);
    ctx.event(() => `cache: removed ${e.key} (${why})`);
  }

  /** Timer `cache-expire` fired: the entry's holding time ran out. */
  expire(key: string): void {
    const e = this.map.get(key);
    if (e && e.expires !== undefined && e.expires <= this.ctx.now) this.remove(e, 'expired');
  }

  /** Data-plane use of an entry: flags it `used` and remembers when. */
  touch(e: CacheEntry): void {
    e.usedAt = this.ctx.now;
    if (!e.flags.has('used')) e.flags.add('used');
  }

  /**
   * Data went to next hop `e` (a `nhop` binding): the shortcut prefixes reached through it were used
   * too, so they are refreshed before they expire (the data plane only knows the next hop).
   * Returns every entry touched.
   */
  touchVia(e: CacheEntry): CacheEntry[] {
    this.touch(e);
    const touched = [e];
    if (!e.flags.has('nhop')) return touched;
    for (const x of this.map.values()) {
      if (x !== e && x.via === e.protocol && x.origin === 'resolution') {
        this.touch(x);
        touched.push(x);
      }
    }
    return touched;
  }

  /** A binding that is not a cache entry (an NHS registration) holds the peer up too. */
  ref(nbma: string, protocol: string): void {
    const p = this.peers.get(nbma);
    if (p) {
      p.refs++;
      return;
    }
    this.peers.set(nbma, { refs: 1, protocol, since: this.ctx.now });
    this.ctx.out.push({ kind: 'peerUp', nbma, protocol });
  }

  unref(nbma: string): void {
    const p = this.peers.get(nbma);
    if (!p) return;
    if (--p.refs > 0) return;
    this.peers.delete(nbma);
    this.ctx.out.push({ kind: 'peerDown', nbma, protocol: p.protocol });
  }

  private addLength(len: number): void {
    if (this.lengths.includes(len)) return;
    this.lengths.push(len);
    this.lengths.sort((a, b) => b - a);
  }
}

/** Entries that make their NBMA address a live peer: learned bindings with an address. */
function isPeer(e: CacheEntry): boolean {
  return e.type === 'dynamic' && e.nbma !== '';
}

function changed(a: CacheEntry, b: CacheEntry): boolean {
  if (a.nbma !== b.nbma || a.type !== b.type || a.via !== b.via || a.flags.size !== b.flags.size) return true;
  if (a.group !== b.group) return true;
  for (const f of a.flags) if (!b.flags.has(f)) return true;
  return false;
}

/** The driver's view of an entry. */
export function view(e: CacheEntry): CacheEntryView {
  return {
    protocol: e.protocol,
    prefixLength: e.prefixLength,
    nbma: e.nbma,
    type: e.type,
    flags: [...e.flags],
    via: e.via,
    ...(e.group !== undefined ? { group: e.group } : {}),
  };
}
