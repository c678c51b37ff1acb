/**
 * Phase 3 (draft-detienne-dmvpn; FRR nhrp_shortcut, IOS `ip nhrp redirect` / `ip nhrp shortcut`).
 *
 * Hub: a data packet that came in from the tunnel and goes back out of it (hairpin) makes the hub
 * send the sender a Traffic Indication carrying the packet's IP header + 8 bytes, at most
 * `max-send` per interval per source (the rest counted as Redirect Suppress).
 * Spoke: a Traffic Indication makes it resolve the data packet's destination; the reply installs a
 * shortcut route for the covering prefix (see resolve.ts).
 */
import type { NhrpPacket } from '../wire/nhrp/index.js';
import type { Ctx } from './context.js';
import { trafficIndication } from './packets.js';
import type { Resolver } from './resolve.js';

interface Window {
  start: number;
  count: number;
}

export class Redirects {
  /** Traffic Indications sent per source NBMA in the current max-send interval. */
  private windows = new Map<string, Window>();
  private lastPrune = 0;

  constructor(
    private readonly ctx: Ctx,
    private readonly resolver: Resolver,
  ) {}

  /** Hub side: a hairpinned data packet from `fromNbma` whose first bytes are `head`. */
  onHairpin(fromNbma: string, head: Uint8Array): void {
    const ctx = this.ctx;
    if (!ctx.cfg.redirect) return;
    const ep = ctx.af.endpoints(head);
    if (!ep) return;
    const interval = ctx.cfg.maxSend.intervalSec * 1000;
    this.prune(interval);
    let w = this.windows.get(fromNbma);
    if (!w || ctx.now - w.start >= interval) {
      w = { start: ctx.now, count: 0 };
      this.windows.set(fromNbma, w);
    }
    if (w.count >= ctx.cfg.maxSend.count) {
      ctx.counters.redirectSuppress++;
      return;
    }
    w.count++;
    const ihl = ctx.af.headerLength(head);
    ctx.event(() => `Redirect: ${ep.src} -> ${ep.dst} hairpinned, Traffic Indication to ${fromNbma}`);
    ctx.send(fromNbma, trafficIndication(ctx, ep.src, head.subarray(0, Math.min(head.length, ihl + 8))));
  }

  /** Spoke side: a Traffic Indication (the hub saw our traffic to `dst` hairpin). */
  onIndication(p: NhrpPacket, fromNbma: string): void {
    const ctx = this.ctx;
    if (!ctx.cfg.shortcut) {
      ctx.counters.drop('shortcutDisabled');
      return;
    }
    const ep = ctx.af.endpoints(p.payload);
    if (!ep || p.requestId >>> 16 !== 0) {
      ctx.counters.drop('malformed');
      return;
    }
    this.resolver.resolve(ep.dst, `Traffic Indication from ${fromNbma}`);
  }

  /** Usage of max-send for `show ip nhrp traffic`: the busiest source's share of its budget, %. */
  usagePercent(): number {
    const interval = this.ctx.cfg.maxSend.intervalSec * 1000;
    let max = 0;
    for (const w of this.windows.values()) if (this.ctx.now - w.start < interval) max = Math.max(max, w.count);
    return Math.round((100 * max) / Math.max(1, this.ctx.cfg.maxSend.count));
  }

  private prune(interval: number): void {
    if (this.ctx.now - this.lastPrune < interval) return;
    this.lastPrune = this.ctx.now;
    for (const [k, w] of this.windows) if (this.ctx.now - w.start >= interval) this.windows.delete(k);
  }
}
