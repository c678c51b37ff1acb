/**
 * IkeEngine: IKEv2 (RFC 7296) for one local address as a pure state machine — no sockets, no timers, no clock of
 * its own, like the NHRP engine (src/nhrp/engine.ts).
 *
 *   const engine = new IkeEngine(config, { random?, debug? })
 *     config  IkeEngineConfig or IkeEngineConfigInput (./config.ts; IOS defaults filled in).
 *     random  (n) => n random bytes (default node:crypto randomBytes): SPIs, nonces, DH private values, IVs.
 *     debug   emit `event` actions, the `debug crypto ikev2` text (default true).
 *
 *   Inputs — each returns IkeAction[] (./actions.ts) to carry out in order; `now` is ms on a monotonic clock:
 *     receive(now, udpPayload, from, localPort)   a datagram that reached UDP 500 or 4500 (4500: with the
 *                                                non-ESP marker; ESP and keepalives there are ignored)
 *     initiate(now, peerAddress)                 bring up an IKE SA and its first child SA
 *     rekeyChild(now, peerAddress) / rekeyIke(now, peerAddress) / deleteIke(now, peerAddress)
 *                                                (these three and initiate throw IkeError NO_PEER_CONFIG for a
 *                                                peer with no entry / no established SA; input never throws)
 *     tick(now), nextDeadline()                  timers: retransmission, DPD, rekey, expiry, half-open
 *   State: snapshot(now) (./snapshot.ts) for `show crypto ikev2 sa`; counters (refusals per IkeErrorCode).
 *
 * Inside: init.ts IKE_SA_INIT, auth.ts IKE_AUTH, create-child.ts CREATE_CHILD_SA, informational.ts DPD and
 * DELETE, child-sa.ts child negotiation, context.ts message transport (window 1, retransmission, response
 * cache), keymat.ts / sk.ts / dh.ts / proposals.ts the crypto.
 */
import { randomBytes } from 'node:crypto';
import {
  decodeIkev2,
  Ikev2Exchange,
  Ikev2Flags,
  unsupportedCriticalPayload,
  type Ikev2Message,
  type Ikev2Payload,
} from '../wire/ikev2/index.js';
import type { Endpoint, IkeAction } from './actions.js';
import { onAuthRequest } from './auth.js';
import { resolveIkeConfig, type IkeEngineConfig, type IkeEngineConfigInput } from './config.js';
import { Ctx, packetEvent, pump, respond, retransmit, sendIke, teardown } from './context.js';
import { onCreateChildRequest, rekeyChild, rekeyIke } from './create-child.js';
import { IkeError, type IkeCounters } from './errors.js';
import type { IkeSa } from './ike-sa.js';
import { armDpd, deleteChild, deleteIke, onDpdTimer, onInformationalRequest } from './informational.js';
import { initiate, onInitRequest } from './init.js';
import { Ikev2Notify, hex, notify } from './payloads.js';
import { unprotect } from './sk.js';
import { buildSnapshot, type IkeSnapshot } from './snapshot.js';
import type { Timer, TimerKind } from './timers.js';

export interface IkeEngineDeps {
  random?: (n: number) => Uint8Array;
  debug?: boolean;
}

type RequestHandler = (ctx: Ctx, sa: IkeSa, id: number, payloads: Ikev2Payload[]) => void;

/** Requests on an IKE SA, by exchange type. */
const REQUESTS: Record<number, RequestHandler> = {
  [Ikev2Exchange.IkeAuth]: onAuthRequest,
  [Ikev2Exchange.CreateChildSa]: onCreateChildRequest,
  [Ikev2Exchange.Informational]: onInformationalRequest,
};

/** Timer kind → handler. */
const TIMERS: Record<TimerKind, (ctx: Ctx, sa: IkeSa, t: Timer) => void> = {
  retransmit: (ctx, sa) => retransmit(ctx, sa),
  dpd: onDpdTimer,
  halfOpen: (ctx, sa) => {
    if (sa.state !== 'established') teardown(ctx, sa, 'TIMEOUT', 'negotiation did not complete');
  },
  ikeRekey: (ctx, sa) => rekeyIke(ctx, sa),
  ikeExpire: (ctx, sa) => deleteIke(ctx, sa, 'lifetime expired', 'EXPIRED'),
  childRekey: (ctx, sa, t) => {
    const c = sa.children.find((x) => x.spiIn === t.child);
    if (c && !c.retiring) rekeyChild(ctx, sa, c);
  },
  childExpire: (ctx, sa, t) => {
    const c = sa.children.find((x) => x.spiIn === t.child);
    if (c) deleteChild(ctx, sa, c, 'lifetime expired');
  },
};

export class IkeEngine {
  private readonly ctx: Ctx;

  constructor(config: IkeEngineConfig | IkeEngineConfigInput, deps: IkeEngineDeps = {}) {
    const random = deps.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
    this.ctx = new Ctx(resolveIkeConfig(config as IkeEngineConfigInput), random, deps.debug ?? true);
  }

  get config(): IkeEngineConfig {
    return this.ctx.cfg;
  }

  /** Messages refused, per reason. */
  get counters(): IkeCounters {
    return this.ctx.counters;
  }

  receive(now: number, udpPayload: Uint8Array, from: Endpoint, localPort: number): IkeAction[] {
    return this.run(now, () => this.dispatch(udpPayload, from, localPort));
  }

  initiate(now: number, peerAddress: string): IkeAction[] {
    return this.run(now, () => {
      const peer = this.ctx.peerConfig(peerAddress);
      if (!peer) throw new IkeError('NO_PEER_CONFIG', `no IKEv2 peer configured for ${peerAddress}`);
      initiate(this.ctx, peer);
    });
  }

  rekeyChild(now: number, peerAddress: string): IkeAction[] {
    return this.run(now, () => {
      const sa = this.established(peerAddress);
      for (const c of [...sa.children]) if (!c.retiring) rekeyChild(this.ctx, sa, c);
    });
  }

  rekeyIke(now: number, peerAddress: string): IkeAction[] {
    return this.run(now, () => rekeyIke(this.ctx, this.established(peerAddress)));
  }

  /** `clear crypto ikev2 sa`: delete the IKE SA with this peer (and its children). */
  deleteIke(now: number, peerAddress: string): IkeAction[] {
    return this.run(now, () => deleteIke(this.ctx, this.established(peerAddress), 'cleared'));
  }

  tick(now: number): IkeAction[] {
    return this.run(now, () => {
      for (let t = this.ctx.timers.pop(now); t; t = this.ctx.timers.pop(now)) {
        const sa = this.ctx.sas.get(t.sa);
        if (sa) TIMERS[t.kind](this.ctx, sa, t);
      }
    });
  }

  nextDeadline(): number | undefined {
    return this.ctx.timers.next();
  }

  snapshot(now: number): IkeSnapshot {
    return buildSnapshot(this.ctx, now);
  }

  private established(peerAddress: string): IkeSa {
    for (const sa of this.ctx.sas.values()) {
      if (sa.peer.address === peerAddress && sa.state === 'established' && sa.replacedBy === undefined) return sa;
    }
    throw new IkeError('NO_PEER_CONFIG', `no established IKE SA with ${peerAddress}`);
  }

  private run(now: number, fn: () => void): IkeAction[] {
    const ctx = this.ctx;
    ctx.now = now;
    ctx.out = [];
    fn();
    const out = ctx.out;
    ctx.out = [];
    return out;
  }

  private dispatch(udp: Uint8Array, from: Endpoint, localPort: number): void {
    const ctx = this.ctx;
    let bytes = udp;
    if (localPort === 4500) {
      if (udp.length < 4 || udp[0] || udp[1] || udp[2] || udp[3]) return; // ESP or a NAT-keepalive: the data plane's
      bytes = udp.subarray(4);
    }
    let msg: Ikev2Message;
    try {
      msg = decodeIkev2(bytes);
    } catch (e) {
      ctx.drop(bytes.length > 17 && bytes[17] >> 4 === 1 ? 'UNSUPPORTED' : 'MALFORMED', (e as Error).message);
      return;
    }
    const length = ((bytes[24] << 24) | (bytes[25] << 16) | (bytes[26] << 8) | bytes[27]) >>> 0;
    ctx.rx = { from, localPort, bytes: bytes.subarray(0, length) };
    const response = (msg.flags & Ikev2Flags.Response) !== 0;
    if (msg.exchangeType === Ikev2Exchange.IkeSaInit && !response) {
      packetEvent(
        ctx,
        'Received',
        undefined,
        localPort,
        from,
        { spiI: msg.initiatorSpi, spiR: msg.responderSpi, exchange: msg.exchangeType, id: msg.messageId, response },
        msg.payloads,
      );
      onInitRequest(ctx, msg);
      return;
    }
    const fromOriginalInitiator = (msg.flags & Ikev2Flags.Initiator) !== 0;
    const ours = fromOriginalInitiator ? msg.responderSpi : msg.initiatorSpi;
    const sa = ctx.bySpi.get(hex(ours));
    if (!sa || sa.initiator === fromOriginalInitiator || sa.peer.address !== from.address) {
      ctx.drop('UNKNOWN_SPI', `no IKE SA ${hex(ours)} with ${from.address}`);
      return;
    }
    if (response) {
      this.onResponse(sa, msg);
      return;
    }
    this.onRequest(sa, msg);
  }

  private onResponse(sa: IkeSa, msg: Ikev2Message): void {
    const ctx = this.ctx;
    const o = sa.outstanding;
    if (!o || o.id !== msg.messageId || o.exchange !== msg.exchangeType) {
      ctx.drop('INVALID_MESSAGE_ID', `response ${msg.messageId} to no outstanding request of ours`);
      return;
    }
    let payloads: Ikev2Payload[];
    if (msg.exchangeType === Ikev2Exchange.IkeSaInit) payloads = msg.payloads;
    else {
      const p = this.open(sa, msg);
      if (!p) return;
      payloads = p;
    }
    packetEvent(
      ctx,
      'Received',
      sa,
      ctx.rx.localPort,
      ctx.rx.from,
      { spiI: msg.initiatorSpi, spiR: msg.responderSpi, exchange: msg.exchangeType, id: msg.messageId, response: true },
      payloads,
    );
    sa.outstanding = undefined;
    ctx.timers.clear('retransmit', sa.id);
    o.onResponse(payloads, msg);
    if (ctx.sas.has(sa.id)) pump(ctx, sa);
  }

  private onRequest(sa: IkeSa, msg: Ikev2Message): void {
    const ctx = this.ctx;
    const id = msg.messageId;
    if (sa.lastResponse && id === sa.lastResponse.id) {
      ctx.event(`IKEv2:(SA ID = ${sa.id}):Retransmitted request ${id}: sending the cached response`);
      sendIke(ctx, sa.localPort, sa.peerEndpoint, sa.lastResponse.bytes);
      return;
    }
    if (id !== sa.expectId || msg.exchangeType === Ikev2Exchange.IkeSaInit) {
      ctx.drop('INVALID_MESSAGE_ID', `request ${id}, expected ${sa.expectId}`);
      return;
    }
    const payloads = this.open(sa, msg);
    if (!payloads) {
      if (this.lastOpenMalformed) {
        sa.expectId++;
        respond(ctx, sa, msg.exchangeType, id, [notify(Ikev2Notify.INVALID_SYNTAX)]);
      }
      return;
    }
    packetEvent(
      ctx,
      'Received',
      sa,
      ctx.rx.localPort,
      ctx.rx.from,
      { spiI: msg.initiatorSpi, spiR: msg.responderSpi, exchange: msg.exchangeType, id, response: false },
      payloads,
    );
    sa.expectId++;
    const critical = unsupportedCriticalPayload(payloads);
    if (critical !== undefined) {
      ctx.drop('UNSUPPORTED', `critical payload ${critical} not supported`);
      respond(ctx, sa, msg.exchangeType, id, [
        notify(Ikev2Notify.UNSUPPORTED_CRITICAL_PAYLOAD, Uint8Array.of(critical)),
      ]);
      return;
    }
    const handler = REQUESTS[msg.exchangeType];
    if (!handler) {
      ctx.drop('UNSUPPORTED', `exchange ${msg.exchangeType}`);
      respond(ctx, sa, msg.exchangeType, id, [notify(Ikev2Notify.INVALID_SYNTAX)]);
      return;
    }
    handler(ctx, sa, id, payloads);
  }

  private lastOpenMalformed = false;

  /** Decrypts a message on `sa`; an authenticated one refreshes the peer's port (NAT) and DPD. */
  private open(sa: IkeSa, msg: Ikev2Message): Ikev2Payload[] | undefined {
    const ctx = this.ctx;
    this.lastOpenMalformed = false;
    if (!sa.keys) {
      ctx.drop('INVALID_SYNTAX', 'encrypted message before the keys exist');
      return undefined;
    }
    let payloads: Ikev2Payload[];
    try {
      payloads = unprotect(sa.suite!, sa.receiveKeys, ctx.rx.bytes, msg);
    } catch (e) {
      const err = e as IkeError;
      ctx.drop(err.code ?? 'MALFORMED', err.message);
      this.lastOpenMalformed = err.code === 'MALFORMED';
      return undefined;
    }
    sa.lastHeard = ctx.now;
    sa.peerPort = ctx.rx.from.port;
    sa.localPort = ctx.rx.localPort;
    armDpd(ctx, sa);
    return payloads;
  }
}
