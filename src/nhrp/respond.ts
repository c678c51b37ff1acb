/**
 * Responder and transit side of resolution (RFC 2332 5.2.1-5.2.2, 5.3.2; FRR nhrp_peer forwarding):
 * a Resolution Request for this router's own address or for a network it owns (RouteLookup
 * `local`) is answered authoritatively, straight to the requester; otherwise it is forwarded hop
 * by hop toward the destination's tunnel next hop (hop count decremented, this router appended to
 * the Forward Transit NHS Record, a loop through it refused). An NHS with no binding for a tunnel
 * address answers negatively (code 12). Who resolved our networks is remembered for purging.
 */
import {
  CieCode,
  ErrorCode,
  makeCie,
  NhrpFlags,
  NhrpType,
  type Extension,
  type NhrpPacket,
} from '../wire/nhrp/index.js';
import type { Ctx } from './context.js';
import { hostLength } from './prefix.js';
import { authExt, replyTo, resolutionReplyFlags, selfCie } from './packets.js';
import { INCOMPLETE_HOLD_MS } from './resolve.js';

/** Someone who resolved one of our networks: told by Purge Request when it goes away. */
export interface ServedBinding {
  prefix: string;
  prefixLength: number;
  requester: string;
  nbma: string;
  expires: number;
}

/** What the responder needs from its siblings. */
export interface ResponderDeps {
  nhsNbma(): string | undefined;
  /** RFC 2332 5.2.7 Error Indication to the source of `p`. */
  sendError(p: NhrpPacket, bytes: Uint8Array, to: string, code: number, offset: number): void;
}

export class Responder {
  /** Our networks others resolved, by requester protocol address + prefix key. */
  readonly served = new Map<string, ServedBinding>();

  constructor(
    private readonly ctx: Ctx,
    private readonly deps: ResponderDeps,
  ) {}

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
    let to = nextHop === undefined ? undefined : ctx.cache.nbmaFor(nextHop);
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
    if (dst === cfg.protocolAddress || dst === cfg.linkLocal) return hostLength(dst);
    if (this.ctx.onTunnel(dst)) return undefined;
    const r = this.ctx.routes(dst);
    if (r?.kind !== 'local') return undefined;
    // The tunnel subnet itself is connected, not a network behind this router.
    const covers = this.ctx.af.inPrefix(cfg.protocolAddress, r.prefix, r.prefixLength);
    if (r.prefixLength <= cfg.prefixLength && covers) return undefined;
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
    const prefix = this.ctx.af.networkOf(p.dstProto, prefixLength);
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
    const cie = makeCie({
      code,
      prefixLength: hostLength(p.dstProto),
      mtu: ctx.cfg.mtu,
      holdingTime: INCOMPLETE_HOLD_MS / 1000,
    });
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
        extensions.push({
          ...e,
          cies: [...e.cies, selfCie(cfg, { nbmaAddress: fromNbma, protocolAddress: p.srcProto, holdingTime: 0 })],
        });
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

  /** Interface down or cache cleared. */
  reset(): void {
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
