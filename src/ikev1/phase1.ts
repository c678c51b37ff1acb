/**
 * Phase 1 with pre-shared keys (RFC 2409 5.4), NAT-T (RFC 3947) and DPD VIDs (RFC 3706):
 *
 *   Main mode                                   Aggressive mode
 *   I -> R  HDR, SA, VID                        I -> R  HDR, SA, KE, Ni, IDii, VID
 *   R -> I  HDR, SA, VID                        R -> I  HDR, SA, KE, Nr, IDir, HASH_R, VID, NAT-D, NAT-D
 *   I -> R  HDR, KE, Ni, NAT-D, NAT-D           I -> R  HDR*, HASH_I, NAT-D, NAT-D   (port 4500 if NAT)
 *   R -> I  HDR, KE, Nr, NAT-D, NAT-D
 *   I -> R  HDR*, IDii, HASH_I [, N(INITIAL-CONTACT)]   (port 4500 if NAT)
 *   R -> I  HDR*, IDir, HASH_R
 */
import { IsakmpExchange, IsakmpNotify, type IsakmpMessage } from '../wire/isakmp/index.js';
import { V1_ENCR, type V1Group } from './algorithms.js';
import type { Ctx } from './context.js';
import { v1KeyPair } from './dh.js';
import { Ikev1Error } from './errors.js';
import { sendPlainNotify } from './informational.js';
import { authHash, phase1Iv, phase1Keys } from './keymat.js';
import { established, newSa, teardown } from './lifecycle.js';
import { bodyBytes, find, idPayload, initialContact } from './payloads.js';
import { acceptedPhase1, choosePhase1, phase1Offer } from './proposals.js';
import { rawBody, walkChain } from './raw.js';
import type { P1Sa } from './sa.js';
import { detectNat, natDPayloads, ourVendorIds, peerVendorIds, sameBytes } from './vendor.js';

const NONCE = 32;
type Start = (sa: P1Sa) => void;

/** Sends a phase-1 message the initiator retransmits until the answer comes. */
function sendP1(ctx: Ctx, sa: P1Sa, bytes: Uint8Array): void {
  sa.lastSent = bytes;
  ctx.send(sa, bytes);
  if (sa.initiator) {
    sa.tries = 0;
    ctx.timers.set('p1Retransmit', sa.id, ctx.now + ctx.cfg.retransmit.timeout);
  }
}

function modeName(sa: P1Sa): string {
  return sa.aggressive ? 'Aggressive' : 'Main';
}

/** Starts phase 1 with `peer`. Throws Ikev1Error NO_PRESHARED_KEY when no key matches it. */
export function initiatePhase1(ctx: Ctx, peer: string): P1Sa {
  const psk = ctx.pskFor(peer);
  if (!psk) {
    ctx.log(`%CRYPTO-4-IKMP_NO_PRESHARED_KEY: No pre-shared key with ${peer}`);
    throw new Ikev1Error('NO_PRESHARED_KEY', `no pre-shared key with ${peer}`);
  }
  const aggressive = ctx.cfg.initiateAggressive;
  const sa = newSa(ctx, { initiator: true, aggressive, peer, peerPort: 500, psk });
  sa.ckyI = ctx.random(8);
  ctx.add(sa);
  let policies = ctx.cfg.policies;
  if (aggressive) policies = policies.filter((p) => p.group === policies[0].group);
  const offer = phase1Offer(policies);
  sa.saiBody = bodyBytes(offer);
  const vids = ourVendorIds(ctx.cfg.natTraversal);
  ctx.timers.set('halfOpen', sa.id, ctx.now + 60_000);
  if (!aggressive) {
    sendP1(ctx, sa, ctx.plain(sa, IsakmpExchange.IdentityProtection, [offer, ...vids]));
    return sa;
  }
  sa.dh = v1KeyPair(policies[0].group, ctx.random);
  sa.gxi = sa.dh.publicValue;
  sa.ni = ctx.random(NONCE);
  const ke = { kind: 'ke' as const, data: sa.gxi };
  sendP1(
    ctx,
    sa,
    ctx.plain(sa, IsakmpExchange.Aggressive, [
      offer,
      ke,
      { kind: 'nonce', data: sa.ni },
      idPayload(ctx.cfg.localAddress),
      ...vids,
    ]),
  );
  return sa;
}

/** A first message from a peer (main mode MM1 or aggressive mode AM1): a new responder SA. */
export function onFirstMessage(ctx: Ctx, msg: IsakmpMessage, bytes: Uint8Array): void {
  const from = ctx.rx.from;
  const aggressive = msg.exchangeType === IsakmpExchange.Aggressive;
  if (aggressive && !ctx.cfg.acceptAggressive) {
    ctx.drop('UNSUPPORTED', `aggressive mode from ${from.address} refused (aggressive-mode disable)`);
    return;
  }
  const psk = ctx.pskFor(from.address);
  if (!psk) {
    ctx.drop('NO_PRESHARED_KEY', `no pre-shared key with ${from.address}`);
    ctx.log(`%CRYPTO-4-IKMP_NO_PRESHARED_KEY: No pre-shared key with ${from.address}`);
    return;
  }
  const sa = newSa(ctx, { initiator: false, aggressive, peer: from.address, peerPort: from.port, psk });
  sa.localPort = ctx.rx.localPort === 4500 ? 4500 : 500;
  sa.ckyI = msg.initiatorSpi.slice();
  sa.ckyR = ctx.random(8);
  const offer = find(msg.payloads, 'sa');
  const chosen = offer ? choosePhase1(offer, ctx.cfg.policies) : undefined;
  if (!offer || !chosen) {
    ctx.counters.NO_PROPOSAL_CHOSEN++;
    ctx.log(`%CRYPTO-6-IKMP_MODE_FAILURE: Processing of ${modeName(sa)} mode failed with peer at ${from.address}`);
    ctx.event(`ISAKMP:(0): atts are not acceptable: no isakmp policy matches the offer of ${from.address}`);
    sendPlainNotify(ctx, sa, IsakmpNotify.NO_PROPOSAL_CHOSEN);
    return;
  }
  ctx.add(sa);
  ctx.timers.set('halfOpen', sa.id, ctx.now + 60_000);
  const raw = walkChain(bytes, bytes[16], 28, bytes.length);
  sa.saiBody = rawBody(bytes, raw.payloads, 1)!.slice();
  sa.policy = chosen.policy;
  const peerVid = peerVendorIds(msg.payloads);
  sa.peerNatT = peerVid.natT && ctx.cfg.natTraversal;
  sa.peerDpd = peerVid.dpd;
  const vids = ourVendorIds(sa.peerNatT);
  if (!aggressive) {
    sa.state = 'MM_SA_SETUP';
    sendP1(ctx, sa, ctx.plain(sa, IsakmpExchange.IdentityProtection, [chosen.reply, ...vids]));
    return;
  }
  const ke = find(msg.payloads, 'ke');
  const ni = find(msg.payloads, 'nonce');
  const id = find(msg.payloads, 'id');
  if (!ke || !ni || !id) throw new Ikev1Error('MALFORMED', 'aggressive mode: KE, nonce or ID missing');
  sa.amIdi = id;
  keyExchange(ctx, sa, chosen.policy.group, ke.data, ni.data);
  sa.nat = detectNat(sa.policy.hash, sa.ckyI, sa.ckyR, msg.payloads, local(ctx, sa), from) ?? sa.nat;
  const idr = idPayload(ctx.cfg.localAddress);
  const hashR = authHash(
    sa.policy.hash,
    sa.keys!.skeyid,
    sa.gxr!,
    sa.gxi!,
    sa.ckyR,
    sa.ckyI,
    sa.saiBody,
    bodyBytes(idr),
  );
  const natd = sa.peerNatT ? natDPayloads(sa.policy.hash, sa.ckyI, sa.ckyR, local(ctx, sa), from) : [];
  sa.state = 'AG_INIT_EXCH';
  sendP1(
    ctx,
    sa,
    ctx.plain(sa, IsakmpExchange.Aggressive, [
      chosen.reply,
      { kind: 'ke', data: sa.gxr! },
      { kind: 'nonce', data: sa.nr! },
      idr,
      { kind: 'hash', data: hashR },
      ...vids,
      ...natd,
    ]),
  );
}

function local(ctx: Ctx, sa: P1Sa) {
  return { address: ctx.cfg.localAddress, port: sa.localPort };
}

/** DH and the phase-1 keys, as initiator (peer value = g^xr) or responder (peer value = g^xi). */
function keyExchange(ctx: Ctx, sa: P1Sa, group: V1Group, peerKe: Uint8Array, peerNonce: Uint8Array): void {
  sa.dh ??= v1KeyPair(group, ctx.random);
  let secret: Uint8Array;
  try {
    secret = sa.dh.secret(peerKe);
  } catch (e) {
    throw new Ikev1Error('INVALID_KE', (e as Error).message);
  }
  if (sa.initiator) {
    sa.gxr = peerKe.slice();
    sa.nr = peerNonce.slice();
  } else {
    sa.gxi = peerKe.slice();
    sa.gxr = sa.dh.publicValue;
    sa.ni = peerNonce.slice();
    sa.nr = ctx.random(NONCE);
  }
  const p = sa.policy!;
  sa.keys = phase1Keys(p.hash, p.encr, sa.psk, sa.ni!, sa.nr!, secret, sa.ckyI, sa.ckyR);
  sa.iv = phase1Iv(p.hash, p.encr, sa.gxi!, sa.gxr!);
  ctx.event(`ISAKMP:(${sa.id}): SKEYID state generated (${V1_ENCR[p.encr].ios} ${p.hash} group ${group})`);
}

/** Floats to UDP 4500 when a NAT is on the path (RFC 3947 4). */
function float(sa: P1Sa): void {
  if (!sa.nat.local && !sa.nat.peer) return;
  sa.localPort = 4500;
  if (sa.peerPort === 500) sa.peerPort = 4500;
}

/** Phase-1 authentication failed: IOS's message and the counter. */
function authFailed(ctx: Ctx, sa: P1Sa, decrypts: boolean): never {
  if (!decrypts)
    ctx.log(`%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from ${sa.peer} failed its sanity check or is malformed`);
  else ctx.log(`%CRYPTO-6-IKMP_AUTH_FAIL: Authentication method 1 failed with host ${sa.peer}`);
  throw new Ikev1Error('AUTHENTICATION_FAILED', `${modeName(sa)} mode with ${sa.peer}: pre-shared key mismatch`);
}

/** The next phase-1 message on an existing SA. */
export function onPhase1(ctx: Ctx, sa: P1Sa, msg: IsakmpMessage, start: Start): void {
  if (sa.initiator && sa.state === 'MM_NO_STATE') return onMm2(ctx, sa, msg);
  if (sa.initiator && sa.state === 'MM_SA_SETUP') return onMm4(ctx, sa, msg);
  if (sa.initiator && sa.state === 'MM_KEY_EXCH') return onMm6(ctx, sa, msg, start);
  if (!sa.initiator && sa.state === 'MM_SA_SETUP') return onMm3(ctx, sa, msg);
  if (!sa.initiator && sa.state === 'MM_KEY_EXCH') return onMm5(ctx, sa, msg, start);
  if (sa.initiator && sa.state === 'AG_NO_STATE') return onAm2(ctx, sa, msg, start);
  if (!sa.initiator && sa.state === 'AG_INIT_EXCH') return onAm3(ctx, sa, msg, start);
  throw new Ikev1Error('UNSUPPORTED', `phase-1 message in state ${sa.state}`);
}

function onMm2(ctx: Ctx, sa: P1Sa, msg: IsakmpMessage): void {
  const reply = find(msg.payloads, 'sa');
  const policy = reply ? acceptedPhase1(reply, ctx.cfg.policies) : undefined;
  if (!policy) throw new Ikev1Error('NO_PROPOSAL_CHOSEN', 'the responder chose a policy we did not offer');
  sa.ckyR = msg.responderSpi.slice();
  sa.policy = policy;
  const v = peerVendorIds(msg.payloads);
  sa.peerNatT = v.natT && ctx.cfg.natTraversal;
  sa.peerDpd = v.dpd;
  sa.dh = v1KeyPair(policy.group, ctx.random);
  sa.gxi = sa.dh.publicValue;
  sa.ni = ctx.random(NONCE);
  const natd = sa.peerNatT
    ? natDPayloads(policy.hash, sa.ckyI, sa.ckyR, local(ctx, sa), { address: sa.peer, port: sa.peerPort })
    : [];
  sa.state = 'MM_SA_SETUP';
  sendP1(
    ctx,
    sa,
    ctx.plain(sa, IsakmpExchange.IdentityProtection, [
      { kind: 'ke', data: sa.gxi },
      { kind: 'nonce', data: sa.ni },
      ...natd,
    ]),
  );
}

function onMm3(ctx: Ctx, sa: P1Sa, msg: IsakmpMessage): void {
  const ke = find(msg.payloads, 'ke');
  const ni = find(msg.payloads, 'nonce');
  if (!ke || !ni) throw new Ikev1Error('MALFORMED', 'MM3 without KE or nonce');
  keyExchange(ctx, sa, sa.policy!.group, ke.data, ni.data);
  const from = ctx.rx.from;
  sa.nat = detectNat(sa.policy!.hash, sa.ckyI, sa.ckyR, msg.payloads, local(ctx, sa), from) ?? sa.nat;
  const natd = sa.peerNatT ? natDPayloads(sa.policy!.hash, sa.ckyI, sa.ckyR, local(ctx, sa), from) : [];
  sa.state = 'MM_KEY_EXCH';
  sendP1(
    ctx,
    sa,
    ctx.plain(sa, IsakmpExchange.IdentityProtection, [
      { kind: 'ke', data: sa.gxr! },
      { kind: 'nonce', data: sa.nr! },
      ...natd,
    ]),
  );
}

function onMm4(ctx: Ctx, sa: P1Sa, msg: IsakmpMessage): void {
  const ke = find(msg.payloads, 'ke');
  const nr = find(msg.payloads, 'nonce');
  if (!ke || !nr) throw new Ikev1Error('MALFORMED', 'MM4 without KE or nonce');
  keyExchange(ctx, sa, sa.policy!.group, ke.data, nr.data);
  sa.nat = detectNat(sa.policy!.hash, sa.ckyI, sa.ckyR, msg.payloads, local(ctx, sa), ctx.rx.from) ?? sa.nat;
  float(sa);
  const id = idPayload(ctx.cfg.localAddress);
  const p = sa.policy!;
  const hashI = authHash(p.hash, sa.keys!.skeyid, sa.gxi!, sa.gxr!, sa.ckyI, sa.ckyR, sa.saiBody!, bodyBytes(id));
  const { bytes, nextIv } = ctx.sealed(sa, IsakmpExchange.IdentityProtection, 0, sa.iv!, [
    id,
    { kind: 'hash', data: hashI },
    initialContact(sa.ckyI, sa.ckyR),
  ]);
  sa.iv = nextIv;
  sa.state = 'MM_KEY_EXCH';
  sendP1(ctx, sa, bytes);
}

/** Opens an encrypted phase-1 message; one that does not decrypt means the keys differ (the PSK). */
function openP1(ctx: Ctx, sa: P1Sa, msg: IsakmpMessage) {
  if (!msg.encrypted) return { payloads: msg.payloads, nextIv: sa.iv! };
  try {
    return ctx.open(sa, msg, sa.iv!);
  } catch {
    return authFailed(ctx, sa, false);
  }
}

function onMm5(ctx: Ctx, sa: P1Sa, msg: IsakmpMessage, start: Start): void {
  if (!msg.encrypted) throw new Ikev1Error('MALFORMED', 'MM5 not encrypted');
  const o = openP1(ctx, sa, msg);
  const id = find(o.payloads, 'id');
  const hash = find(o.payloads, 'hash');
  if (!id || !hash) throw new Ikev1Error('MALFORMED', 'MM5 without ID or HASH');
  const p = sa.policy!;
  const expect = authHash(p.hash, sa.keys!.skeyid, sa.gxi!, sa.gxr!, sa.ckyI, sa.ckyR, sa.saiBody!, bodyBytes(id));
  if (!sameBytes(expect, hash.data)) authFailed(ctx, sa, true);
  sa.iv = o.nextIv;
  sa.peerPort = ctx.rx.from.port;
  sa.localPort = ctx.rx.localPort === 4500 ? 4500 : 500;
  if (o.payloads.some((x) => x.kind === 'notify' && x.notifyType === IsakmpNotify.INITIAL_CONTACT))
    initialContactFrom(ctx, sa);
  const idr = idPayload(ctx.cfg.localAddress);
  const hashR = authHash(p.hash, sa.keys!.skeyid, sa.gxr!, sa.gxi!, sa.ckyR, sa.ckyI, sa.saiBody!, bodyBytes(idr));
  const { bytes, nextIv } = ctx.sealed(sa, IsakmpExchange.IdentityProtection, 0, sa.iv, [
    idr,
    { kind: 'hash', data: hashR },
  ]);
  sa.iv = nextIv;
  sendP1(ctx, sa, bytes);
  established(ctx, sa, start);
  sa.lastSent = bytes;
}

function onMm6(ctx: Ctx, sa: P1Sa, msg: IsakmpMessage, start: Start): void {
  if (!msg.encrypted) throw new Ikev1Error('MALFORMED', 'MM6 not encrypted');
  const o = openP1(ctx, sa, msg);
  const id = find(o.payloads, 'id');
  const hash = find(o.payloads, 'hash');
  if (!id || !hash) throw new Ikev1Error('MALFORMED', 'MM6 without ID or HASH');
  const p = sa.policy!;
  const expect = authHash(p.hash, sa.keys!.skeyid, sa.gxr!, sa.gxi!, sa.ckyR, sa.ckyI, sa.saiBody!, bodyBytes(id));
  if (!sameBytes(expect, hash.data)) authFailed(ctx, sa, true);
  sa.iv = o.nextIv;
  established(ctx, sa, start);
}

function onAm2(ctx: Ctx, sa: P1Sa, msg: IsakmpMessage, start: Start): void {
  const reply = find(msg.payloads, 'sa');
  const policy = reply ? acceptedPhase1(reply, ctx.cfg.policies) : undefined;
  if (!policy || policy.group !== sa.dh!.group)
    throw new Ikev1Error('NO_PROPOSAL_CHOSEN', 'the responder chose a policy we did not offer');
  const ke = find(msg.payloads, 'ke');
  const nr = find(msg.payloads, 'nonce');
  const id = find(msg.payloads, 'id');
  const hash = find(msg.payloads, 'hash');
  if (!ke || !nr || !id || !hash) throw new Ikev1Error('MALFORMED', 'AM2 without KE, nonce, ID or HASH');
  sa.ckyR = msg.responderSpi.slice();
  sa.policy = policy;
  const v = peerVendorIds(msg.payloads);
  sa.peerNatT = v.natT && ctx.cfg.natTraversal;
  sa.peerDpd = v.dpd;
  keyExchange(ctx, sa, policy.group, ke.data, nr.data);
  const expect = authHash(policy.hash, sa.keys!.skeyid, sa.gxr!, sa.gxi!, sa.ckyR, sa.ckyI, sa.saiBody!, bodyBytes(id));
  if (!sameBytes(expect, hash.data)) authFailed(ctx, sa, true);
  sa.nat = detectNat(policy.hash, sa.ckyI, sa.ckyR, msg.payloads, local(ctx, sa), ctx.rx.from) ?? sa.nat;
  float(sa);
  const idi = idPayload(ctx.cfg.localAddress);
  const hashI = authHash(policy.hash, sa.keys!.skeyid, sa.gxi!, sa.gxr!, sa.ckyI, sa.ckyR, sa.saiBody!, bodyBytes(idi));
  const natd = sa.peerNatT
    ? natDPayloads(policy.hash, sa.ckyI, sa.ckyR, local(ctx, sa), { address: sa.peer, port: sa.peerPort })
    : [];
  const { bytes, nextIv } = ctx.sealed(sa, IsakmpExchange.Aggressive, 0, sa.iv!, [
    { kind: 'hash', data: hashI },
    ...natd,
  ]);
  sa.iv = nextIv;
  ctx.send(sa, bytes);
  established(ctx, sa, start);
}

function onAm3(ctx: Ctx, sa: P1Sa, msg: IsakmpMessage, start: Start): void {
  const o = openP1(ctx, sa, msg);
  const hash = find(o.payloads, 'hash');
  if (!hash) throw new Ikev1Error('MALFORMED', 'AM3 without HASH');
  const p = sa.policy!;
  const idi = find(firstMessageIds(sa), 'id');
  const expect = authHash(
    p.hash,
    sa.keys!.skeyid,
    sa.gxi!,
    sa.gxr!,
    sa.ckyI,
    sa.ckyR,
    sa.saiBody!,
    idi ? bodyBytes(idi) : new Uint8Array(0),
  );
  if (!sameBytes(expect, hash.data)) authFailed(ctx, sa, true);
  sa.iv = o.nextIv;
  sa.peerPort = ctx.rx.from.port;
  sa.localPort = ctx.rx.localPort === 4500 ? 4500 : 500;
  established(ctx, sa, start);
}

/** The initiator's ID from AM1, kept on the SA. */
function firstMessageIds(sa: P1Sa) {
  return sa.amIdi ? [sa.amIdi] : [];
}

/** INITIAL-CONTACT (RFC 2407 4.6.3.3): the peer rebooted; our older SAs with it are gone. */
function initialContactFrom(ctx: Ctx, sa: P1Sa): void {
  for (const other of [...ctx.sas.values()]) {
    if (other !== sa && other.peer === sa.peer && other.state === 'QM_IDLE')
      teardown(ctx, other, 'INITIAL-CONTACT from peer');
  }
}

/** Retransmission of the initiator's last phase-1 message. */
export function onP1Retransmit(ctx: Ctx, sa: P1Sa): void {
  if (!sa.lastSent || sa.state === 'QM_IDLE') return;
  if (sa.tries >= ctx.cfg.retransmit.tries) {
    ctx.counters.TIMEOUT++;
    ctx.log(`%CRYPTO-6-IKMP_MODE_FAILURE: Processing of ${modeName(sa)} mode failed with peer at ${sa.peer}`);
    teardown(ctx, sa, 'retransmissions exhausted');
    return;
  }
  sa.tries++;
  ctx.event(`ISAKMP:(${sa.id}): retransmitting phase 1 ${sa.state} (${sa.tries}) to ${sa.peer}`);
  ctx.send(sa, sa.lastSent);
  ctx.timers.set('p1Retransmit', sa.id, ctx.now + ctx.cfg.retransmit.timeout * 2 ** sa.tries);
}
