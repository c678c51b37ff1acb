/**
 * IKE_SA_INIT (RFC 7296 1.2, 2.6, 2.7, 2.23): the initiator's request (SA, KE, Ni, NAT detection, a COOKIE when
 * asked), its retries with a cookie or the DH group the responder wants (INVALID_KE_PAYLOAD), and the
 * responder's answer: COOKIE, NO_PROPOSAL_CHOSEN, INVALID_KE_PAYLOAD, or SA, KE, Nr, NAT detection.
 */
import { createHash } from 'node:crypto';
import {
  encodeIkev2,
  Ikev2Exchange,
  Ikev2Flags,
  Ikev2Protocol,
  type Ikev2Message,
  type Ikev2Payload,
} from '../wire/ikev2/index.js';
import { isDhGroup, type DhGroup } from './algorithms.js';
import { startAuth } from './auth.js';
import { packetEvent, sendIke, startRequest, teardown, type Ctx } from './context.js';
import { dhKeyPair } from './dh.js';
import type { IkeError } from './errors.js';
import { IkeSa } from './ike-sa.js';
import { ikeKeys } from './keymat.js';
import { Ikev2Notify, errorNotify, find, findNotify, natHash, notify } from './payloads.js';
import { chosenProposal, ikeProposals, pickProposal } from './proposals.js';
import type { IkePeerConfig } from './config.js';
import { ikev2NotifyName } from '../wire/ikev2/index.js';

const ZERO_SPI = new Uint8Array(8);
/** COOKIE answers accepted before giving up (a cookie may expire once between two tries). */
const MAX_COOKIE_TRIES = 3;

function natNotifies(
  ctx: Ctx,
  spiI: Uint8Array,
  spiR: Uint8Array,
  localPort: number,
  peer: { address: string; port: number },
): Ikev2Payload[] {
  return [
    notify(Ikev2Notify.NAT_DETECTION_SOURCE_IP, natHash(spiI, spiR, ctx.cfg.localAddress, localPort)),
    notify(Ikev2Notify.NAT_DETECTION_DESTINATION_IP, natHash(spiI, spiR, peer.address, peer.port)),
  ];
}

/** Reads the peer's NAT detection notifies: is its address (source) or ours (destination) translated? */
function detectNat(ctx: Ctx, sa: IkeSa, payloads: readonly Ikev2Payload[], spiR: Uint8Array): void {
  const src = payloads.filter((p) => p.kind === 'notify' && p.notifyType === Ikev2Notify.NAT_DETECTION_SOURCE_IP);
  const dst = findNotify(payloads, Ikev2Notify.NAT_DETECTION_DESTINATION_IP);
  if (!src.length || !dst) return;
  const { from, localPort } = ctx.rx;
  const theirs = Buffer.from(natHash(sa.spiI, spiR, from.address, from.port));
  sa.natRemote = !src.some((p) => p.kind === 'notify' && theirs.equals(p.data));
  sa.natLocal = !Buffer.from(natHash(sa.spiI, spiR, ctx.cfg.localAddress, localPort)).equals(dst.data);
  if (sa.natLocal || sa.natRemote) {
    ctx.event(`IKEv2:(SA ID = ${sa.id}):NAT detected: ${sa.natLocal ? 'we are' : 'the peer is'} behind NAT`);
  }
}

/** Starts an IKE SA to `peer` as initiator. */
export function initiate(ctx: Ctx, peer: IkePeerConfig): IkeSa {
  const sa = new IkeSa(ctx.tunnelId(), peer, true, ctx.random(8), ctx.now);
  ctx.add(sa);
  sendInit(ctx, sa, peer.ike[0].dh[0]);
  return sa;
}

/** Sends (again) the IKE_SA_INIT request; a retry with a cookie keeps KE and Ni as they were (2.6). */
function sendInit(ctx: Ctx, sa: IkeSa, group: DhGroup): void {
  if (sa.dh?.group !== group) sa.dh = dhKeyPair(group, ctx.random);
  if (!sa.ni.length) sa.ni = ctx.random(32);
  sa.nextId = 0;
  const payloads: Ikev2Payload[] = [];
  if (sa.cookie) payloads.push(notify(Ikev2Notify.COOKIE, sa.cookie));
  payloads.push(
    { critical: false, kind: 'sa', proposals: ikeProposals(sa.peer.ike, new Uint8Array(0), group) },
    { critical: false, kind: 'ke', group, data: sa.dh.publicValue },
    { critical: false, kind: 'nonce', data: sa.ni },
    ...natNotifies(ctx, sa.spiI, ZERO_SPI, sa.localPort, sa.peerEndpoint),
  );
  const header = {
    initiatorSpi: sa.spiI,
    responderSpi: ZERO_SPI,
    minorVersion: 0,
    exchangeType: Ikev2Exchange.IkeSaInit,
  };
  sa.initRequest = encodeIkev2({ ...header, flags: Ikev2Flags.Initiator, messageId: 0, payloads });
  packetEvent(
    ctx,
    'Sending',
    sa,
    sa.localPort,
    sa.peerEndpoint,
    { spiI: sa.spiI, spiR: ZERO_SPI, exchange: Ikev2Exchange.IkeSaInit, id: 0, response: false },
    payloads,
  );
  sa.nextId = 1;
  startRequest(ctx, sa, {
    id: 0,
    exchange: Ikev2Exchange.IkeSaInit,
    bytes: sa.initRequest,
    what: 'IKE_SA_INIT',
    onResponse: (p, m) => onInitResponse(ctx, sa, p, m),
  });
}

/** Initiator: the IKE_SA_INIT response. */
function onInitResponse(ctx: Ctx, sa: IkeSa, payloads: Ikev2Payload[], msg: Ikev2Message): void {
  const cookie = findNotify(payloads, Ikev2Notify.COOKIE);
  if (cookie) {
    ctx.counters.COOKIE_REQUIRED++;
    if (++sa.cookieTries > MAX_COOKIE_TRIES) {
      teardown(ctx, sa, 'COOKIE_REQUIRED', `${sa.peer.address} keeps asking for a COOKIE`);
      return;
    }
    if (sa.cookie) ctx.event(`IKEv2:(SA ID = ${sa.id}):Responder asked for a new COOKIE`);
    sa.cookie = cookie.data.slice();
    sendInit(ctx, sa, sa.dh!.group);
    return;
  }
  const invalidKe = findNotify(payloads, Ikev2Notify.INVALID_KE_PAYLOAD);
  if (invalidKe) {
    const group = invalidKe.data.length === 2 ? (invalidKe.data[0] << 8) | invalidKe.data[1] : 0;
    const ok = isDhGroup(group) && sa.peer.ike.some((c) => c.dh.includes(group)) && group !== sa.dh!.group;
    ctx.counters.INVALID_KE++;
    if (!ok) {
      teardown(ctx, sa, 'INVALID_KE', `the responder wants DH group ${group}, not configured`);
      return;
    }
    ctx.event(`IKEv2:(SA ID = ${sa.id}):Responder wants DH group ${group}: retrying IKE_SA_INIT`);
    sendInit(ctx, sa, group as DhGroup);
    return;
  }
  const err = errorNotify(payloads);
  if (err) {
    const name = ikev2NotifyName(err.notifyType);
    const code = err.notifyType === Ikev2Notify.NO_PROPOSAL_CHOSEN ? 'NO_PROPOSAL_CHOSEN' : 'PEER_ERROR';
    ctx.log(`%IKEV2-5-NEG_FAILED: IKE_SA_INIT with peer ${sa.peer.address} refused: ${name}`);
    teardown(ctx, sa, code, `${sa.peer.address} answered ${name}`);
    return;
  }
  const saP = find(payloads, 'sa');
  const ke = find(payloads, 'ke');
  const nonce = find(payloads, 'nonce');
  if (!saP || !ke || !nonce || saP.proposals.length !== 1 || nonce.data.length < 16 || nonce.data.length > 256) {
    teardown(ctx, sa, 'INVALID_SYNTAX', 'IKE_SA_INIT response without SA, KE and Nr');
    return;
  }
  const pick = pickProposal(saP.proposals, sa.peer.ike, Ikev2Protocol.Ike);
  if (!pick || ke.group !== sa.dh!.group || !pick.picked.dh.includes(ke.group as DhGroup)) {
    teardown(ctx, sa, 'NO_PROPOSAL_CHOSEN', 'the responder chose an IKE proposal we did not offer');
    return;
  }
  sa.spiR = msg.responderSpi.slice();
  sa.nr = nonce.data.slice();
  sa.initResponse = ctx.rx.bytes.slice(0, ctx.rx.bytes.length);
  sa.suite = { encr: pick.picked.encr, prf: pick.picked.prf!, integ: pick.picked.integ, dh: sa.dh!.group };
  let secret: Uint8Array;
  try {
    secret = sa.dh!.secret(ke.data);
  } catch (e) {
    teardown(ctx, sa, 'INVALID_KE', (e as Error).message);
    return;
  }
  sa.keys = ikeKeys(sa.suite, secret, sa.ni, sa.nr, sa.spiI, sa.spiR);
  detectNat(ctx, sa, payloads, sa.spiR);
  if (sa.natLocal || sa.natRemote) {
    sa.localPort = 4500;
    sa.peerPort = 4500;
  }
  sa.state = 'auth';
  startAuth(ctx, sa);
}

function cookieFor(ctx: Ctx, ni: Uint8Array, address: string, spiI: Uint8Array): Uint8Array {
  const h = createHash('sha256').update(ni).update(address).update(spiI).update(ctx.cookieSecret).digest();
  return Buffer.concat([Buffer.of(0, 0, 0, 1), h]);
}

function halfOpen(ctx: Ctx): number {
  let n = 0;
  for (const sa of ctx.sas.values()) if (!sa.initiator && sa.state === 'init') n++;
  return n;
}

/** An unencrypted IKE_SA_INIT response carrying only `n` (errors, COOKIE). */
function refuse(ctx: Ctx, msg: Ikev2Message, n: Ikev2Payload): void {
  const bytes = encodeIkev2({
    initiatorSpi: msg.initiatorSpi,
    responderSpi: ZERO_SPI,
    minorVersion: 0,
    exchangeType: Ikev2Exchange.IkeSaInit,
    flags: Ikev2Flags.Response,
    messageId: 0,
    payloads: [n],
  });
  packetEvent(
    ctx,
    'Sending',
    undefined,
    ctx.rx.localPort,
    ctx.rx.from,
    { spiI: msg.initiatorSpi, spiR: ZERO_SPI, exchange: Ikev2Exchange.IkeSaInit, id: 0, response: true },
    [n],
  );
  sendIke(ctx, ctx.rx.localPort, ctx.rx.from, bytes);
}

/** Responder: an IKE_SA_INIT request (a retransmission of one we answered gets the same answer). */
export function onInitRequest(ctx: Ctx, msg: Ikev2Message): void {
  const { from } = ctx.rx;
  for (const sa of ctx.sas.values()) {
    if (!sa.initiator && sa.peer.address === from.address && Buffer.from(sa.spiI).equals(msg.initiatorSpi)) {
      if (sa.state === 'init' && sa.lastResponse?.id === 0) sendIke(ctx, ctx.rx.localPort, from, sa.lastResponse.bytes);
      else ctx.drop('INVALID_MESSAGE_ID', `IKE_SA_INIT for an SA past IKE_SA_INIT`);
      return;
    }
  }
  const peer = ctx.peerConfig(from.address);
  if (!peer) {
    ctx.drop('NO_PEER_CONFIG', `no IKEv2 peer configured for ${from.address}`);
    return;
  }
  const p = msg.payloads;
  const saP = find(p, 'sa');
  const ke = find(p, 'ke');
  const nonce = find(p, 'nonce');
  if (!saP || !ke || !nonce || nonce.data.length < 16 || nonce.data.length > 256) {
    ctx.drop('INVALID_SYNTAX', 'IKE_SA_INIT without SA, KE and Ni');
    refuse(ctx, msg, notify(Ikev2Notify.INVALID_SYNTAX));
    return;
  }
  const limit = ctx.cfg.cookies;
  if (limit === true || (typeof limit === 'number' && halfOpen(ctx) >= limit)) {
    const want = cookieFor(ctx, nonce.data, from.address, msg.initiatorSpi);
    const got = p[0]?.kind === 'notify' && p[0].notifyType === Ikev2Notify.COOKIE ? p[0].data : undefined;
    if (!got || !Buffer.from(got).equals(want)) {
      ctx.drop('COOKIE_REQUIRED', `IKE_SA_INIT from ${from.address} ${got ? 'with a wrong' : 'without a'} COOKIE`);
      refuse(ctx, msg, notify(Ikev2Notify.COOKIE, want));
      return;
    }
  }
  const pick = pickProposal(saP.proposals, peer.ike, Ikev2Protocol.Ike);
  if (!pick) {
    ctx.drop('NO_PROPOSAL_CHOSEN', `no IKE proposal of ${from.address} is acceptable`);
    ctx.log(`%IKEV2-5-NEG_FAILED: IKE_SA_INIT from peer ${from.address}: no proposal chosen`);
    refuse(ctx, msg, notify(Ikev2Notify.NO_PROPOSAL_CHOSEN));
    return;
  }
  if (!pick.picked.dh.includes(ke.group as DhGroup)) {
    const want = pick.picked.dh[0];
    ctx.drop('INVALID_KE', `KE of group ${ke.group}, the chosen proposal has ${want}`);
    refuse(ctx, msg, notify(Ikev2Notify.INVALID_KE_PAYLOAD, Uint8Array.of(want >> 8, want & 255)));
    return;
  }
  const sa = new IkeSa(ctx.tunnelId(), peer, false, msg.initiatorSpi.slice(), ctx.now);
  sa.spiR = ctx.random(8);
  sa.localPort = ctx.rx.localPort;
  sa.peerPort = from.port;
  const group = ke.group as DhGroup;
  sa.suite = { encr: pick.picked.encr, prf: pick.picked.prf!, integ: pick.picked.integ, dh: group };
  sa.dh = dhKeyPair(group, ctx.random);
  let secret: Uint8Array;
  try {
    secret = sa.dh.secret(ke.data);
  } catch (e) {
    ctx.drop('INVALID_KE', (e as IkeError).message);
    refuse(ctx, msg, notify(Ikev2Notify.INVALID_SYNTAX));
    return;
  }
  sa.ni = nonce.data.slice();
  sa.nr = ctx.random(32);
  sa.initRequest = ctx.rx.bytes.slice();
  sa.keys = ikeKeys(sa.suite, secret, sa.ni, sa.nr, sa.spiI, sa.spiR);
  detectNat(ctx, sa, p, ZERO_SPI);
  const payloads: Ikev2Payload[] = [
    {
      critical: false,
      kind: 'sa',
      proposals: [chosenProposal(pick.proposal.number, Ikev2Protocol.Ike, new Uint8Array(0), pick.picked, group)],
    },
    { critical: false, kind: 'ke', group, data: sa.dh.publicValue },
    { critical: false, kind: 'nonce', data: sa.nr },
    ...natNotifies(ctx, sa.spiI, sa.spiR, sa.localPort, from),
  ];
  sa.initResponse = encodeIkev2({
    initiatorSpi: sa.spiI,
    responderSpi: sa.spiR,
    minorVersion: 0,
    exchangeType: Ikev2Exchange.IkeSaInit,
    flags: Ikev2Flags.Response,
    messageId: 0,
    payloads,
  });
  packetEvent(
    ctx,
    'Sending',
    sa,
    sa.localPort,
    from,
    { spiI: sa.spiI, spiR: sa.spiR, exchange: Ikev2Exchange.IkeSaInit, id: 0, response: true },
    payloads,
  );
  sa.lastResponse = { id: 0, bytes: sa.initResponse };
  sa.expectId = 1;
  ctx.add(sa);
  ctx.timers.set('halfOpen', sa.id, ctx.now + 30_000);
  sendIke(ctx, sa.localPort, from, sa.initResponse);
}
