/**
 * Ikev1Engine: IKEv1 (ISAKMP, RFC 2408/2409, NAT-T RFC 3947, DPD RFC 3706) with pre-shared keys for one local
 * address, as a pure state machine like the IKEv2 engine (src/ike/engine.ts): no sockets, no timers, no clock.
 *
 *   const engine = new Ikev1Engine(config, { random?, debug? })
 *     config  Ikev1Config or Ikev1ConfigInput (./config.ts: IOS defaults filled in).
 *   Inputs — each returns IkeAction[] (src/ike/actions.ts, shared with IKEv2) to carry out in order:
 *     receive(now, udpPayload, from, localPort)   UDP 500, or 4500 with the non-ESP marker
 *     initiate(now, peer)                         main (or aggressive) mode, then quick mode
 *     rekeyChild(now, peer) / deleteIke(now, peer) (`clear crypto isakmp`)
 *     tick(now), nextDeadline()
 *   State: snapshot(now) for `show crypto isakmp sa`; counters (refusals per Ikev1ErrorCode); onKeys, a hook
 *   called with each ISAKMP SA's cookies and keys (Wireshark's ikev1_decryption_table).
 *
 * Inside: phase1.ts main and aggressive mode, quick.ts quick mode, informational.ts notify/delete/DPD,
 * lifecycle.ts SA life, keymat.ts / cipher.ts / dh.ts the crypto, proposals.ts, vendor.ts (VIDs, NAT-D).
 */
import { createHash, randomBytes } from 'node:crypto';
import { decodeIsakmp, IsakmpExchange, type IsakmpMessage } from '../wire/isakmp/index.js';
import type { Endpoint, IkeAction } from '../ike/actions.js';
import { resolveIkev1Config, type Ikev1Config, type Ikev1ConfigInput } from './config.js';
import { Ctx, hex, type V1TimerKind } from './context.js';
import { Ikev1Error, type Ikev1Counters } from './errors.js';
import { onDpdTimer, onInformational } from './informational.js';
import { removeChild, teardown } from './lifecycle.js';
import { initiatePhase1, onFirstMessage, onP1Retransmit, onPhase1 } from './phase1.js';
import { onQmRetransmit, onQuick, startQuick } from './quick.js';
import type { P1Sa } from './sa.js';
import { buildIsakmpSnapshot, type IsakmpSnapshot } from './snapshot.js';

export interface Ikev1EngineDeps {
  random?: (n: number) => Uint8Array;
  debug?: boolean;
}

/** What Wireshark's ikev1_decryption_table needs for one ISAKMP SA. */
export interface Ikev1KeyEvent {
  initiatorCookie: Uint8Array;
  encryptionKey: Uint8Array;
  peer: string;
}

const isZero = (b: Uint8Array) => b.every((x) => x === 0);

export class Ikev1Engine {
  private readonly ctx: Ctx;
  /** Called once per established ISAKMP SA with its cookie and key (for a Wireshark key log). */
  onKeys: ((k: Ikev1KeyEvent) => void) | undefined;

  private readonly timers: Record<V1TimerKind, (sa: P1Sa, child?: number) => void> = {
    p1Retransmit: (sa) => onP1Retransmit(this.ctx, sa),
    qmRetransmit: (sa, id) => onQmRetransmit(this.ctx, sa, id!),
    halfOpen: (sa) => {
      if (sa.state === 'QM_IDLE') return;
      this.ctx.counters.TIMEOUT++;
      const mode = sa.aggressive ? 'Aggressive' : 'Main';
      this.ctx.log(`%CRYPTO-6-IKMP_MODE_FAILURE: Processing of ${mode} mode failed with peer at ${sa.peer}`);
      teardown(this.ctx, sa, 'negotiation did not complete');
    },
    dpd: (sa) => onDpdTimer(this.ctx, sa),
    p1Expire: (sa) => teardown(this.ctx, sa, 'lifetime expired', true),
    childRekey: (sa, spi) => {
      const c = sa.children.find((x) => x.spiIn === spi);
      if (c && !c.retiring) startQuick(this.ctx, sa, c.spiIn);
    },
    childExpire: (sa, spi) => {
      const c = sa.children.find((x) => x.spiIn === spi);
      if (c) removeChild(this.ctx, sa, c, 'lifetime expired', true);
    },
    natKeepalive: (sa) => {
      if (sa.state !== 'QM_IDLE' || !this.ctx.cfg.natKeepalive) return;
      this.ctx.out.push({
        kind: 'send',
        localPort: 4500,
        to: { address: sa.peer, port: sa.peerPort },
        bytes: Uint8Array.of(0xff),
      });
      this.ctx.timers.set('natKeepalive', sa.id, this.ctx.now + this.ctx.cfg.natKeepalive * 1000);
    },
  };

  constructor(config: Ikev1Config | Ikev1ConfigInput, deps: Ikev1EngineDeps = {}) {
    const random = deps.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
    this.ctx = new Ctx(resolveIkev1Config(config as Ikev1ConfigInput), random, deps.debug ?? true);
  }

  get config(): Ikev1Config {
    return this.ctx.cfg;
  }

  get counters(): Ikev1Counters {
    return this.ctx.counters;
  }

  receive(now: number, udpPayload: Uint8Array, from: Endpoint, localPort: number): IkeAction[] {
    return this.run(now, () => this.dispatch(udpPayload, from, localPort));
  }

  /** Brings up an ISAKMP SA and IPsec SA with `peer`; with an ISAKMP SA up, only a quick mode. */
  initiate(now: number, peer: string): IkeAction[] {
    return this.run(now, () => {
      const up = this.established(peer);
      if (up) return startQuick(this.ctx, up);
      if ([...this.ctx.sas.values()].some((s) => s.peer === peer)) return; // negotiating
      initiatePhase1(this.ctx, peer);
    });
  }

  rekeyChild(now: number, peer: string): IkeAction[] {
    return this.run(now, () => {
      const sa = this.established(peer);
      if (!sa) throw new Ikev1Error('UNKNOWN_COOKIE', `no ISAKMP SA with ${peer}`);
      for (const c of sa.children) if (!c.retiring) startQuick(this.ctx, sa, c.spiIn);
    });
  }

  /** `clear crypto isakmp` for one peer: Deletes sent, SAs gone. */
  deleteIke(now: number, peer: string): IkeAction[] {
    return this.run(now, () => {
      const all = [...this.ctx.sas.values()].filter((s) => s.peer === peer);
      if (all.length === 0) throw new Ikev1Error('UNKNOWN_COOKIE', `no ISAKMP SA with ${peer}`);
      for (const sa of all) teardown(this.ctx, sa, 'cleared', true);
    });
  }

  /** `clear crypto isakmp [conn-id]`. */
  clear(now: number, connId?: number): IkeAction[] {
    return this.run(now, () => {
      for (const sa of [...this.ctx.sas.values()])
        if (connId === undefined || sa.id === connId) teardown(this.ctx, sa, 'cleared', true);
    });
  }

  tick(now: number): IkeAction[] {
    return this.run(now, () => {
      for (let t = this.ctx.timers.pop(now); t; t = this.ctx.timers.pop(now)) {
        const sa = this.ctx.sas.get(t.sa);
        if (sa) this.timers[t.kind](sa, t.child);
      }
    });
  }

  nextDeadline(): number | undefined {
    return this.ctx.timers.next();
  }

  snapshot(now: number): IsakmpSnapshot {
    return buildIsakmpSnapshot(this.ctx, now);
  }

  private established(peer: string): P1Sa | undefined {
    let best: P1Sa | undefined;
    for (const sa of this.ctx.sas.values()) {
      if (sa.peer === peer && sa.state === 'QM_IDLE' && (!best || sa.establishedAt! > best.establishedAt!)) best = sa;
    }
    return best;
  }

  private run(now: number, fn: () => void): IkeAction[] {
    const ctx = this.ctx;
    ctx.now = now;
    ctx.out = [];
    try {
      fn();
    } catch (e) {
      if (!(e instanceof Ikev1Error)) throw e; // a refusal: counted; anything else is a bug
      ctx.drop(e.code, e.message);
    }
    const out = ctx.out;
    ctx.out = [];
    return out;
  }

  private dispatch(udp: Uint8Array, from: Endpoint, localPort: number): void {
    const ctx = this.ctx;
    let bytes = udp;
    if (localPort === 4500) {
      if (udp.length < 4 || udp[0] || udp[1] || udp[2] || udp[3]) return; // ESP or NAT-keepalive: the data plane's
      bytes = udp.subarray(4);
    }
    let msg: IsakmpMessage;
    try {
      msg = decodeIsakmp(bytes);
    } catch (e) {
      ctx.drop('MALFORMED', (e as Error).message);
      ctx.log(`%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from ${from.address} failed its sanity check or is malformed`);
      return;
    }
    bytes = bytes.subarray(0, ((bytes[24] << 24) | (bytes[25] << 16) | (bytes[26] << 8) | bytes[27]) >>> 0);
    ctx.rx = { from, localPort };
    let sa = ctx.byCookie.get(hex(msg.initiatorSpi));
    if (sa && sa.peer !== from.address) sa = undefined;
    const firstOffer =
      !sa &&
      isZero(msg.responderSpi) &&
      !msg.encrypted &&
      (msg.exchangeType === IsakmpExchange.IdentityProtection || msg.exchangeType === IsakmpExchange.Aggressive);
    const d = digest(bytes);
    const mark = ctx.out.length;
    if (firstOffer) {
      onFirstMessage(ctx, msg, bytes);
      const made = ctx.byCookie.get(hex(msg.initiatorSpi));
      if (made) this.remember(made, d, mark);
      return;
    }
    if (!sa) {
      ctx.drop('UNKNOWN_COOKIE', `no ISAKMP SA ${hex(msg.initiatorSpi)} with ${from.address}`);
      return;
    }
    if (!isZero(sa.ckyR) && !isZero(msg.responderSpi) && hex(sa.ckyR) !== hex(msg.responderSpi)) {
      ctx.drop('UNKNOWN_COOKIE', `responder cookie ${hex(msg.responderSpi)} is not this SA's`);
      return;
    }
    if (isZero(msg.responderSpi) && !isZero(sa.ckyR) && msg.exchangeType !== IsakmpExchange.Informational) {
      if (!sa.initiator) this.resend(sa, digest(bytes));
      return;
    }
    if (sa.replies.has(d)) return this.resend(sa, d);
    const before = sa.state;
    this.handle(sa, msg);
    if (!ctx.sas.has(sa.id)) return;
    // Once, as phase 1 completes (the SA answers every later message from QM_IDLE).
    if (before !== 'QM_IDLE' && sa.state === 'QM_IDLE' && this.onKeys && sa.keys)
      this.onKeys({ initiatorCookie: sa.ckyI, encryptionKey: sa.keys.encKey, peer: sa.peer });
    this.remember(sa, d, mark);
  }

  /** Keeps the last answer to a message, for when the message comes again. */
  private remember(sa: P1Sa, d: string, mark: number): void {
    const sent = this.ctx.out.slice(mark).filter((a) => a.kind === 'send');
    sa.replies.set(d, sent.at(-1));
    if (sa.replies.size > 8) sa.replies.delete(sa.replies.keys().next().value!);
  }

  private handle(sa: P1Sa, msg: IsakmpMessage): void {
    const ctx = this.ctx;
    switch (msg.exchangeType) {
      case IsakmpExchange.IdentityProtection:
      case IsakmpExchange.Aggressive:
        if (sa.state === 'QM_IDLE') return; // a late retransmission
        if ((msg.exchangeType === IsakmpExchange.Aggressive) !== sa.aggressive) {
          throw new Ikev1Error('UNSUPPORTED', 'exchange type changed within phase 1');
        }
        sa.lastHeard = ctx.now;
        return onPhase1(ctx, sa, msg, (s) => startQuick(ctx, s));
      case IsakmpExchange.QuickMode:
        return onQuick(ctx, sa, msg);
      case IsakmpExchange.Informational:
        return onInformational(ctx, sa, msg);
      default:
        throw new Ikev1Error('UNSUPPORTED', `exchange ${msg.exchangeType}`);
    }
  }

  private resend(sa: P1Sa, d: string): void {
    const a = sa.replies.get(d);
    if (a) {
      this.ctx.event(`ISAKMP:(${sa.id}): retransmitted message from ${sa.peer}: sending our answer again`);
      this.ctx.out.push(a);
    }
  }
}

function digest(b: Uint8Array): string {
  return createHash('sha1').update(b).digest('hex');
}
