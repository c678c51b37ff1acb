/**
 * INFORMATIONAL exchanges (RFC 7296 1.4, 1.5, 2.4): dead peer detection (an empty request when nothing was heard
 * for the DPD interval; no answer after the retries = the peer is dead), DELETE of child SAs and of the IKE SA,
 * and AUTHENTICATION_FAILED from an initiator that refused our AUTH.
 */
import { Ikev2Exchange, Ikev2Protocol, type Ikev2Payload } from '../wire/ikev2/index.js';
import { removeChild, type ChildSa } from './child-sa.js';
import { current, request, respond, teardown, type Ctx } from './context.js';
import type { IkeSa } from './ike-sa.js';
import { Ikev2Notify, findNotify, spiBytes, spiNumber } from './payloads.js';

/** (Re)arms the DPD timer of an established SA: the interval after the last message heard. */
export function armDpd(ctx: Ctx, sa: IkeSa): void {
  const dpd = sa.peer.dpd;
  if (!dpd || sa.state !== 'established') return;
  ctx.timers.set('dpd', sa.id, sa.lastHeard + dpd.interval * 1000);
}

/** The DPD timer: nothing heard for the interval, so ask the peer (an empty INFORMATIONAL). */
export function onDpdTimer(ctx: Ctx, sa: IkeSa): void {
  const dpd = sa.peer.dpd;
  if (!dpd || sa.state !== 'established') return;
  if (sa.outstanding || sa.queue.length) {
    // Busy: the request under way tells soon enough whether the peer lives.
    ctx.timers.set('dpd', sa.id, ctx.now + dpd.interval * 1000);
    return;
  }
  if (ctx.now < sa.lastHeard + dpd.interval * 1000) {
    armDpd(ctx, sa);
    return;
  }
  ctx.event(`IKEv2:(SA ID = ${sa.id}):Sending DPD/liveness query`);
  request(ctx, sa, {
    exchange: Ikev2Exchange.Informational,
    what: 'DPD',
    fixed: dpd.retry * 1000,
    build: () => [],
    onResponse: () => armDpd(ctx, sa),
    onTimeout: () => {
      ctx.log(`%IKEV2-5-PEER_DEAD: peer ${sa.peer.address} does not answer DPD: deleting the IKE SA`);
      teardown(ctx, sa, 'TIMEOUT', `peer ${sa.peer.address} dead (DPD)`);
    },
  });
}

/** Deletes one of our child SAs: DELETE of its inbound SPI; down once the peer answers (or times out). */
export function deleteChild(ctx: Ctx, on: IkeSa, c: ChildSa, reason: string): void {
  c.retiring = true;
  request(ctx, on, {
    exchange: Ikev2Exchange.Informational,
    what: 'INFORMATIONAL (delete child SA)',
    follows: true,
    build: () =>
      current(ctx, on).children.includes(c)
        ? [{ critical: false, kind: 'delete', protocolId: Ikev2Protocol.Esp, spiSize: 4, spis: [spiBytes(c.spiIn)] }]
        : undefined,
    onResponse: () => removeChild(ctx, current(ctx, on), c, reason),
  });
}

/** Deletes the IKE SA (and with it its children): DELETE IKE, then down. */
export function deleteIke(
  ctx: Ctx,
  sa: IkeSa,
  reason: string,
  code: 'DELETED' | 'REKEYED' | 'EXPIRED' = 'DELETED',
): void {
  if (sa.state === 'deleting') return;
  sa.state = 'deleting';
  sa.queue.length = 0;
  const send = () =>
    request(ctx, sa, {
      exchange: Ikev2Exchange.Informational,
      what: 'INFORMATIONAL (delete IKE SA)',
      build: () => [{ critical: false, kind: 'delete', protocolId: Ikev2Protocol.Ike, spiSize: 0, spis: [] }],
      onResponse: () => teardown(ctx, sa, code, reason),
      onTimeout: () => teardown(ctx, sa, code, reason),
    });
  send();
}

/** Responder: an INFORMATIONAL request. */
export function onInformationalRequest(ctx: Ctx, sa: IkeSa, id: number, req: Ikev2Payload[]): void {
  if (findNotify(req, Ikev2Notify.AUTHENTICATION_FAILED)) {
    respond(ctx, sa, Ikev2Exchange.Informational, id, []);
    ctx.log(
      `%IKEV2-5-AUTH_FAILED: IKEv2 authentication failed with peer ${sa.peer.address}: ` +
        'the peer refused our AUTH (pre-shared key mismatch)',
    );
    teardown(ctx, sa, 'AUTHENTICATION_FAILED', `${sa.peer.address} sent AUTHENTICATION_FAILED`);
    return;
  }
  const out: Ikev2Payload[] = [];
  const ours: number[] = [];
  for (const d of req) {
    if (d.kind !== 'delete') continue;
    if (d.protocolId === Ikev2Protocol.Ike) {
      respond(ctx, sa, Ikev2Exchange.Informational, id, []);
      ctx.event(`IKEv2:(SA ID = ${sa.id}):Peer deleted the IKE SA`);
      teardown(ctx, sa, sa.replacedBy !== undefined ? 'REKEYED' : 'DELETED', `deleted by ${sa.peer.address}`);
      return;
    }
    if (d.protocolId !== Ikev2Protocol.Esp) continue;
    for (const spi of d.spis) {
      const c = sa.children.find((x) => x.spiOut === spiNumber(spi));
      if (!c) continue;
      ours.push(c.spiIn);
      removeChild(ctx, sa, c, `deleted by ${sa.peer.address}`);
    }
  }
  if (ours.length)
    out.push({ critical: false, kind: 'delete', protocolId: Ikev2Protocol.Esp, spiSize: 4, spis: ours.map(spiBytes) });
  respond(ctx, sa, Ikev2Exchange.Informational, id, out);
}
