/**
 * Informational exchanges (RFC 2409 5.7): HDR*, HASH(1), N/D with HASH(1) = prf(SKEYID_a, M-ID | N/D) and the IV
 * hash(last phase-1 block | M-ID); received notifies (errors, INITIAL-CONTACT, DPD R-U-THERE / R-U-THERE-ACK of
 * RFC 3706 with the sequence number as data) and deletes (ESP SPIs, or the ISAKMP SA's cookies).
 */
import {
  IsakmpExchange,
  IsakmpNotify,
  isakmpNotifyName,
  type IsakmpMessage,
  type IsakmpPayload,
} from '../wire/isakmp/index.js';
import { hex, type Ctx } from './context.js';
import { Ikev1Error } from './errors.js';
import { phase2Iv, prf1, u32 } from './keymat.js';
import { chainBytes, notifyPayload } from './payloads.js';
import { removeChild, teardown } from './lifecycle.js';
import type { P1Sa } from './sa.js';
import { sameBytes } from './vendor.js';

/** A fresh message ID (non-zero, not in use on the SA). */
export function messageId(ctx: Ctx, sa: P1Sa): number {
  for (;;) {
    const b = ctx.random(4);
    const id = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
    if (id !== 0 && !sa.quick.has(id)) return id;
  }
}

/** Sends one protected informational payload (notify or delete) on an established SA. */
export function sendInformational(ctx: Ctx, sa: P1Sa, p: IsakmpPayload): void {
  if (!sa.keys || !sa.iv) return;
  const h = sa.policy!.hash;
  const id = messageId(ctx, sa);
  const hash = prf1(h, sa.keys.a, u32(id), chainBytes([p]));
  const { bytes } = ctx.sealed(sa, IsakmpExchange.Informational, id, phase2Iv(h, sa.policy!.encr, sa.iv, id), [
    { kind: 'hash', data: hash },
    p,
  ]);
  ctx.send(sa, bytes);
}

/** A plain (unprotected) notify, for errors before the keys exist (NO-PROPOSAL-CHOSEN to a first message). */
export function sendPlainNotify(ctx: Ctx, sa: P1Sa, type: number): void {
  ctx.send(sa, ctx.plain(sa, IsakmpExchange.Informational, [notifyPayload(type)]));
}

/** A received informational message on `sa`. */
export function onInformational(ctx: Ctx, sa: P1Sa, msg: IsakmpMessage): void {
  if (!msg.encrypted) {
    // before the keys exist: an error about our first messages
    for (const p of msg.payloads) if (p.kind === 'notify') peerError(ctx, sa, p.notifyType);
    return;
  }
  if (!sa.keys || !sa.iv || sa.state !== 'QM_IDLE')
    throw new Ikev1Error('UNKNOWN_COOKIE', 'informational before phase 1 is up');
  const h = sa.policy!.hash;
  const o = ctx.open(sa, msg, phase2Iv(h, sa.policy!.encr, sa.iv, msg.messageId));
  const first = o.payloads[0];
  if (first?.kind !== 'hash' || o.chain.length < 2)
    throw new Ikev1Error('INVALID_HASH', 'informational without HASH(1)');
  const expect = prf1(h, sa.keys.a, u32(msg.messageId), o.plain.subarray(o.chain[1].at, o.end));
  if (!sameBytes(first.data, expect)) throw new Ikev1Error('INVALID_HASH', 'informational HASH(1) does not verify');
  sa.lastHeard = ctx.now;
  sa.dpd.misses = 0;
  for (const p of o.payloads.slice(1)) {
    if (p.kind === 'notify') onNotify(ctx, sa, p);
    else if (p.kind === 'delete') onDelete(ctx, sa, p);
  }
}

function onNotify(ctx: Ctx, sa: P1Sa, n: Extract<IsakmpPayload, { kind: 'notify' }>): void {
  if (n.notifyType === IsakmpNotify.R_U_THERE) {
    ctx.event(`ISAKMP:(${sa.id}): DPD R-U-THERE from ${sa.peer}, answering`);
    sendInformational(ctx, sa, notifyPayload(IsakmpNotify.R_U_THERE_ACK, Buffer.concat([sa.ckyI, sa.ckyR]), n.data));
    return;
  }
  if (n.notifyType === IsakmpNotify.R_U_THERE_ACK) {
    ctx.event(`ISAKMP:(${sa.id}): DPD R-U-THERE-ACK from ${sa.peer}`);
    sa.dpd.outstanding = undefined;
    return;
  }
  if (n.notifyType === IsakmpNotify.INITIAL_CONTACT) return;
  if (n.notifyType < 16384) peerError(ctx, sa, n.notifyType);
}

function peerError(ctx: Ctx, sa: P1Sa, type: number): void {
  ctx.counters.PEER_ERROR++;
  ctx.log(`%CRYPTO-6-IKMP_MODE_FAILURE: Processing of ${isakmpNotifyName(type)} notify from peer at ${sa.peer}`);
  const qm = [...sa.quick.values()].find((q) => q.initiator);
  if (sa.state !== 'QM_IDLE') teardown(ctx, sa, `peer sent ${isakmpNotifyName(type)}`);
  else if (qm) {
    sa.quick.delete(qm.msgId);
    ctx.timers.clear('qmRetransmit', sa.id, qm.msgId);
  }
}

function onDelete(ctx: Ctx, sa: P1Sa, d: Extract<IsakmpPayload, { kind: 'delete' }>): void {
  if (d.protocolId === 1) {
    const mine = hex(Buffer.concat([sa.ckyI, sa.ckyR]));
    if (d.spis.some((s) => hex(s) === mine)) teardown(ctx, sa, 'deleted by peer');
    return;
  }
  if (d.protocolId !== 3 || d.spiSize !== 4) return;
  for (const s of d.spis) {
    const spi = ((s[0] << 24) | (s[1] << 16) | (s[2] << 8) | s[3]) >>> 0;
    const c = sa.children.find((x) => x.spiOut === spi);
    if (c) removeChild(ctx, sa, c, 'deleted by peer', false);
  }
}

/** DPD timer: nothing heard for the interval, so R-U-THERE; five misses and the peer is dead. */
export function onDpdTimer(ctx: Ctx, sa: P1Sa): void {
  const d = ctx.cfg.dpd;
  if (!d || sa.state !== 'QM_IDLE') return;
  if (sa.dpd.outstanding === undefined && ctx.now - sa.lastHeard < d.interval * 1000) {
    ctx.timers.set('dpd', sa.id, sa.lastHeard + d.interval * 1000);
    return;
  }
  if (sa.dpd.outstanding !== undefined) sa.dpd.misses++;
  if (sa.dpd.misses >= 5) {
    ctx.counters.TIMEOUT++;
    ctx.log(`%CRYPTO-4-IKMP_NO_RESPONSE: DPD: peer ${sa.peer} does not answer R-U-THERE, deleting its SAs`);
    teardown(ctx, sa, 'peer dead (DPD)');
    return;
  }
  sa.dpd.seq = (sa.dpd.seq + 1) >>> 0;
  sa.dpd.outstanding = sa.dpd.seq;
  ctx.event(`ISAKMP:(${sa.id}): DPD R-U-THERE ${sa.dpd.seq} to ${sa.peer}`);
  sendInformational(ctx, sa, notifyPayload(IsakmpNotify.R_U_THERE, Buffer.concat([sa.ckyI, sa.ckyR]), u32(sa.dpd.seq)));
  ctx.timers.set('dpd', sa.id, ctx.now + d.retry * 1000);
}
