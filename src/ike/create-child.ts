/**
 * CREATE_CHILD_SA (RFC 7296 1.3, 2.8, 2.18): rekeying a child SA (REKEY_SA notify, optional PFS KE; the old SA is
 * then deleted by the rekey's initiator), a new child SA, and rekeying the IKE SA (new SPIs in the SA payload,
 * SKEYSEED from the old SK_d; the children move to the new SA, the old one is deleted by the rekey's initiator).
 */
import { Ikev2Exchange, Ikev2Protocol, ikev2NotifyName, type Ikev2Payload } from '../wire/ikev2/index.js';
import { isDhGroup, type DhGroup } from './algorithms.js';
import { established } from './auth.js';
import {
  type ChildAnswer,
  acceptChild,
  completeChild,
  installChild,
  offerChild,
  rekeyAt,
  compareNonces,
  lowerNonce,
  type ChildSa,
  type ChildOffer,
} from './child-sa.js';
import { current, pump, request, respond, type Ctx } from './context.js';
import { dhKeyPair, type DhKeyPair } from './dh.js';
import { IkeSa } from './ike-sa.js';
import { deleteChild, deleteIke } from './informational.js';
import { ikeKeys } from './keymat.js';
import { Ikev2Notify, errorNotify, find, findNotify, notify, spiBytes, spiNumber } from './payloads.js';
import { chosenProposal, ikeProposals, pickProposal } from './proposals.js';

function groupOf(n: { data: Uint8Array }): number {
  return n.data.length === 2 ? (n.data[0] << 8) | n.data[1] : 0;
}

/** Rekeys child SA `c` (we initiate): a new SA with fresh nonces (and PFS when configured), then DELETE of `c`. */
export function rekeyChild(
  ctx: Ctx,
  on: IkeSa,
  c: ChildSa,
  group = on.peer.esp.find((e) => e.pfs?.length)?.pfs?.[0],
): void {
  c.retiring = true;
  let offer: ChildOffer | undefined;
  let ni: Uint8Array = new Uint8Array(0);
  let dh: DhKeyPair | undefined;
  let sa = on;
  request(ctx, on, {
    exchange: Ikev2Exchange.CreateChildSa,
    what: 'CREATE_CHILD_SA (rekey child SA)',
    follows: true,
    build: () => {
      sa = current(ctx, on);
      if (!sa.children.includes(c) || sa.state !== 'established') return undefined;
      const o = offerChild(ctx, sa, group);
      offer = o.offer;
      ni = ctx.random(32);
      dh = group !== undefined ? dhKeyPair(group, ctx.random) : undefined;
      const p: Ikev2Payload[] = [notify(Ikev2Notify.REKEY_SA, new Uint8Array(0), Ikev2Protocol.Esp, spiBytes(c.spiIn))];
      p.push(...o.payloads, { critical: false, kind: 'nonce', data: ni });
      if (dh) p.push({ critical: false, kind: 'ke', group: dh.group, data: dh.publicValue });
      return p;
    },
    onResponse: (resp) => {
      sa = current(ctx, on);
      const ike = findNotify(resp, Ikev2Notify.INVALID_KE_PAYLOAD);
      if (ike && isDhGroup(groupOf(ike)) && groupOf(ike) !== group)
        return rekeyChild(ctx, sa, c, groupOf(ike) as DhGroup);
      const err = errorNotify(resp);
      const nonce = find(resp, 'nonce');
      const ke = find(resp, 'ke');
      const fail = (why: string) => {
        c.retiring = false;
        ctx.log(`%IKEV2-5-REKEY_FAILED: child SA rekey with peer ${sa.peer.address}: ${why}`);
      };
      if (err) return fail(ikev2NotifyName(err.notifyType));
      if (!nonce || (dh && !ke)) return fail('response without Nr or KEr');
      let done: ReturnType<typeof completeChild>;
      try {
        done = completeChild(
          ctx,
          sa,
          offer!,
          resp,
          { ni, nr: nonce.data },
          dh ? () => dh!.secret(ke!.data) : undefined,
        );
      } catch (e) {
        return fail((e as Error).message);
      }
      if (!done.ok) return fail(done.why);
      installChild(ctx, sa, done.child, c.spiIn);
      c.rekeyedBy = { ...c.rekeyedBy, mine: { child: done.child, low: lowerNonce(ni, nonce.data) } };
      settleCollision(ctx, sa, c);
      deleteChild(ctx, sa, c, 'rekeyed');
    },
  });
}

/** Rekeys the IKE SA (we initiate). */
export function rekeyIke(ctx: Ctx, sa: IkeSa, group: DhGroup = sa.suite!.dh): void {
  const spi = ctx.random(8);
  let ni: Uint8Array = new Uint8Array(0);
  let dh: DhKeyPair | undefined;
  request(ctx, sa, {
    exchange: Ikev2Exchange.CreateChildSa,
    what: 'CREATE_CHILD_SA (rekey IKE SA)',
    build: () => {
      if (sa.state !== 'established') return undefined;
      ni = ctx.random(32);
      dh = dhKeyPair(group, ctx.random);
      return [
        { critical: false, kind: 'sa', proposals: ikeProposals(sa.peer.ike, spi, group) },
        { critical: false, kind: 'nonce', data: ni },
        { critical: false, kind: 'ke', group, data: dh.publicValue },
      ];
    },
    onResponse: (resp) => {
      const ike = findNotify(resp, Ikev2Notify.INVALID_KE_PAYLOAD);
      if (ike && isDhGroup(groupOf(ike)) && groupOf(ike) !== group) return rekeyIke(ctx, sa, groupOf(ike) as DhGroup);
      const err = errorNotify(resp);
      const saP = find(resp, 'sa');
      const nonce = find(resp, 'nonce');
      const ke = find(resp, 'ke');
      const fail = (why: string) => ctx.log(`%IKEV2-5-REKEY_FAILED: IKE SA rekey with peer ${sa.peer.address}: ${why}`);
      if (err) return fail(ikev2NotifyName(err.notifyType));
      const pick = saP && pickProposal(saP.proposals, sa.peer.ike, Ikev2Protocol.Ike);
      if (!pick || !nonce || !ke || ke.group !== group || pick.proposal.spi.length !== 8) {
        return fail('response without an acceptable SA, Nr and KEr');
      }
      let secret: Uint8Array;
      try {
        secret = dh!.secret(ke.data);
      } catch (e) {
        return fail((e as Error).message);
      }
      const next = new IkeSa(ctx.tunnelId(), sa.peer, true, spi, ctx.now);
      next.spiR = pick.proposal.spi.slice();
      finishIkeRekey(
        ctx,
        sa,
        next,
        { encr: pick.picked.encr, prf: pick.picked.prf!, integ: pick.picked.integ, dh: group },
        secret,
        ni,
        nonce.data,
      );
      deleteIke(ctx, sa, `rekeyed as tunnel-id ${next.id}`, 'REKEYED');
    },
  });
}

/** Both sides of an IKE rekey: keys of the new SA, the children moved to it, and it goes up. */
function finishIkeRekey(
  ctx: Ctx,
  old: IkeSa,
  next: IkeSa,
  suite: IkeSa['suite'] & object,
  secret: Uint8Array,
  ni: Uint8Array,
  nr: Uint8Array,
): void {
  next.suite = suite;
  next.ni = ni.slice();
  next.nr = nr.slice();
  next.keys = ikeKeys(suite, secret, ni, nr, next.spiI, next.spiR, { prf: old.suite!.prf, skD: old.keys!.skD });
  next.localPort = old.localPort;
  next.peerPort = old.peerPort;
  next.natLocal = old.natLocal;
  next.natRemote = old.natRemote;
  next.remoteId = old.remoteId;
  old.replacedBy = next.id;
  ctx.add(next);
  for (const c of old.children.splice(0)) {
    ctx.timers.clear('childRekey', old.id, c.spiIn);
    ctx.timers.clear('childExpire', old.id, c.spiIn);
    next.children.push(c);
    const life = next.peer.childLifetime * 1000;
    const rekey = c.createdAt + Math.floor(life * rekeyAt(c.ours));
    ctx.timers.set('childRekey', next.id, Math.max(ctx.now, rekey), c.spiIn);
    ctx.timers.set('childExpire', next.id, Math.max(ctx.now, c.createdAt + life), c.spiIn);
  }
  // Child SA work queued behind the rekey goes on over the new SA.
  const stay = old.queue.filter((q) => !q.follows);
  next.queue.push(...old.queue.filter((q) => q.follows));
  old.queue.splice(0, old.queue.length, ...stay);
  established(ctx, next, old.id);
  pump(ctx, next);
}

/** Responder: a CREATE_CHILD_SA request. */
export function onCreateChildRequest(ctx: Ctx, sa: IkeSa, id: number, req: Ikev2Payload[]): void {
  const reply = (p: Ikev2Payload[]) => respond(ctx, sa, Ikev2Exchange.CreateChildSa, id, p);
  const saP = find(req, 'sa');
  const nonce = find(req, 'nonce');
  const ke = find(req, 'ke');
  if (sa.state !== 'established' || sa.replacedBy !== undefined) {
    reply([notify(Ikev2Notify.TEMPORARY_FAILURE)]);
    return;
  }
  if (!saP || !nonce || nonce.data.length < 16) {
    ctx.drop('INVALID_SYNTAX', 'CREATE_CHILD_SA without SA and Ni');
    reply([notify(Ikev2Notify.INVALID_SYNTAX)]);
    return;
  }
  const nr = ctx.random(32);
  if (saP.proposals.some((p) => p.protocolId === Ikev2Protocol.Ike)) {
    const pick = pickProposal(saP.proposals, sa.peer.ike, Ikev2Protocol.Ike);
    if (!pick || !ke || pick.proposal.spi.length !== 8) {
      ctx.drop('NO_PROPOSAL_CHOSEN', 'no acceptable IKE proposal in an IKE rekey');
      reply([notify(Ikev2Notify.NO_PROPOSAL_CHOSEN)]);
      return;
    }
    if (!pick.picked.dh.includes(ke.group as DhGroup)) {
      const want = pick.picked.dh[0];
      ctx.drop('INVALID_KE', `IKE rekey KE of group ${ke.group}, ${want} wanted`);
      reply([notify(Ikev2Notify.INVALID_KE_PAYLOAD, Uint8Array.of(want >> 8, want & 255))]);
      return;
    }
    const group = ke.group as DhGroup;
    const dh = dhKeyPair(group, ctx.random);
    let secret: Uint8Array;
    try {
      secret = dh.secret(ke.data);
    } catch (e) {
      ctx.drop('INVALID_KE', (e as Error).message);
      reply([notify(Ikev2Notify.INVALID_SYNTAX)]);
      return;
    }
    const next = new IkeSa(ctx.tunnelId(), sa.peer, false, pick.proposal.spi.slice(), ctx.now);
    next.spiR = ctx.random(8);
    reply([
      {
        critical: false,
        kind: 'sa',
        proposals: [chosenProposal(pick.proposal.number, Ikev2Protocol.Ike, next.spiR, pick.picked, group)],
      },
      { critical: false, kind: 'nonce', data: nr },
      { critical: false, kind: 'ke', group, data: dh.publicValue },
    ]);
    finishIkeRekey(
      ctx,
      sa,
      next,
      { encr: pick.picked.encr, prf: pick.picked.prf!, integ: pick.picked.integ, dh: group },
      secret,
      nonce.data,
      nr,
    );
    return;
  }
  const rekey = findNotify(req, Ikev2Notify.REKEY_SA);
  const old = rekey ? sa.children.find((c) => c.spiOut === spiNumber(rekey.spi)) : undefined;
  if (rekey && !old) {
    reply([notify(Ikev2Notify.CHILD_SA_NOT_FOUND, new Uint8Array(0), Ikev2Protocol.Esp, rekey.spi)]);
    return;
  }
  let dh: DhKeyPair | undefined;
  let answer: ChildAnswer;
  try {
    answer = acceptChild(ctx, sa, req, { ni: nonce.data, nr }, ke?.group, (g) => {
      dh = dhKeyPair(g, ctx.random);
      return dh.secret(ke!.data);
    });
  } catch (e) {
    ctx.drop('INVALID_KE', (e as Error).message);
    reply([notify(Ikev2Notify.INVALID_SYNTAX)]);
    return;
  }
  if (!answer.ok) {
    ctx.event(`IKEv2:(SA ID = ${sa.id}):CREATE_CHILD_SA refused: ${answer.why}`);
    reply([notify(answer.notify, answer.data)]);
    return;
  }
  const payloads: Ikev2Payload[] = [...answer.payloads, { critical: false, kind: 'nonce', data: nr }];
  if (dh) payloads.push({ critical: false, kind: 'ke', group: dh.group, data: dh.publicValue });
  reply(payloads);
  installChild(ctx, sa, answer.child, old?.spiIn);
  if (old) {
    old.retiring = true;
    old.rekeyedBy = { ...old.rekeyedBy, theirs: { child: answer.child, low: lowerNonce(nonce.data, nr) } };
    settleCollision(ctx, sa, old);
  }
}

/**
 * Both sides rekeyed child SA `c` at once (RFC 7296 2.8.1): the exchange with the lowest of the four nonces made a
 * redundant SA, and its initiator deletes it. If that is ours, we delete our new SA; else the peer deletes its own.
 * The old SA goes as after any rekey (a second DELETE of it finds nothing and is harmless).
 */
function settleCollision(ctx: Ctx, sa: IkeSa, c: ChildSa): void {
  const { mine, theirs } = c.rekeyedBy ?? {};
  if (!mine || !theirs) return;
  ctx.event(`IKEv2:(SA ID = ${sa.id}):Child SA rekey collision on SPI ${c.spiIn.toString(16)}`);
  if (compareNonces(mine.low, theirs.low) < 0) deleteChild(ctx, sa, mine.child, 'redundant after a rekey collision');
}
