/**
 * Resolution, the requester's side (RFC 2332 5.2.1-5.2.2; FRR nhrp_shortcut). The responder and
 * transit side is respond.ts.
 *
 * A Resolution Request for a tunnel next hop (Phase 2) or a data destination (Phase 3)
 * goes along the routed path, else to the NHS; an `incomplete` entry stands for it while it is
 * retransmitted (1, 2, 4, 7, 7, 7 s), then turns `negative` until it ages out (3 min). The reply
 * gives a host binding (Phase 2) or a covering prefix via the responder's tunnel address (Phase 3,
 * installed as a shortcut route when `ip nhrp shortcut` is on). Bindings still in use are resolved
 * again shortly before they expire (at the refresh point if used in the lead before it, else at once
 * when data uses them again before they expire); idle ones expire and their routes go with them.
 * A binding stays usable until its holding time ends whatever becomes of its refresh.
 */
import { CieCode, type Cie, type NhrpPacket } from '../wire/nhrp/index.js';
import type { CacheEntry } from './cache.js';
import type { Ctx } from './context.js';
import { ciePrefixLength, hostLength, prefixKey } from './prefix.js';
import { resolutionRequest } from './packets.js';

/** Gaps between transmissions of one Resolution Request (IOS: about 1, 2, 4, 7, 7, 7 s). */
const RETRY_MS = [1000, 2000, 4000, 7000, 7000, 7000];
/** Life of an incomplete/negative entry (IOS shows 3 minutes). */
export const INCOMPLETE_HOLD_MS = 180_000;
/** A binding used lately is resolved again this long before it expires (at most a quarter of its life). */
const REFRESH_LEAD_MS = 120_000;

/** When a binding confirmed at `confirmedAt` and expiring at `expires` is due for a refresh. */
function refreshAt(expires: number, confirmedAt: number): number {
  return expires - Math.min(REFRESH_LEAD_MS, (expires - confirmedAt) / 4);
}

interface Pending {
  dst: string;
  id: number;
  tries: number;
  /** Re-resolving a binding we still hold (no incomplete entry). */
  refresh: boolean;
}

export class Resolver {
  private byDst = new Map<string, Pending>();
  private byId = new Map<number, Pending>();

  constructor(
    private readonly ctx: Ctx,
    /** The NHS to send through when no routed tunnel next hop is known. */
    private readonly nhsNbma: () => string | undefined,
    /** Whether a tunnel address is one of our NHSs that is down (a route through it is not used). */
    private readonly nhsDown: (protocol: string) => boolean = () => false,
  ) {}

  get pendingCount(): number {
    return this.byDst.size;
  }

  /** Starts resolving `dst` unless a binding covers it or a request for it is out (or negative). */
  resolve(dst: string, why: string): void {
    const ctx = this.ctx;
    if (this.byDst.has(dst)) return;
    const have = ctx.cache.longest(dst);
    if (have) return;
    ctx.event(() => `Resolving ${dst} (${why})`);
    ctx.cache.put({
      protocol: dst,
      prefixLength: hostLength(dst),
      nbma: '',
      type: 'incomplete',
      origin: 'pending',
      via: dst,
      expires: ctx.now + INCOMPLETE_HOLD_MS,
    });
    this.start(dst, false);
  }

  private start(dst: string, refresh: boolean): void {
    const p: Pending = { dst, id: this.ctx.requestId(), tries: 0, refresh };
    this.byDst.set(dst, p);
    this.byId.set(p.id, p);
    this.transmit(p);
  }

  /**
   * Where a request for `dst` goes first: the routed tunnel next hop if known (unless it is an NHS
   * marked down), else the best NHS that is up. In dmvpnd the route lookup sees the shortcut routes
   * (they override the route they shortcut), so a Phase 3 refresh goes straight to the peer.
   */
  private firstHop(dst: string): string | undefined {
    if (!this.ctx.onTunnel(dst)) {
      const r = this.ctx.routes(dst);
      if (r?.kind === 'tunnel' && r.nextHop !== dst && !this.nhsDown(r.nextHop)) {
        const nbma = this.ctx.cache.nbmaFor(r.nextHop);
        if (nbma) return nbma;
      }
    }
    return this.nhsNbma();
  }

  private transmit(p: Pending): void {
    const ctx = this.ctx;
    const to = this.firstHop(p.dst);
    if (to === undefined) {
      this.giveUp(p, 'no NHS and no route');
      return;
    }
    ctx.send(to, resolutionRequest(ctx, p.dst, p.id));
    ctx.timers.set({ kind: 'resolve-retry', dst: p.dst }, ctx.now + RETRY_MS[Math.min(p.tries, RETRY_MS.length - 1)]);
  }

  /** Timer `resolve-retry`: retransmit, or give up after the last retry. */
  onRetry(dst: string): void {
    const p = this.byDst.get(dst);
    if (!p) return;
    p.tries++;
    if (p.tries >= RETRY_MS.length) this.giveUp(p, 'no reply');
    else this.transmit(p);
  }

  private giveUp(p: Pending, why: string): void {
    const ctx = this.ctx;
    this.forget(p);
    const e = ctx.cache.host(p.dst);
    if (e?.type === 'incomplete') ctx.cache.put({ ...e, type: 'negative', flags: [] });
    ctx.event(() => `Resolution of ${p.dst} failed (${why})`);
  }

  private forget(p: Pending): void {
    this.byDst.delete(p.dst);
    this.byId.delete(p.id);
    this.ctx.timers.clear({ kind: 'resolve-retry', dst: p.dst });
  }

  /** Timer `resolve-refresh`: resolve a binding again if it was used lately, else let it expire. */
  onRefresh(key: string): void {
    const ctx = this.ctx;
    const e = ctx.cache.byKey(key);
    if (e?.origin !== 'resolution' || e.expires === undefined) return;
    const lead = e.expires - refreshAt(e.expires, e.confirmedAt);
    if (e.usedAt !== undefined && e.usedAt >= ctx.now - lead && !this.byDst.has(e.resolvedFor ?? e.protocol)) {
      ctx.event(() => `Refreshing ${key} (in use)`);
      this.start(e.resolvedFor ?? e.protocol, true);
    }
  }

  /**
   * Data used binding `e` (engine `used`). One used again after its refresh point passed unused
   * (idle then) but before it expires is resolved again at once, as IOS refreshes an entry used in
   * the last part of its life; otherwise it would expire under the new traffic.
   */
  onUse(e: CacheEntry): void {
    const ctx = this.ctx;
    if (e.origin !== 'resolution' || e.resolvedFor === undefined || e.expires === undefined) return;
    if (ctx.now >= e.expires || ctx.now < refreshAt(e.expires, e.confirmedAt) || this.byDst.has(e.resolvedFor)) return;
    ctx.event(() => `Refreshing ${e.key} (used after its refresh point)`);
    this.start(e.resolvedFor, true);
  }

  /** A Resolution Reply (RFC 2332 5.2.2) to one of our requests. */
  onReply(p: NhrpPacket, fromNbma: string): void {
    const ctx = this.ctx;
    const pending = this.byId.get(p.requestId);
    if (!pending || p.srcProto !== ctx.cfg.protocolAddress || p.dstProto !== pending.dst) {
      ctx.counters.drop('unexpectedReply');
      return;
    }
    this.forget(pending);
    const cie = p.cies[0];
    const dst = pending.dst;
    const host = hostLength(dst);
    if (!cie || cie.code !== CieCode.Success || !cie.nbmaAddress) {
      // RFC 2332 5.2.2 NAK: remember the negative answer for its holding time.
      const e = ctx.cache.host(dst);
      if (!pending.refresh || e?.origin === 'pending') {
        ctx.cache.put({
          protocol: dst,
          prefixLength: host,
          nbma: '',
          type: 'negative',
          origin: 'pending',
          via: dst,
          expires: ctx.now + (cie?.holdingTime ? cie.holdingTime * 1000 : INCOMPLETE_HOLD_MS),
        });
      }
      ctx.event(() => `Negative reply for ${dst}, code ${cie?.code ?? 'none'}`);
      return;
    }
    const nextHop = cie.protocolAddress || dst;
    const { nbma, claimed } = boundNbma(p, cie, nextHop, fromNbma);
    const expires = ctx.now + (cie.holdingTime || ctx.cfg.holdtime) * 1000;
    const len = ciePrefixLength(cie.prefixLength, dst);
    const prefix = this.ctx.af.networkOf(dst, len);
    const nat = claimed !== undefined;
    const nh = ctx.cache.host(nextHop);
    if (!nh || nh.origin === 'resolution' || nh.origin === 'pending' || nh.origin === 'requester') {
      ctx.cache.put({
        protocol: nextHop,
        prefixLength: hostLength(nextHop),
        nbma,
        claimedNbma: claimed,
        type: 'dynamic',
        origin: 'resolution',
        flags:
          prefix === nextHop
            ? nat
              ? ['router', 'nat']
              : ['router']
            : nat
              ? ['router', 'nhop', 'nat']
              : ['router', 'nhop'],
        via: nextHop,
        expires,
        resolvedFor: prefix === nextHop ? dst : undefined,
      });
      if (prefix === nextHop) this.armRefresh(prefixKey(nextHop, hostLength(nextHop)), expires, ctx.now);
    }
    if (prefix !== nextHop || len !== hostLength(nextHop)) {
      const shortcut = ctx.cfg.shortcut;
      ctx.cache.put({
        protocol: prefix,
        prefixLength: len,
        nbma,
        claimedNbma: claimed,
        type: 'dynamic',
        origin: 'resolution',
        flags: nat ? ['router', 'nat'] : ['router'],
        via: nextHop,
        expires,
        resolvedFor: dst,
        // a peer's link-local address is a binding, not a network to route to
        route: shortcut && !ctx.isLinkLocal(dst) ? { nextHop, nbma } : undefined,
      });
      this.armRefresh(prefixKey(prefix, len), expires, ctx.now);
    }
    const stale = ctx.cache.host(dst);
    if (stale && stale.origin === 'pending') ctx.cache.remove(stale, 'resolved');
    ctx.event(() => `Resolved ${dst}: ${prefix}/${len} via ${nextHop} at ${nbma}`);
  }

  private armRefresh(key: string, expires: number, now: number): void {
    this.ctx.timers.set({ kind: 'resolve-refresh', entry: key }, refreshAt(expires, now));
  }

  /** Interface down or cache cleared: forget outstanding requests. */
  reset(): void {
    for (const p of [...this.byDst.values()]) this.forget(p);
  }
}

/**
 * The NBMA address to use for a resolved binding. A responder answering for itself sends its
 * reply direct, so the address the reply came from is the one that works through NAT.
 */
function boundNbma(p: NhrpPacket, cie: Cie, nextHop: string, fromNbma: string): { nbma: string; claimed?: string } {
  let responder: Cie | undefined;
  for (const e of p.extensions) {
    if (e.type === 'responder') responder = e.cies[0];
    if (e.type === 'ciscoNat') {
      for (const c of e.cies)
        if (c.protocolAddress === nextHop && c.nbmaAddress && c.nbmaAddress !== cie.nbmaAddress)
          return { nbma: c.nbmaAddress, claimed: cie.nbmaAddress };
    }
  }
  if (responder?.protocolAddress === nextHop && fromNbma !== cie.nbmaAddress)
    return { nbma: fromNbma, claimed: cie.nbmaAddress };
  return { nbma: cie.nbmaAddress };
}
