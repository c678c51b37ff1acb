/**
 * IKE_AUTH with a pre-shared key (RFC 7296 1.2, 2.15, 2.21.2): IDi [IDr] AUTH and the first child SA's payloads
 * from the initiator; IDr AUTH and the child SA (or the error notify that refuses it) from the responder. A wrong
 * AUTH is AUTHENTICATION_FAILED: the responder answers with it, the initiator tells the responder in an
 * INFORMATIONAL, and both log the IOS-style line.
 */
import { Ikev2Exchange, type Ikev2Payload } from '../wire/ikev2/index.js';
import { acceptChild, completeChild, installChild, offerChild } from './child-sa.js';
import { request, respond, teardown, type Ctx } from './context.js';
import type { IkeSa } from './ike-sa.js';
import { pskAuth } from './keymat.js';
import {
  Ikev2Notify,
  addressId,
  errorNotify,
  find,
  findNotify,
  idBody,
  idFields,
  idMatches,
  idText,
  notify,
} from './payloads.js';
import { ENCR, INTEG, PRF } from './algorithms.js';
import { ikev2NotifyName } from '../wire/ikev2/index.js';
import { armDpd } from './informational.js';
import { rekeyAt } from './child-sa.js';

const AUTH_PSK = 2;

function psk(sa: IkeSa): Uint8Array {
  return typeof sa.peer.psk === 'string' ? Buffer.from(sa.peer.psk) : sa.peer.psk;
}

function ourId(ctx: Ctx, sa: IkeSa): { idType: number; data: Uint8Array } {
  return idFields(sa.peer.localId ?? addressId(ctx.cfg.localAddress));
}

function authFailed(ctx: Ctx, sa: IkeSa, why: string): void {
  ctx.log(`%IKEV2-5-AUTH_FAILED: IKEv2 authentication failed with peer ${sa.peer.address}: ${why}`);
}

/** Our other IKE SAs with the same peer. */
function others(ctx: Ctx, sa: IkeSa): IkeSa[] {
  return [...ctx.sas.values()].filter((x) => x !== sa && x.peer.address === sa.peer.address);
}

/** The IOS `show crypto ikev2 sa` line of algorithms, for the SA_UP log. */
function suiteText(sa: IkeSa): string {
  const s = sa.suite!;
  return (
    `Encr: ${ENCR[s.encr].ios}, keysize: ${ENCR[s.encr].bits}, PRF: ${PRF[s.prf].ios}, ` +
    `Hash: ${s.integ ? INTEG[s.integ].ios : 'None'}, DH Grp:${s.dh}`
  );
}

/** The SA is up: lifetime, rekey and DPD timers, SA_UP log and ikeUp (`rekeyOf`: the SA it replaces). */
export function established(ctx: Ctx, sa: IkeSa, rekeyOf?: number): void {
  sa.state = 'established';
  sa.establishedAt = ctx.now;
  ctx.timers.clear('halfOpen', sa.id);
  const life = sa.peer.ikeLifetime * 1000;
  ctx.timers.set('ikeRekey', sa.id, ctx.now + Math.floor(life * rekeyAt(sa.initiator)));
  ctx.timers.set('ikeExpire', sa.id, ctx.now + life);
  armDpd(ctx, sa);
  ctx.log(
    `%IKEV2-5-SA_UP: SA UP: Tunnel-id ${sa.id} Local ${ctx.cfg.localAddress}/${sa.localPort} ` +
      `Remote ${sa.peer.address}/${sa.peerPort} ${suiteText(sa)}`,
  );
  ctx.out.push({
    kind: 'ikeUp',
    tunnelId: sa.id,
    peer: sa.peer.address,
    ...(rekeyOf !== undefined ? { rekeyOf } : {}),
    ...(sa.suite && sa.keys ? { keys: { spiI: sa.spiI, spiR: sa.spiR, suite: sa.suite, keys: sa.keys } } : {}),
  });
}

/** Initiator: sends IKE_AUTH once IKE_SA_INIT is done. */
export function startAuth(ctx: Ctx, sa: IkeSa): void {
  const id = ourId(ctx, sa);
  const auth = pskAuth(sa.suite!.prf, psk(sa), sa.initRequest, sa.nr, sa.keys!.skPi, idBody(id));
  const child = offerChild(ctx, sa);
  const payloads: Ikev2Payload[] = [{ critical: false, kind: 'idi', ...id }];
  if (sa.peer.remoteId) payloads.push({ critical: false, kind: 'idr', ...idFields(sa.peer.remoteId) });
  payloads.push({ critical: false, kind: 'auth', method: AUTH_PSK, data: auth });
  if (!others(ctx, sa).length) payloads.push(notify(Ikev2Notify.INITIAL_CONTACT));
  payloads.push(...child.payloads);
  request(ctx, sa, {
    exchange: Ikev2Exchange.IkeAuth,
    what: 'IKE_AUTH',
    build: () => payloads,
    onResponse: (resp) => {
      if (findNotify(resp, Ikev2Notify.AUTHENTICATION_FAILED)) {
        authFailed(ctx, sa, 'the peer refused our AUTH (pre-shared key mismatch)');
        return teardown(ctx, sa, 'AUTHENTICATION_FAILED', `${sa.peer.address} answered AUTHENTICATION_FAILED`);
      }
      const idr = find(resp, 'idr');
      const authP = find(resp, 'auth');
      if (!idr || !authP) {
        const err = errorNotify(resp);
        const why = err
          ? `${sa.peer.address} answered ${ikev2NotifyName(err.notifyType)}`
          : 'IKE_AUTH response without IDr and AUTH';
        return teardown(ctx, sa, err ? 'PEER_ERROR' : 'INVALID_SYNTAX', why);
      }
      const want = pskAuth(sa.suite!.prf, psk(sa), sa.initResponse, sa.ni, sa.keys!.skPr, idBody(idr));
      const idOk = !sa.peer.remoteId || idMatches(idr, sa.peer.remoteId);
      if (authP.method !== AUTH_PSK || !idOk || !Buffer.from(authP.data).equals(want)) {
        const why = !idOk ? `identity ${idText(idr)} is not the one configured` : 'pre-shared key mismatch';
        authFailed(ctx, sa, why);
        request(ctx, sa, {
          exchange: Ikev2Exchange.Informational,
          what: 'INFORMATIONAL',
          build: () => [notify(Ikev2Notify.AUTHENTICATION_FAILED)],
          onResponse: () => {},
        });
        return teardown(ctx, sa, 'AUTHENTICATION_FAILED', `${sa.peer.address}: ${why}`);
      }
      sa.remoteId = idText(idr);
      established(ctx, sa);
      const err = errorNotify(resp);
      if (err) {
        ctx.log(
          `%IKEV2-5-CHILD_FAILED: first child SA with peer ${sa.peer.address} refused: ` +
            ikev2NotifyName(err.notifyType),
        );
        return;
      }
      const done = completeChild(ctx, sa, child.offer, resp, { ni: sa.ni, nr: sa.nr });
      if (done.ok) installChild(ctx, sa, done.child);
      else ctx.log(`%IKEV2-5-CHILD_FAILED: first child SA with peer ${sa.peer.address}: ${done.why}`);
    },
  });
}

/** Responder: an IKE_AUTH request (`id` its message ID). */
export function onAuthRequest(ctx: Ctx, sa: IkeSa, id: number, req: Ikev2Payload[]): void {
  if (sa.initiator || sa.state !== 'init') {
    ctx.drop('INVALID_SYNTAX', 'IKE_AUTH on an SA past IKE_AUTH');
    respond(ctx, sa, Ikev2Exchange.IkeAuth, id, [notify(Ikev2Notify.INVALID_SYNTAX)]);
    return;
  }
  const idi = find(req, 'idi');
  const authP = find(req, 'auth');
  if (!idi || !authP) {
    ctx.drop('INVALID_SYNTAX', 'IKE_AUTH without IDi and AUTH');
    respond(ctx, sa, Ikev2Exchange.IkeAuth, id, [notify(Ikev2Notify.INVALID_SYNTAX)]);
    teardown(ctx, sa, 'INVALID_SYNTAX', 'IKE_AUTH without IDi and AUTH');
    return;
  }
  const want = pskAuth(sa.suite!.prf, psk(sa), sa.initRequest, sa.nr, sa.keys!.skPi, idBody(idi));
  const idOk = !sa.peer.remoteId || idMatches(idi, sa.peer.remoteId);
  if (authP.method !== AUTH_PSK || !idOk || !Buffer.from(authP.data).equals(want)) {
    const why =
      authP.method !== AUTH_PSK
        ? `authentication method ${authP.method}, not PSK (2)`
        : !idOk
          ? `identity ${idText(idi)} is not the one configured`
          : 'pre-shared key mismatch';
    authFailed(ctx, sa, why);
    respond(ctx, sa, Ikev2Exchange.IkeAuth, id, [notify(Ikev2Notify.AUTHENTICATION_FAILED)]);
    teardown(ctx, sa, 'AUTHENTICATION_FAILED', `${sa.peer.address}: ${why}`);
    return;
  }
  sa.remoteId = idText(idi);
  if (findNotify(req, Ikev2Notify.INITIAL_CONTACT)) {
    // The peer has no other SA with us (it restarted, say): ours with it are stale (RFC 7296 2.4).
    for (const old of others(ctx, sa))
      teardown(ctx, old, 'DELETED', `replaced: ${sa.peer.address} sent INITIAL_CONTACT`);
  }
  const ours = ourId(ctx, sa);
  const auth = pskAuth(sa.suite!.prf, psk(sa), sa.initResponse, sa.ni, sa.keys!.skPr, idBody(ours));
  const answer = acceptChild(ctx, sa, req, { ni: sa.ni, nr: sa.nr });
  const payloads: Ikev2Payload[] = [
    { critical: false, kind: 'idr', ...ours },
    { critical: false, kind: 'auth', method: AUTH_PSK, data: auth },
  ];
  if (answer.ok) payloads.push(...answer.payloads);
  else {
    payloads.push(notify(answer.notify, answer.data));
    ctx.log(`%IKEV2-5-CHILD_FAILED: first child SA from peer ${sa.peer.address}: ${answer.why}`);
  }
  respond(ctx, sa, Ikev2Exchange.IkeAuth, id, payloads);
  established(ctx, sa);
  if (answer.ok) installChild(ctx, sa, answer.child);
}
