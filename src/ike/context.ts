/**
 * The engine-wide state every exchange handler shares (the clock, the output, timers, counters, the SA tables),
 * and the message transport of an IKE SA: sending requests through the window of 1 with retransmission,
 * answering (and caching the answer for a retransmitted request), tearing an SA down.
 */
import { encapsulateIke } from '../wire/esp/index.js';
import {
  Ikev2Flags,
  ikev2ExchangeName,
  ikev2NotifyName,
  ikev2PayloadName,
  ikev2PayloadType,
  type Ikev2Payload,
} from '../wire/ikev2/index.js';
import type { Endpoint, IkeAction } from './actions.js';
import type { IkeEngineConfig, IkePeerConfig } from './config.js';
import { newCounters, type IkeErrorCode } from './errors.js';
import type { IkeSa, Queued } from './ike-sa.js';
import { hex } from './payloads.js';
import { protect } from './sk.js';
import { Timers } from './timers.js';

/** A peer entry with this address matches any IPv4 peer (a DMVPN hub's spokes). */
export const WILDCARD = '0.0.0.0';
/** A peer entry with this address matches any IPv6 peer (IOS `address ::/0`). */
export const WILDCARD6 = '::';

export class Ctx {
  now = 0;
  out: IkeAction[] = [];
  readonly timers = new Timers();
  readonly counters = newCounters();
  /** IKE SAs by tunnel-id, and by our SPI (hex). */
  readonly sas = new Map<number, IkeSa>();
  readonly bySpi = new Map<string, IkeSa>();
  private nextTunnelId = 1;
  readonly cookieSecret: Uint8Array;
  /** Where the message being handled came from and which local port it reached. */
  rx: { from: Endpoint; localPort: number; bytes: Uint8Array } = {
    from: { address: '', port: 0 },
    localPort: 500,
    bytes: new Uint8Array(0),
  };

  constructor(
    public cfg: IkeEngineConfig,
    readonly random: (n: number) => Uint8Array,
    readonly debug: boolean,
  ) {
    this.cookieSecret = random(32);
  }

  tunnelId(): number {
    return this.nextTunnelId++;
  }

  /**
   * The peer entry for `address`, else the wildcard entry of its family (0.0.0.0, IOS `address 0.0.0.0`; ::, IOS
   * `address ::/0`) made concrete.
   */
  peerConfig(address: string): IkePeerConfig | undefined {
    const exact = this.cfg.peers.find((p) => p.address === address);
    if (exact) return exact;
    const wildcard = address.includes(':') ? WILDCARD6 : WILDCARD;
    const any = this.cfg.peers.find((p) => p.address === wildcard);
    return any && address !== wildcard ? { ...any, address } : undefined;
  }

  add(sa: IkeSa): void {
    this.sas.set(sa.id, sa);
    this.bySpi.set(sa.key, sa);
  }

  log(text: string): void {
    this.out.push({ kind: 'log', text });
  }

  event(text: string): void {
    if (this.debug) this.out.push({ kind: 'event', text });
  }

  /** Counts a refused message under `code` and says why in the debug output. */
  drop(code: IkeErrorCode, why: string): void {
    this.counters[code]++;
    this.event(`IKEv2:Dropping packet: ${why} (${code})`);
  }
}

/** Sends an IKE message, with the non-ESP marker on port 4500. */
export function sendIke(ctx: Ctx, localPort: number, to: Endpoint, bytes: Uint8Array): void {
  ctx.out.push({ kind: 'send', localPort, to, bytes: localPort === 4500 ? encapsulateIke(bytes) : bytes });
}

/** The `debug crypto ikev2 packet` line of a message. */
export function packetEvent(
  ctx: Ctx,
  dir: 'Sending' | 'Received',
  sa: { initiator: boolean; spiI: Uint8Array; spiR: Uint8Array; id: number } | undefined,
  local: number,
  remote: Endpoint,
  h: { spiI: Uint8Array; spiR: Uint8Array; exchange: number; id: number; response: boolean },
  payloads: readonly Ikev2Payload[],
): void {
  if (!ctx.debug) return;
  const names = payloads.map((p) =>
    p.kind === 'notify'
      ? `N(${ikev2NotifyName(p.notifyType)})`
      : p.kind === 'nonce'
        ? 'NONCE'
        : ikev2PayloadName(ikev2PayloadType(p)),
  );
  const way =
    dir === 'Sending'
      ? `To ${remote.address}:${remote.port}/From ${ctx.cfg.localAddress}:${local}`
      : `From ${remote.address}:${remote.port}/To ${ctx.cfg.localAddress}:${local}`;
  ctx.event(
    `IKEv2:(SA ID = ${sa?.id ?? 0}):${dir} Packet [${way}/VRF i0:f0] Initiator SPI : ${hex(h.spiI).toUpperCase()} - ` +
      `Responder SPI : ${hex(h.spiR).toUpperCase()} Message id: ${h.id} IKEv2 ${ikev2ExchangeName(h.exchange)} ` +
      `Exchange ${h.response ? 'RESPONSE' : 'REQUEST'} Payload contents: ${names.join(' ') || '(none)'}`,
  );
}

function flags(sa: IkeSa, response: boolean): number {
  return (sa.initiator ? Ikev2Flags.Initiator : 0) | (response ? Ikev2Flags.Response : 0);
}

/** Encrypts `payloads` as message `id` of `exchange` on `sa`. */
export function sealMessage(
  ctx: Ctx,
  sa: IkeSa,
  exchange: number,
  id: number,
  response: boolean,
  payloads: Ikev2Payload[],
): Uint8Array {
  packetEvent(
    ctx,
    'Sending',
    sa,
    sa.localPort,
    sa.peerEndpoint,
    { spiI: sa.spiI, spiR: sa.spiR, exchange, id, response },
    payloads,
  );
  const header = {
    initiatorSpi: sa.spiI,
    responderSpi: sa.spiR,
    minorVersion: 0,
    exchangeType: exchange,
    flags: flags(sa, response),
    messageId: id,
  };
  return protect(sa.suite!, sa.sendKeys, header, payloads, ctx.random);
}

/** The IKE SA that now stands for `sa`: itself, or the one that rekeyed it (and so on). */
export function current(ctx: Ctx, sa: IkeSa): IkeSa {
  let s = sa;
  for (let next = s.replacedBy; next !== undefined && ctx.sas.has(next); next = s.replacedBy) s = ctx.sas.get(next)!;
  return s;
}

/** Queues a request on `sa` (sent now when nothing of ours is outstanding). */
export function request(ctx: Ctx, sa: IkeSa, q: Queued): void {
  sa.queue.push(q);
  pump(ctx, sa);
}

/** Sends the next queued request when the window is free. */
export function pump(ctx: Ctx, sa: IkeSa): void {
  while (!sa.outstanding && sa.queue.length) {
    const q = sa.queue.shift()!;
    const payloads = q.build();
    if (!payloads) continue;
    const id = sa.nextId++;
    const bytes = sealMessage(ctx, sa, q.exchange, id, false, payloads);
    startRequest(ctx, sa, {
      id,
      exchange: q.exchange,
      bytes,
      what: q.what,
      fixed: q.fixed,
      onResponse: q.onResponse,
      onTimeout: q.onTimeout,
    });
  }
}

/** Makes `o` the outstanding request, sends it and arms its retransmission. */
export function startRequest(
  ctx: Ctx,
  sa: IkeSa,
  o: Omit<import('./ike-sa.js').Outstanding, 'tries' | 'timeout'>,
): void {
  const timeout = o.fixed ?? ctx.cfg.retransmit.timeout;
  sa.outstanding = { ...o, tries: 0, timeout };
  sendIke(ctx, sa.localPort, sa.peerEndpoint, o.bytes);
  ctx.timers.set('retransmit', sa.id, ctx.now + timeout);
}

/** The retransmit timer: resend with the timeout doubled (or the fixed DPD retry), or give up. */
export function retransmit(ctx: Ctx, sa: IkeSa): void {
  const o = sa.outstanding;
  if (!o) return;
  if (o.tries >= ctx.cfg.retransmit.tries) {
    sa.outstanding = undefined;
    ctx.event(`IKEv2:(SA ID = ${sa.id}):Maximum number of retransmissions reached (${o.what})`);
    if (o.onTimeout) o.onTimeout();
    else teardown(ctx, sa, 'TIMEOUT', `no response from ${sa.peer.address} to ${o.what}`);
    return;
  }
  o.tries++;
  o.timeout = o.fixed ?? o.timeout * 2;
  ctx.event(`IKEv2:(SA ID = ${sa.id}):Retransmitting packet (${o.what}), try ${o.tries}`);
  sendIke(ctx, sa.localPort, sa.peerEndpoint, o.bytes);
  ctx.timers.set('retransmit', sa.id, ctx.now + o.timeout);
}

/** Answers request `id` with `payloads` (encrypted) and caches the answer for a retransmitted request. */
export function respond(ctx: Ctx, sa: IkeSa, exchange: number, id: number, payloads: Ikev2Payload[]): void {
  const bytes = sealMessage(ctx, sa, exchange, id, true, payloads);
  sa.lastResponse = { id, bytes };
  sendIke(ctx, sa.localPort, sa.peerEndpoint, bytes);
}

/** Removes an SA: its children go down, then the SA (`ikeDown` with `reason`); its timers are cleared. */
export function teardown(
  ctx: Ctx,
  sa: IkeSa,
  code: IkeErrorCode | 'DELETED' | 'REKEYED' | 'EXPIRED',
  why: string,
): void {
  if (!ctx.sas.has(sa.id)) return;
  if (code !== 'DELETED' && code !== 'REKEYED' && code !== 'EXPIRED') ctx.counters[code]++;
  for (const c of sa.children.splice(0)) {
    ctx.out.push({
      kind: 'childDown',
      tunnelId: sa.id,
      peer: sa.peer.address,
      spiIn: c.spiIn,
      spiOut: c.spiOut,
      reason: why,
    });
  }
  ctx.sas.delete(sa.id);
  if (ctx.bySpi.get(sa.key) === sa) ctx.bySpi.delete(sa.key);
  ctx.timers.clearSa(sa.id);
  sa.outstanding = undefined;
  sa.queue.length = 0;
  if (code !== 'REKEYED') {
    ctx.log(
      `%IKEV2-5-SA_DOWN: SA DOWN: Tunnel-id ${sa.id} Local ${ctx.cfg.localAddress}/${sa.localPort} ` +
        `Remote ${sa.peer.address}/${sa.peerPort}: ${why}`,
    );
  }
  ctx.out.push({ kind: 'ikeDown', tunnelId: sa.id, peer: sa.peer.address, reason: `${code}: ${why}` });
}
