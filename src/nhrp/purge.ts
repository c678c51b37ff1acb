/**
 * Purge (RFC 2332 5.2.5-5.2.6). We send a Purge Request when a binding of ours becomes invalid (a
 * network withdrawn, the interface shut down) to everyone who resolved it, retransmitted until the
 * Purge Reply (unless the N bit asks for none). A received Purge Request removes the matching
 * entries and their shortcut routes, if it comes from the binding's owner, the NHS that registered
 * it, or one of our NHSs.
 */
import { NhrpFlags, type NhrpPacket } from '../wire/nhrp/index.js';
import type { Ctx } from './context.js';
import { ciePrefixLength } from './prefix.js';
import { purgeReply, purgeRequest } from './packets.js';
import type { Responder, ServedBinding } from './respond.js';

const RETRY_MS = [1000, 2000, 4000];

interface Outstanding {
  nbma: string;
  packet: NhrpPacket;
  tries: number;
}

export class Purges {
  private outstanding = new Map<number, Outstanding>();

  constructor(
    private readonly ctx: Ctx,
    private readonly responder: Responder,
    private readonly isNhs: (nbma: string) => boolean,
  ) {}

  /** Tells everyone who resolved `prefix/prefixLength` (all our networks when undefined) to forget it. */
  purgeServed(prefix?: string, prefixLength?: number, noReply = false): void {
    const ctx = this.ctx;
    const match = (b: ServedBinding) =>
      prefix === undefined || (b.prefix === prefix && b.prefixLength === prefixLength);
    const byRequester = new Map<string, ServedBinding[]>();
    for (const b of this.responder.servedBindings(match)) {
      const k = `${b.requester} ${b.nbma}`;
      byRequester.set(k, [...(byRequester.get(k) ?? []), b]);
      this.responder.served.delete(`${b.requester} ${b.prefix}/${b.prefixLength}`);
    }
    for (const list of byRequester.values()) {
      const { requester, nbma } = list[0];
      const id = ctx.requestId();
      const p = purgeRequest(
        ctx,
        requester,
        list.map((b) => ({ protocol: b.prefix, prefixLength: b.prefixLength })),
        noReply,
        id,
      );
      ctx.send(nbma, p);
      if (!noReply) {
        this.outstanding.set(id, { nbma, packet: p, tries: 0 });
        ctx.timers.set({ kind: 'purge-retry', requestId: id }, ctx.now + RETRY_MS[0]);
      }
    }
  }

  /** Timer `purge-retry`: retransmit an unanswered Purge Request. */
  onRetry(id: number): void {
    const o = this.outstanding.get(id);
    if (!o) return;
    o.tries++;
    if (o.tries >= RETRY_MS.length) {
      this.outstanding.delete(id);
      return;
    }
    this.ctx.send(o.nbma, o.packet);
    this.ctx.timers.set({ kind: 'purge-retry', requestId: id }, this.ctx.now + RETRY_MS[o.tries]);
  }

  onReply(p: NhrpPacket): void {
    if (this.outstanding.delete(p.requestId)) this.ctx.timers.clear({ kind: 'purge-retry', requestId: p.requestId });
    else this.ctx.counters.drop('unexpectedReply');
  }

  /** A Purge Request: remove what it names, then reply unless N is set. */
  onRequest(p: NhrpPacket, fromNbma: string): void {
    const ctx = this.ctx;
    for (const c of p.cies) {
      const protocol = c.protocolAddress || p.srcProto;
      const e = ctx.cache.get(protocol, ciePrefixLength(c.prefixLength, protocol));
      if (!e || e.origin === 'static') continue;
      const owner = e.nbma === fromNbma || e.nbma === p.srcNbma || e.claimedNbma === p.srcNbma;
      if (owner || (e.origin !== 'registration' && this.isNhs(fromNbma)))
        ctx.cache.remove(e, `purged by ${p.srcProto}`);
    }
    if (!(p.flags & NhrpFlags.Purge.N)) ctx.send(fromNbma, purgeReply(ctx, p));
  }

  reset(): void {
    for (const id of this.outstanding.keys()) this.ctx.timers.clear({ kind: 'purge-retry', requestId: id });
    this.outstanding.clear();
  }
}
