/**
 * An ISAKMP SA's life: made (initiator or responder), established (timers for lifetime, DPD, NAT keepalive;
 * the first quick mode), torn down (its IPsec SAs with it, a Delete to the peer when asked), and the IPsec SA
 * install/remove actions the data plane carries out.
 */
import type { ChildSaView } from '../ike/actions.js';
import type { Ctx } from './context.js';
import { sendInformational } from './informational.js';
import { deleteEsp, deleteIsakmp } from './payloads.js';
import type { P1Sa, V1Child } from './sa.js';

/** A fresh SA record. */
export function newSa(
  ctx: Ctx,
  o: { initiator: boolean; aggressive: boolean; peer: string; peerPort: number; psk: Uint8Array },
): P1Sa {
  const sa: P1Sa = {
    id: ctx.connId(),
    ...o,
    ckyI: new Uint8Array(8),
    ckyR: new Uint8Array(8),
    localPort: 500,
    state: o.aggressive ? 'AG_NO_STATE' : 'MM_NO_STATE',
    peerNatT: false,
    peerDpd: false,
    nat: { local: false, peer: false },
    tries: 0,
    createdAt: ctx.now,
    lastHeard: ctx.now,
    dpd: { seq: 0, misses: 0 },
    quick: new Map(),
    replies: new Map(),
    children: [],
    pendingQuick: o.initiator,
  };
  return sa;
}

/** Phase 1 complete: QM_IDLE, timers armed, the initiator's first quick mode started. */
export function established(ctx: Ctx, sa: P1Sa, startQuick: (sa: P1Sa) => void): void {
  sa.state = 'QM_IDLE';
  sa.establishedAt = ctx.now;
  sa.lastSent = undefined;
  ctx.timers.clear('p1Retransmit', sa.id);
  ctx.timers.clear('halfOpen', sa.id);
  ctx.timers.set('p1Expire', sa.id, ctx.now + sa.policy!.lifetime * 1000);
  armDpd(ctx, sa);
  if ((sa.nat.local || sa.nat.peer) && ctx.cfg.natKeepalive) {
    ctx.timers.set('natKeepalive', sa.id, ctx.now + ctx.cfg.natKeepalive * 1000);
  }
  const p = sa.policy!;
  ctx.event(
    `ISAKMP:(${sa.id}): phase 1 complete with ${sa.peer}:${sa.peerPort} (${p.encr} ${p.hash} group ${p.group}` +
      `${sa.nat.local || sa.nat.peer ? ', NAT-T' : ''}): QM_IDLE`,
  );
  ctx.out.push({ kind: 'ikeUp', tunnelId: sa.id, peer: sa.peer });
  if (sa.pendingQuick) {
    sa.pendingQuick = false;
    startQuick(sa);
  }
}

/** DPD (RFC 3706) runs when configured and the peer announced it. */
export function armDpd(ctx: Ctx, sa: P1Sa): void {
  const d = ctx.cfg.dpd;
  if (!d || !sa.peerDpd || sa.state !== 'QM_IDLE') return;
  ctx.timers.set('dpd', sa.id, sa.lastHeard + d.interval * 1000);
}

/** The data plane's view of a child SA. */
export function childView(ctx: Ctx, sa: P1Sa, c: V1Child): ChildSaView {
  const sel = (a: string) => ({
    tsType: 7 as const,
    ipProtocol: ctx.cfg.protocol,
    startPort: 0,
    endPort: 65535,
    startAddress: a,
    endAddress: a,
  });
  return {
    spiIn: c.spiIn,
    spiOut: c.spiOut,
    inbound: c.inbound,
    outbound: c.outbound,
    suite: c.inbound.suite,
    algorithms: c.algorithms,
    mode: c.mode,
    localTs: [sel(ctx.cfg.localAddress)],
    remoteTs: [sel(sa.peer)],
    lifetime: c.lifetime,
    ...(c.udpEncap ? { encap: { localPort: 4500, peerPort: sa.peerPort } } : {}),
  };
}

/** Installs an IPsec SA (childUp) with its rekey and expiry timers. */
export function installChild(ctx: Ctx, sa: P1Sa, c: V1Child, rekeyOf?: number): void {
  sa.children.push(c);
  if (c.ours) ctx.timers.set('childRekey', sa.id, ctx.now + Math.floor(c.lifetime * 900), c.spiIn);
  ctx.timers.set('childExpire', sa.id, ctx.now + c.lifetime * 1000, c.spiIn);
  const first = sa.children.length === 1 && rekeyOf === undefined;
  ctx.out.push({
    kind: 'childUp',
    tunnelId: sa.id,
    peer: sa.peer,
    child: childView(ctx, sa, c),
    ...(rekeyOf !== undefined ? { rekeyOf } : {}),
  });
  if (first)
    ctx.log(`%CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP  .  Peer ${sa.peer}:${sa.peerPort}       Id: ${sa.peer}`);
  if (rekeyOf !== undefined) {
    const old = sa.children.find((x) => x.spiIn === rekeyOf);
    if (old) {
      old.retiring = true;
      ctx.timers.clear('childRekey', sa.id, rekeyOf);
      ctx.timers.set('childExpire', sa.id, ctx.now + 5000, rekeyOf);
    }
  }
}

/** Removes an IPsec SA; `tell` sends the peer a Delete for it. */
export function removeChild(ctx: Ctx, sa: P1Sa, c: V1Child, reason: string, tell: boolean): void {
  sa.children = sa.children.filter((x) => x !== c);
  ctx.timers.clear('childRekey', sa.id, c.spiIn);
  ctx.timers.clear('childExpire', sa.id, c.spiIn);
  if (tell && sa.state === 'QM_IDLE') sendInformational(ctx, sa, deleteEsp([c.spiIn]));
  ctx.out.push({ kind: 'childDown', tunnelId: sa.id, peer: sa.peer, spiIn: c.spiIn, spiOut: c.spiOut, reason });
}

/** Tears an ISAKMP SA down with its IPsec SAs; `tell` sends Deletes first (IOS `clear crypto isakmp`). */
export function teardown(ctx: Ctx, sa: P1Sa, reason: string, tell = false): void {
  if (!ctx.sas.has(sa.id)) return;
  for (const c of [...sa.children]) removeChild(ctx, sa, c, reason, tell);
  if (tell && sa.state === 'QM_IDLE') sendInformational(ctx, sa, deleteIsakmp(sa.ckyI, sa.ckyR));
  const wasUp = sa.state === 'QM_IDLE';
  sa.state = 'MM_NO_STATE_DELETED';
  ctx.timers.clearSa(sa.id);
  ctx.sas.delete(sa.id);
  const key = Buffer.from(sa.ckyI).toString('hex');
  if (ctx.byCookie.get(key) === sa) ctx.byCookie.delete(key);
  ctx.event(`ISAKMP:(${sa.id}): deleting SA with ${sa.peer}: ${reason}`);
  if (wasUp) ctx.out.push({ kind: 'ikeDown', tunnelId: sa.id, peer: sa.peer, reason });
}
