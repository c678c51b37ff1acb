/**
 * Quick mode (RFC 2409 5.5) with and without PFS, NAT-OA in transport mode behind a NAT (RFC 3947 5.2):
 *
 *   I -> R  HDR*, HASH(1), SA, Ni [, KE] [, IDci, IDcr] [, NAT-OAi, NAT-OAr]
 *   R -> I  HDR*, HASH(2), SA, Nr [, KE] [, IDci, IDcr] [, NAT-OAi, NAT-OAr]
 *   I -> R  HDR*, HASH(3)
 *
 *   HASH(1) = prf(SKEYID_a, M-ID | rest of message), HASH(2) = prf(SKEYID_a, M-ID | Ni_b | rest),
 *   HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b). The initiator installs after HASH(2), the responder after
 *   HASH(3). IDs protect GRE (protocol 47) between the two addresses; behind a NAT the peer's IDci may be its
 *   private address.
 */
import { IsakmpExchange, IsakmpNotify, type IsakmpMessage, type IsakmpPayload } from '../wire/isakmp/index.js';
import { ENCR, INTEG, espTransformSuite, isDhGroup, type EspSuiteChoice } from '../ike/algorithms.js';
import type { EspSa } from '../ipsec/index.js';
import { isV1Group, type V1Group } from './algorithms.js';
import type { Ctx } from './context.js';
import { v1KeyPair } from './dh.js';
import { Ikev1Error } from './errors.js';
import { messageId, sendInformational } from './informational.js';
import { keymat, phase2Iv, prf1, u32 } from './keymat.js';
import { installChild } from './lifecycle.js';
import { chainBytes, find, idAddress, idPayload, notifyPayload } from './payloads.js';
import { PROTO_ESP, shorter, acceptedPhase2, choosePhase2, phase2Offer, phase2Reply } from './proposals.js';
import type { P1Sa, QuickMode, V1Child } from './sa.js';
import { sameBytes } from './vendor.js';

const NONCE = 32;

const natted = (sa: P1Sa) => sa.nat.local || sa.nat.peer;

/** A fresh inbound SPI: random, above 255, unused. */
function newSpi(ctx: Ctx): number {
  for (;;) {
    const b = ctx.random(4);
    const spi = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
    if (spi < 256) continue;
    if (![...ctx.sas.values()].some((sa) => sa.children.some((c) => c.spiIn === spi))) return spi;
  }
}

function qmIds(ctx: Ctx, sa: P1Sa, initiator: boolean): IsakmpPayload[] {
  const me = idPayload(ctx.cfg.localAddress, ctx.cfg.protocol);
  const peer = idPayload(sa.peer, ctx.cfg.protocol);
  return initiator ? [me, peer] : [peer, me];
}

function natOa(ctx: Ctx, sa: P1Sa, initiator: boolean): IsakmpPayload[] {
  if (ctx.cfg.mode !== 'transport' || !natted(sa)) return [];
  const me: IsakmpPayload = { kind: 'natOa', idType: 1, address: ctx.cfg.localAddress };
  const peer: IsakmpPayload = { kind: 'natOa', idType: 1, address: sa.peer };
  return initiator ? [me, peer] : [peer, me];
}

function sendQm(ctx: Ctx, sa: P1Sa, qm: QuickMode, payloads: IsakmpPayload[]): void {
  const { bytes, nextIv } = ctx.sealed(sa, IsakmpExchange.QuickMode, qm.msgId, qm.iv, payloads);
  qm.iv = nextIv;
  qm.lastSent = bytes;
  qm.tries = 0;
  ctx.send(sa, bytes);
  ctx.timers.set('qmRetransmit', sa.id, ctx.now + ctx.cfg.retransmit.timeout, qm.msgId);
}

/** Starts a quick mode on an established SA (a first IPsec SA, or the rekey of `rekeyOf`). */
export function startQuick(ctx: Ctx, sa: P1Sa, rekeyOf?: number): void {
  if (sa.state !== 'QM_IDLE' || !sa.keys || !sa.iv) return;
  const p = sa.policy!;
  const msgId = messageId(ctx, sa);
  const qm: QuickMode = {
    msgId,
    initiator: true,
    iv: phase2Iv(p.hash, p.encr, sa.iv, msgId),
    ni: ctx.random(NONCE),
    spiIn: newSpi(ctx),
    tries: 0,
    startedAt: ctx.now,
    ...(rekeyOf !== undefined ? { rekeyOf } : {}),
  };
  const pfs = ctx.cfg.pfs;
  if (pfs) qm.dh = v1KeyPair(pfs, ctx.random);
  sa.quick.set(msgId, qm);
  const offer = phase2Offer(ctx.cfg.esp, qm.spiIn, {
    mode: ctx.cfg.mode,
    udpEncap: natted(sa),
    lifetime: ctx.cfg.childLifetime,
    ...(pfs ? { pfs } : {}),
  });
  const rest: IsakmpPayload[] = [
    offer,
    { kind: 'nonce', data: qm.ni },
    ...(qm.dh ? [{ kind: 'ke' as const, data: qm.dh.publicValue }] : []),
    ...qmIds(ctx, sa, true),
    ...natOa(ctx, sa, true),
  ];
  const hash = prf1(p.hash, sa.keys.a, u32(msgId), chainBytes(rest));
  ctx.event(`ISAKMP:(${sa.id}): quick mode ${msgId >>> 0} to ${sa.peer}${rekeyOf !== undefined ? ' (rekey)' : ''}`);
  sendQm(ctx, sa, qm, [{ kind: 'hash', data: hash }, ...rest]);
}

/** A quick mode message on `sa`. */
export function onQuick(ctx: Ctx, sa: P1Sa, msg: IsakmpMessage): void {
  if (sa.state !== 'QM_IDLE' || !sa.keys || !sa.iv)
    throw new Ikev1Error('UNKNOWN_COOKIE', 'quick mode before phase 1 is up');
  if (!msg.encrypted) throw new Ikev1Error('MALFORMED', 'quick mode not encrypted');
  const p = sa.policy!;
  let qm = sa.quick.get(msg.messageId);
  const fresh = !qm;
  const iv = qm ? qm.iv : phase2Iv(p.hash, p.encr, sa.iv, msg.messageId);
  const o = ctx.open(sa, msg, iv);
  const first = o.payloads[0];
  if (first?.kind !== 'hash') throw new Ikev1Error('INVALID_HASH', 'quick mode message without HASH first');
  const rest = o.chain.length > 1 ? o.plain.subarray(o.chain[1].at, o.end) : new Uint8Array(0);
  const a = sa.keys.a;
  const id = u32(msg.messageId);
  if (fresh) {
    if (!sameBytes(first.data, prf1(p.hash, a, id, rest)))
      throw new Ikev1Error('INVALID_HASH', 'quick mode HASH(1) does not verify');
    qm = {
      msgId: msg.messageId,
      initiator: false,
      iv: o.nextIv,
      ni: new Uint8Array(0),
      spiIn: 0,
      tries: 0,
      startedAt: ctx.now,
    };
    sa.lastHeard = ctx.now;
    return onQm1(ctx, sa, qm, o.payloads);
  }
  qm = qm!;
  if (qm.initiator && qm.nr === undefined) {
    if (!sameBytes(first.data, prf1(p.hash, a, id, qm.ni, rest)))
      throw new Ikev1Error('INVALID_HASH', 'quick mode HASH(2) does not verify');
    qm.iv = o.nextIv;
    sa.lastHeard = ctx.now;
    return onQm2(ctx, sa, qm, o.payloads);
  }
  if (!qm.initiator && qm.agreed) {
    if (!sameBytes(first.data, prf1(p.hash, a, Uint8Array.of(0), id, qm.ni, qm.nr!))) {
      throw new Ikev1Error('INVALID_HASH', 'quick mode HASH(3) does not verify');
    }
    sa.lastHeard = ctx.now;
    return onQm3(ctx, sa, qm);
  }
}

function refuse(ctx: Ctx, sa: P1Sa, code: 'NO_PROPOSAL_CHOSEN' | 'INVALID_ID_INFORMATION', why: string): never {
  const type = code === 'NO_PROPOSAL_CHOSEN' ? IsakmpNotify.NO_PROPOSAL_CHOSEN : IsakmpNotify.INVALID_ID_INFORMATION;
  ctx.log(`%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Quick mode failed with peer at ${sa.peer}`);
  sendInformational(ctx, sa, notifyPayload(type));
  throw new Ikev1Error(code, why);
}

function onQm1(ctx: Ctx, sa: P1Sa, qm: QuickMode, payloads: IsakmpPayload[]): void {
  const offer = find(payloads, 'sa');
  const ni = find(payloads, 'nonce');
  if (!offer || !ni) throw new Ikev1Error('MALFORMED', 'QM1 without SA or nonce');
  const ids = payloads.filter((x) => x.kind === 'id');
  if (ids.length !== 0 && ids.length !== 2) refuse(ctx, sa, 'INVALID_ID_INFORMATION', `QM1 with ${ids.length} IDs`);
  if (ids.length === 2) {
    const [ci, cr] = ids as Extract<IsakmpPayload, { kind: 'id' }>[];
    const okProto = (x: { protocolId: number }) => ctx.cfg.protocol === 0 || x.protocolId === ctx.cfg.protocol;
    const ciOk = idAddress(ci) === sa.peer || natted(sa);
    const crOk = idAddress(cr) === ctx.cfg.localAddress || natted(sa);
    if (!ciOk || !crOk || !okProto(ci) || !okProto(cr)) {
      refuse(
        ctx,
        sa,
        'INVALID_ID_INFORMATION',
        `proxy identities ${idAddress(ci)}/${ci.protocolId} -> ${idAddress(cr)}/${cr.protocolId} not protected here`,
      );
    }
  }
  const picked = choosePhase2(offer, ctx.cfg.esp, ctx.cfg.mode, ctx.cfg.pfs);
  if (!picked) refuse(ctx, sa, 'NO_PROPOSAL_CHOSEN', 'no transform set matches the offer');
  const { chosen } = picked;
  const ke = find(payloads, 'ke');
  let pfsSecret: Uint8Array | undefined;
  if (chosen.pfs !== undefined) {
    if (!ke || !isV1Group(chosen.pfs)) refuse(ctx, sa, 'NO_PROPOSAL_CHOSEN', 'PFS group without KE');
    qm.dh = v1KeyPair(chosen.pfs as V1Group, ctx.random);
    try {
      pfsSecret = qm.dh.secret(ke.data);
    } catch (e) {
      throw new Ikev1Error('INVALID_KE', (e as Error).message);
    }
  }
  qm.ni = ni.data.slice();
  qm.nr = ctx.random(NONCE);
  qm.spiIn = newSpi(ctx);
  qm.agreed = {
    choice: chosen.choice,
    spiOut: chosen.spi,
    udpEncap: chosen.udpEncap || natted(sa),
    lifetime: shorter(ctx.cfg.childLifetime, chosen.lifetime),
    ...(pfsSecret ? { pfsSecret } : {}),
  };
  sa.quick.set(qm.msgId, qm);
  const rest: IsakmpPayload[] = [
    phase2Reply(offer, picked.number, picked.transform, qm.spiIn),
    { kind: 'nonce', data: qm.nr },
    ...(qm.dh ? [{ kind: 'ke' as const, data: qm.dh.publicValue }] : []),
    ...ids,
    ...(payloads.some((x) => x.kind === 'natOa') ? natOa(ctx, sa, false) : []),
  ];
  const p = sa.policy!;
  const hash = prf1(p.hash, sa.keys!.a, u32(qm.msgId), qm.ni, chainBytes(rest));
  sendQm(ctx, sa, qm, [{ kind: 'hash', data: hash }, ...rest]);
}

function onQm2(ctx: Ctx, sa: P1Sa, qm: QuickMode, payloads: IsakmpPayload[]): void {
  const reply = find(payloads, 'sa');
  const nr = find(payloads, 'nonce');
  const chosen = reply ? acceptedPhase2(reply) : undefined;
  const ours = chosen && ctx.cfg.esp.some((o) => o.encr === chosen.choice.encr && o.integ === chosen.choice.integ);
  if (!chosen || !nr || !ours) throw new Ikev1Error('NO_PROPOSAL_CHOSEN', 'QM2 chose a transform we did not offer');
  let pfsSecret: Uint8Array | undefined;
  if (qm.dh) {
    const ke = find(payloads, 'ke');
    if (!ke) throw new Ikev1Error('MALFORMED', 'QM2 without KE for PFS');
    try {
      pfsSecret = qm.dh.secret(ke.data);
    } catch (e) {
      throw new Ikev1Error('INVALID_KE', (e as Error).message);
    }
  }
  qm.nr = nr.data.slice();
  const p = sa.policy!;
  const hash3 = prf1(p.hash, sa.keys!.a, Uint8Array.of(0), u32(qm.msgId), qm.ni, qm.nr);
  sendQm(ctx, sa, qm, [{ kind: 'hash', data: hash3 }]);
  ctx.timers.clear('qmRetransmit', sa.id, qm.msgId);
  ctx.timers.set('qmRetransmit', sa.id, ctx.now + 30_000, qm.msgId);
  const c = makeChild(
    ctx,
    sa,
    qm,
    chosen.choice,
    chosen.spi,
    chosen.udpEncap || natted(sa),
    Math.min(chosen.lifetime, ctx.cfg.childLifetime),
    pfsSecret,
    true,
  );
  installChild(ctx, sa, c, qm.rekeyOf);
}

function onQm3(ctx: Ctx, sa: P1Sa, qm: QuickMode): void {
  const a = qm.agreed!;
  sa.quick.delete(qm.msgId);
  ctx.timers.clear('qmRetransmit', sa.id, qm.msgId);
  const c = makeChild(ctx, sa, qm, a.choice, a.spiOut, a.udpEncap, a.lifetime, a.pfsSecret, false);
  installChild(ctx, sa, c);
}

/** The two ESP SAs of a quick mode: KEYMAT per SPI, encryption key then integrity key. */
function makeChild(
  ctx: Ctx,
  sa: P1Sa,
  qm: QuickMode,
  choice: EspSuiteChoice,
  spiOut: number,
  udpEncap: boolean,
  lifetime: number,
  pfs: Uint8Array | undefined,
  ours: boolean,
): V1Child {
  const p = sa.policy!;
  const e = ENCR[choice.encr].keyLength;
  const ia = choice.integ ? INTEG[choice.integ].keyLength : 0;
  const suite = espTransformSuite(choice);
  const esp = (spi: number): EspSa => {
    const km = keymat(p.hash, sa.keys!.d, PROTO_ESP, spi, qm.ni, qm.nr!, e + ia, pfs);
    return { spi, suite, encKey: km.slice(0, e), ...(ia ? { authKey: km.slice(e, e + ia) } : {}) };
  };
  ctx.event(
    `ISAKMP:(${sa.id}): IPsec SA in 0x${qm.spiIn.toString(16)} out 0x${spiOut.toString(16)} ` +
      `${choice.encr}${choice.integ ? ` ${choice.integ}` : ''}${pfs ? ' PFS' : ''}`,
  );
  return {
    spiIn: qm.spiIn,
    spiOut,
    algorithms: { ...choice, ...(qm.dh && isDhGroup(qm.dh.group) ? { dh: qm.dh.group } : {}) },
    mode: ctx.cfg.mode,
    udpEncap,
    inbound: esp(qm.spiIn),
    outbound: esp(spiOut),
    createdAt: ctx.now,
    lifetime,
    ours,
    retiring: false,
  };
}

/** Retransmits a quick mode message; the initiator's finished exchange is forgotten after its grace time. */
export function onQmRetransmit(ctx: Ctx, sa: P1Sa, msgId: number): void {
  const qm = sa.quick.get(msgId);
  if (!qm) return;
  if (qm.initiator && qm.nr !== undefined) {
    sa.quick.delete(msgId);
    return;
  }
  if (!qm.lastSent || qm.tries >= ctx.cfg.retransmit.tries) {
    sa.quick.delete(msgId);
    ctx.counters.TIMEOUT++;
    ctx.log(`%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Quick mode failed with peer at ${sa.peer}`);
    return;
  }
  qm.tries++;
  ctx.send(sa, qm.lastSent);
  ctx.timers.set('qmRetransmit', sa.id, ctx.now + ctx.cfg.retransmit.timeout * 2 ** qm.tries, msgId);
}
