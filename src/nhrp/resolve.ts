/**
 * Resolution (RFC 2332 5.2.1-5.2.2, 5.3.2; FRR nhrp_shortcut and nhrp_peer forwarding).
 *
 * Requester: a Resolution Request for a tunnel next hop (Phase 2) or a data destination (Phase 3)
 * goes along the routed path, else to the NHS; an `incomplete` entry stands for it while it is
 * retransmitted (1, 2, 4, 7, 7, 7 s), then turns `negative` until it ages out (3 min). The reply
 * gives a host binding (Phase 2) or a covering prefix via the responder's tunnel address (Phase 3,
 * installed as a shortcut route when `ip nhrp shortcut` is on). Bindings still in use are resolved
 * again shortly before they expire; idle ones expire and their routes go with them.
 *
 * Responder and transit: a request for this router's own address or for a network it owns
 * (RouteLookup `local`) is answered authoritatively, straight to the requester; otherwise it is
 * forwarded hop by hop toward the destination's tunnel next hop (hop count decremented, this router
 * appended to the Forward Transit NHS Record, a loop through it refused).
 */
import { CieCode, ErrorCode, makeCie, NhrpFlags, NhrpType, type Cie, type Extension, type NhrpPacket } from '../wire/nhrp/index.js';
import type { Ctx } from './context.js';
import { ciePrefixLength, hostLength, inPrefix, networkOf, prefixKey } from './ip.js';
import { authExt, replyTo, resolutionReplyFlags, resolutionRequest, selfCie } from './packets.js';

/** Gaps between transmissions of one Resolution Request (IOS: about 1, 2, 4, 7, 7, 7 s). */
const RETRY_MS = [1000, 2000, 4000, 7000, 7000, 7000];
/** Life of an incomplete/negative entry (IOS shows 3 minutes). */
const INCOMPLETE_HOLD_MS = 180_000;
/** A binding used lately is resolved again this long before it expires (at most a quarter of its life). */
const REFRESH_LEAD_MS = 120_000;

interface Pending {
  dst: string;
  id: number;
  tries: number;
  /** Re-resolving a binding we still hold (no incomplete entry). */
  refresh: boolean;
}

/** Someone who resolved one of our networks: told by Purge Request when it goes away. */
export interface ServedBinding {
  prefix: string;
  prefixLength: number;
  requester: string;
  nbma: string;
  expires: number;
}

/** What the resolver needs from its siblings. */
export interface ResolverDeps {
  nhsNbma(): string | undefined;
  /** RFC 2332 5.2.7 Error Indication to the source of `p`. */
  sendError(p: NhrpPacket, bytes: Uint8Array, to: string, code: number, offset: number): void;
}

export class Resolver {
  private byDst = new Map<string, Pending>();
  private byId = new Map<number, Pending>();
  /** Our networks others resolved, by requester protocol address + prefix key. */
  readonly served = new Map<string, ServedBinding>();

  constructor(
    private readonly ctx: Ctx,
    private readonly deps: ResolverDeps,
  ) {}

  get pendingCount(): number {
    return this.byDst.size;
  }

  /** The NBMA address bound to a tunnel address (static, registered or resolved). */
  nbmaFor(addr: string): string | undefined {
    const e = this.ctx.cache.host(addr);
    return e && e.nbma !== '' && (e.type === 'static' || e.type === 'dynamic') ? e.nbma : undefined;
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

  /** Where a request for `dst` goes first: the routed tunnel next hop if known, else the NHS. */
  private firstHop(dst: string): string | undefined {
    if (!this.ctx.onTunnel(dst)) {
      const r = this.ctx.routes(dst);
      if (r?.kind === 'tunnel' && r.nextHop !== dst) {
        const nbma = this.nbmaFor(r.nextHop);
        if (nbma) return nbma;
      }
    }
    return this.deps.nhsNbma();
  }

  private transmit(p: Pending): void {
    const ctx = this.ctx;
    const to = this.firstHop(p.dst);
    if (to === undefined) {
      this.giveUp(p, 'no NHS and no route');
      return;
    }
    ctx.send(to, resolutionRequest(ctx, p.dst, p.id));
    ctx.timers.set(`res|${p.dst}`, ctx.now + RETRY_MS[Math.min(p.tries, RETRY_MS.length - 1)]);
  }

  /** Timer `res|dst`: retransmit, or give up after the last retry. */
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
    this.ctx.timers.clear(`res|${p.dst}`);
  }

  /** Timer `ref|key`: resolve a binding again if it was used lately, else let it expire. */
  onRefresh(key: string): void {
    const ctx = this.ctx;
    const e = ctx.cache.byKey(key);
    if (!e || e.origin !== 'resolution' || e.expires === undefined) return;
    const lead = Math.min(REFRESH_LEAD_MS, (e.expires - e.confirmedAt) / 4);
    if (e.usedAt !== undefined && e.usedAt >= ctx.now - lead && !this.byDst.has(e.resolvedFor ?? e.protocol)) {
      ctx.event(() => `Refreshing ${key} (in use)`);
      this.start(e.resolvedFor ?? e.protocol, true);
    }
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
    const prefix = networkOf(dst, len);
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
        flags: prefix === nextHop ? (nat ? ['router', 'nat'] : ['router']) : nat ? ['router', 'nhop', 'nat'] : ['router', 'nhop'],
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
        route: shortcut ? { nextHop, nbma } : undefined,
      });
      this.armRefresh(prefixKey(prefix, len), expires, ctx.now);
    }
    const stale = ctx.cache.host(dst);
    if (stale && stale.origin === 'pending') ctx.cache.remove(stale, 'resolved');
    ctx.event(() => `Resolved ${dst}: ${prefix}/${len} via ${nextHop} at ${nbma}`);
  }

  private armRefresh(key: string, expires: number, now: number): void {
    this.ctx.timers.set(`ref|${key}`, expires - Math.min(REFRESH_LEAD_MS, (expires - now) / 4));
  }

  /** A Resolution Request (RFC 2332 5.2.1) that passed validation: answer or forward it. */
  onRequest(p: NhrpPacket, fromNbma: string, bytes: Uint8Array): void {
    const ctx = this.ctx;
    const dst = p.dstProto;
    const answer = this.ownedPrefix(dst);
    if (answer !== undefined) {
      this.answer(p, fromNbma, answer);
      return;
    }
    const nextHop = ctx.onTunnel(dst) ? dst : routeNextHop(ctx.routes(dst));
    let to = nextHop === undefined ? undefined : this.nbmaFor(nextHop);
    if (to === undefined && nextHop !== undefined && !ctx.cfg.isNhs) to = this.deps.nhsNbma();
    if (to === undefined || to === fromNbma || to === ctx.cfg.nbmaAddress) {
      ctx.counters.drop('unreachable');
      if (ctx.cfg.isNhs && ctx.onTunnel(dst)) this.nak(p, fromNbma, CieCode.NoBinding);
      else this.deps.sendError(p, bytes, fromNbma, ErrorCode.ProtocolAddressUnreachable, 0);
      return;
    }
    this.forward(p, fromNbma, bytes, to);
  }

  /** The prefix length we answer for `dst` with, when it is ours. */
  private ownedPrefix(dst: string): number | undefined {
    const cfg = this.ctx.cfg;
    if (dst === cfg.protocolAddress) return hostLength(dst);
    if (this.ctx.onTunnel(dst)) return undefined;
    const r = this.ctx.routes(dst);
    if (r?.kind !== 'local') return undefined;
    // The tunnel subnet itself is connected, not a network behind this router.
    if (r.prefixLength <= cfg.prefixLength && inPrefix(cfg.protocolAddress, r.prefix, r.prefixLength)) return undefined;
    return r.prefixLength;
  }

  /** Authoritative reply, straight to the requester (as seen from the NHS when NAT is involved). */
  private answer(p: NhrpPacket, fromNbma: string, prefixLength: number): void {
    const ctx = this.ctx;
    const cfg = ctx.cfg;
    const req = p.cies[0];
    const to = requesterNbma(p, fromNbma);
    const cie = selfCie(cfg, { prefixLength });
    const responder = selfCie(cfg);
    ctx.send(to, replyTo(ctx, p, NhrpType.ResolutionReply, resolutionReplyFlags(p.flags, true), [cie], responder));
    const hold = (req?.holdingTime || cfg.holdtime) * 1000;
    const prefix = networkOf(p.dstProto, prefixLength);
    if (p.srcProto !== cfg.protocolAddress) {
      this.served.set(`${p.srcProto} ${prefix}/${prefixLength}`, {
        prefix,
        prefixLength,
        requester: p.srcProto,
        nbma: to,
        expires: ctx.now + hold,
      });
      // Learn the requester, so traffic back to it can go direct (IOS does the same).
      const known = ctx.cache.host(p.srcProto);
      if (!known || known.origin === 'requester' || known.origin === 'pending') {
        const nat = to !== p.srcNbma;
        ctx.cache.put({
          protocol: p.srcProto,
          prefixLength: hostLength(p.srcProto),
          nbma: to,
          claimedNbma: nat ? p.srcNbma : undefined,
          type: 'dynamic',
          origin: 'requester',
          flags: nat ? ['router', 'implicit', 'nat'] : ['router', 'implicit'],
          via: p.srcProto,
          expires: ctx.now + hold,
        });
      }
    }
  }

  /** Negative reply (RFC 2332 5.2.2 NAK) from an NHS that has no binding for the destination. */
  private nak(p: NhrpPacket, fromNbma: string, code: number): void {
    const ctx = this.ctx;
    const cie = makeCie({ code, prefixLength: hostLength(p.dstProto), mtu: ctx.cfg.mtu, holdingTime: INCOMPLETE_HOLD_MS / 1000 });
    const flags = resolutionReplyFlags(p.flags, true) & ~(NhrpFlags.Resolution.D | NhrpFlags.Resolution.U);
    ctx.send(requesterNbma(p, fromNbma), replyTo(ctx, p, NhrpType.ResolutionReply, flags, [cie], selfCie(ctx.cfg)));
  }

  /** Forwards a request one hop (RFC 2332 5.3.2): hop count, Forward Transit record, loop check. */
  private forward(p: NhrpPacket, fromNbma: string, bytes: Uint8Array, to: string): void {
    const ctx = this.ctx;
    const cfg = ctx.cfg;
    if (p.hopCount <= 1) {
      ctx.counters.drop('hopCountExceeded');
      this.deps.sendError(p, bytes, fromNbma, ErrorCode.HopCountExceeded, 9);
      return;
    }
    const fwd = p.extensions.find((e) => e.type === 'forwardTransit');
    const transit = fwd && fwd.type === 'forwardTransit' ? fwd.cies : [];
    if (transit.some((c) => c.protocolAddress === cfg.protocolAddress || c.nbmaAddress === cfg.nbmaAddress)) {
      ctx.counters.drop('loopDetected');
      this.deps.sendError(p, bytes, fromNbma, ErrorCode.LoopDetected, 0);
      return;
    }
    const firstHop = transit.length === 0;
    const extensions: Extension[] = [];
    for (const e of p.extensions) {
      if (e.type === 'forwardTransit') extensions.push({ ...e, cies: [...e.cies, selfCie(cfg)] });
      else if (e.type === 'authentication') extensions.push(...authExt(cfg));
      else if (e.type === 'ciscoNat' && firstHop && fromNbma !== p.srcNbma) {
        // The requester is behind NAT: tell the responder where its reply must really go.
        extensions.push({ ...e, cies: [...e.cies, selfCie(cfg, { nbmaAddress: fromNbma, protocolAddress: p.srcProto, holdingTime: 0 })] });
      } else extensions.push(e);
    }
    ctx.event(() => `Forwarding Resolution Request for ${p.dstProto} from ${p.srcProto} to ${to}`);
    ctx.send(to, { ...p, hopCount: p.hopCount - 1, extensions });
  }

  /** Bindings of ours that `requester`s hold, for purging (expired ones dropped). */
  servedBindings(match: (b: ServedBinding) => boolean): ServedBinding[] {
    const out: ServedBinding[] = [];
    for (const [k, b] of this.served) {
      if (b.expires <= this.ctx.now) this.served.delete(k);
      else if (match(b)) out.push(b);
    }
    return out;
  }

  /** Interface down or cache cleared: forget outstanding requests. */
  reset(): void {
    for (const p of [...this.byDst.values()]) this.forget(p);
    this.served.clear();
  }
}

function routeNextHop(r: ReturnType<Ctx['routes']>): string | undefined {
  return r?.kind === 'tunnel' ? r.nextHop : undefined;
}

/**
 * Where the requester really is: the address the request came from when it came direct, else the
 * address a transit NHS put in the Cisco NAT extension for it, else the address it claims.
 */
function requesterNbma(p: NhrpPacket, fromNbma: string): string {
  let transit = 0;
  for (const e of p.extensions) {
    if (e.type === 'forwardTransit') transit = e.cies.length;
  }
  if (transit === 0) return fromNbma;
  for (const e of p.extensions) {
    if (e.type !== 'ciscoNat') continue;
    for (const c of e.cies) if (c.protocolAddress === p.srcProto && c.nbmaAddress) return c.nbmaAddress;
  }
  return p.srcNbma;
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
      for (const c of e.cies) if (c.protocolAddress === nextHop && c.nbmaAddress && c.nbmaAddress !== cie.nbmaAddress) return { nbma: c.nbmaAddress, claimed: cie.nbmaAddress };
    }
  }
  if (responder?.protocolAddress === nextHop && fromNbma !== cie.nbmaAddress) return { nbma: fromNbma, claimed: cie.nbmaAddress };
  return { nbma: cie.nbmaAddress };
}
