/**
 * Child SA negotiation (RFC 7296 1.3, 2.9, 2.17, 1.3.1): the SA, TSi/TSr and USE_TRANSPORT_MODE payloads of an
 * IKE_AUTH or CREATE_CHILD_SA request, the responder's pick and narrowing, and the resulting pair of ESP SAs
 * (KEYMAT split into the src/ipsec transform's keys).
 */
import { Ikev2Protocol, type Ikev2Payload, type TrafficSelector } from '../wire/ikev2/index.js';
import type { EspSa } from '../ipsec/index.js';
import { espTransformSuite, type DhGroup, type EspSuiteChoice } from './algorithms.js';
import type { ChildSaView } from './actions.js';
import type { Ctx } from './context.js';
import type { IkeSa } from './ike-sa.js';
import { childKeys } from './keymat.js';
import {
  Ikev2Notify,
  find,
  findNotify,
  hostSelector,
  narrow,
  notify,
  spiBytes,
  spiNumber,
  tsText,
} from './payloads.js';
import { chosenProposal, espProposals, pickProposal } from './proposals.js';

/** One installed child SA. */
export interface ChildSa {
  spiIn: number;
  spiOut: number;
  algorithms: EspSuiteChoice;
  mode: 'transport' | 'tunnel';
  localTs: TrafficSelector[];
  remoteTs: TrafficSelector[];
  inbound: EspSa;
  outbound: EspSa;
  createdAt: number;
  /** We initiated the exchange that made it (so we rekey it). */
  ours: boolean;
  /** A rekey or delete of it is under way. */
  retiring: boolean;
  /**
   * The SAs that rekeyed this one, by our exchange and by the peer's, with the lowest nonce of each exchange:
   * both present is a rekey collision (RFC 7296 2.8.1).
   */
  rekeyedBy?: { mine?: RekeyResult; theirs?: RekeyResult };
}

/** One completed rekey of a child SA: the new SA and the lowest of the exchange's two nonces. */
export interface RekeyResult {
  child: ChildSa;
  low: Uint8Array;
}

/** The lower of two nonces (compared as unsigned big-endian numbers, the shorter one padded). */
export function lowerNonce(a: Uint8Array, b: Uint8Array): Uint8Array {
  return compareNonces(a, b) <= 0 ? a : b;
}

export function compareNonces(a: Uint8Array, b: Uint8Array): number {
  const n = Math.max(a.length, b.length);
  const pa = Buffer.concat([Buffer.alloc(n - a.length), a]);
  const pb = Buffer.concat([Buffer.alloc(n - b.length), b]);
  return Buffer.compare(pa, pb);
}

/** Our request's child part, kept to complete it from the response. */
export interface ChildOffer {
  spiIn: number;
  transport: boolean;
}

/** A fresh inbound SPI: random, above the reserved 1-255, unused on this engine. */
export function newSpi(ctx: Ctx): number {
  for (;;) {
    const spi = spiNumber(ctx.random(4));
    if (spi < 256) continue;
    let used = false;
    for (const sa of ctx.sas.values()) if (sa.children.some((c) => c.spiIn === spi)) used = true;
    if (!used) return spi;
  }
}

function ourSelectors(ctx: Ctx, sa: IkeSa): { local: TrafficSelector; remote: TrafficSelector } {
  return {
    local: hostSelector(ctx.cfg.localAddress, sa.peer.protocol),
    remote: hostSelector(sa.peer.address, sa.peer.protocol),
  };
}

/** The child payloads of a request: [N(USE_TRANSPORT_MODE)], SA, TSi, TSr (`pfs`: DH transforms offered). */
export function offerChild(ctx: Ctx, sa: IkeSa, pfs?: DhGroup): { offer: ChildOffer; payloads: Ikev2Payload[] } {
  const spiIn = newSpi(ctx);
  const transport = sa.peer.mode === 'transport';
  const ts = ourSelectors(ctx, sa);
  const payloads: Ikev2Payload[] = [];
  if (transport) payloads.push(notify(Ikev2Notify.USE_TRANSPORT_MODE));
  payloads.push({ critical: false, kind: 'sa', proposals: espProposals(sa.peer.esp, spiIn, pfs !== undefined, pfs) });
  payloads.push({ critical: false, kind: 'tsi', selectors: [ts.local] });
  payloads.push({ critical: false, kind: 'tsr', selectors: [ts.remote] });
  return { offer: { spiIn, transport }, payloads };
}

/** What a responder makes of a child request: the response payloads and the new SA, or an error notify. */
export type ChildAnswer =
  | { ok: true; payloads: Ikev2Payload[]; child: ChildSa; pfsGroup?: DhGroup }
  | { ok: false; notify: number; data?: Uint8Array; why: string };

/**
 * Responder: picks an ESP proposal (with `keGroup` the request's KE group, for PFS), narrows TSi/TSr to the
 * configured selectors, agrees on the mode, derives the keys (`ni`/`nr` of the exchange, `pfsSecret` if any).
 */
export function acceptChild(
  ctx: Ctx,
  sa: IkeSa,
  req: readonly Ikev2Payload[],
  nonces: { ni: Uint8Array; nr: Uint8Array },
  keGroup?: number,
  pfsSecret?: (group: DhGroup) => Uint8Array,
): ChildAnswer {
  const saP = find(req, 'sa');
  const tsi = find(req, 'tsi');
  const tsr = find(req, 'tsr');
  if (!saP || !tsi || !tsr) return { ok: false, notify: Ikev2Notify.INVALID_SYNTAX, why: 'SA, TSi or TSr missing' };
  const pick = pickProposal(saP.proposals, sa.peer.esp, Ikev2Protocol.Esp, keGroup !== undefined);
  if (!pick) return { ok: false, notify: Ikev2Notify.NO_PROPOSAL_CHOSEN, why: 'no acceptable ESP proposal' };
  let pfs: DhGroup | undefined;
  if (keGroup !== undefined && pick.picked.dh.length) {
    if (!pick.picked.dh.includes(keGroup as DhGroup)) {
      const want = pick.picked.dh[0];
      return {
        ok: false,
        notify: Ikev2Notify.INVALID_KE_PAYLOAD,
        data: Uint8Array.of(want >> 8, want & 255),
        why: `PFS group ${keGroup} offered in KE, ${want} wanted`,
      };
    }
    pfs = keGroup as DhGroup;
  }
  const ts = ourSelectors(ctx, sa);
  // The initiator's TSi is its side (our remote), TSr ours; behind a NAT, transport mode takes the peer's as sent.
  const remote = tsi.selectors
    .map((s) => (sa.natRemote && sa.peer.mode === 'transport' ? s : narrow(s, ts.remote)))
    .find((s) => s !== undefined);
  const local = tsr.selectors.map((s) => narrow(s, ts.local)).find((s) => s !== undefined);
  if (!remote || !local) {
    return {
      ok: false,
      notify: Ikev2Notify.TS_UNACCEPTABLE,
      why:
        `TSi ${tsi.selectors.map(tsText).join(',')} TSr ${tsr.selectors.map(tsText).join(',')} do not match ` +
        `${tsText(ts.remote)} === ${tsText(ts.local)}`,
    };
  }
  const transport = findNotify(req, Ikev2Notify.USE_TRANSPORT_MODE) !== undefined && sa.peer.mode === 'transport';
  const spiIn = newSpi(ctx);
  const spiOut = spiNumber(pick.proposal.spi);
  const algorithms: EspSuiteChoice = { encr: pick.picked.encr, integ: pick.picked.integ, dh: pfs };
  const keys = childKeys(
    sa.suite!.prf,
    sa.keys!.skD,
    algorithms,
    nonces.ni,
    nonces.nr,
    spiOut,
    spiIn,
    pfs !== undefined ? pfsSecret?.(pfs) : undefined,
  );
  const payloads: Ikev2Payload[] = [];
  if (transport) payloads.push(notify(Ikev2Notify.USE_TRANSPORT_MODE));
  payloads.push({
    critical: false,
    kind: 'sa',
    proposals: [chosenProposal(pick.proposal.number, Ikev2Protocol.Esp, spiBytes(spiIn), pick.picked, pfs)],
  });
  payloads.push({ critical: false, kind: 'tsi', selectors: [remote] });
  payloads.push({ critical: false, kind: 'tsr', selectors: [local] });
  const child: ChildSa = {
    spiIn,
    spiOut,
    algorithms,
    mode: transport ? 'transport' : 'tunnel',
    localTs: [local],
    remoteTs: [remote],
    inbound: keys.i2r,
    outbound: keys.r2i,
    createdAt: ctx.now,
    ours: false,
    retiring: false,
  };
  return { ok: true, payloads, child, pfsGroup: pfs };
}

/** Initiator: the child SA a response establishes, or why it does not. */
export function completeChild(
  ctx: Ctx,
  sa: IkeSa,
  offer: ChildOffer,
  resp: readonly Ikev2Payload[],
  nonces: { ni: Uint8Array; nr: Uint8Array },
  pfsSecret?: (group: DhGroup) => Uint8Array,
): { ok: true; child: ChildSa } | { ok: false; why: string; notify?: number } {
  const saP = find(resp, 'sa');
  const tsi = find(resp, 'tsi');
  const tsr = find(resp, 'tsr');
  if (!saP || !tsi || !tsr || saP.proposals.length !== 1) return { ok: false, why: 'SA, TSi or TSr missing' };
  const p = saP.proposals[0];
  const pfsOffered = pfsSecret !== undefined;
  const pick = pickProposal([p], sa.peer.esp, Ikev2Protocol.Esp, pfsOffered);
  if (!pick)
    return {
      ok: false,
      why: 'the responder chose an ESP proposal we did not offer',
      notify: Ikev2Notify.NO_PROPOSAL_CHOSEN,
    };
  const pfs = pfsOffered ? pick.picked.dh[0] : undefined;
  const algorithms: EspSuiteChoice = { encr: pick.picked.encr, integ: pick.picked.integ, dh: pfs };
  const spiOut = spiNumber(p.spi);
  const keys = childKeys(
    sa.suite!.prf,
    sa.keys!.skD,
    algorithms,
    nonces.ni,
    nonces.nr,
    offer.spiIn,
    spiOut,
    pfs !== undefined ? pfsSecret?.(pfs) : undefined,
  );
  const transport = findNotify(resp, Ikev2Notify.USE_TRANSPORT_MODE) !== undefined;
  return {
    ok: true,
    child: {
      spiIn: offer.spiIn,
      spiOut,
      algorithms,
      mode: transport ? 'transport' : 'tunnel',
      localTs: tsi.selectors,
      remoteTs: tsr.selectors,
      inbound: keys.r2i,
      outbound: keys.i2r,
      createdAt: ctx.now,
      ours: true,
      retiring: false,
    },
  };
}

/** The data plane's view of a child SA. */
export function childView(sa: IkeSa, c: ChildSa): ChildSaView {
  const nat = sa.natLocal || sa.natRemote;
  return {
    spiIn: c.spiIn,
    spiOut: c.spiOut,
    inbound: c.inbound,
    outbound: c.outbound,
    suite: espTransformSuite(c.algorithms),
    algorithms: c.algorithms,
    mode: c.mode,
    localTs: c.localTs,
    remoteTs: c.remoteTs,
    lifetime: sa.peer.childLifetime,
    ...(nat ? { encap: { localPort: sa.localPort, peerPort: sa.peerPort } } : {}),
  };
}

/**
 * When an SA is rekeyed, as a fraction of its lifetime: at 90% by the side that made it, at 95% by the other
 * (IOS rekeys from both sides; the offset keeps the two from colliding when the lifetimes agree).
 */
export function rekeyAt(ours: boolean): number {
  return ours ? 0.9 : 0.95;
}

/** Installs a child SA: childUp, and its rekey and expiry timers. */
export function installChild(ctx: Ctx, sa: IkeSa, c: ChildSa, rekeyOf?: number): void {
  sa.children.push(c);
  const life = sa.peer.childLifetime * 1000;
  ctx.timers.set('childRekey', sa.id, ctx.now + Math.floor(life * rekeyAt(c.ours)), c.spiIn);
  ctx.timers.set('childExpire', sa.id, ctx.now + life, c.spiIn);
  ctx.event(
    `IKEv2:(SA ID = ${sa.id}):Child SA up: SPI in ${c.spiIn.toString(16)} out ${c.spiOut.toString(16)} ` +
      `${c.mode} ${c.localTs.map(tsText).join(',')} === ${c.remoteTs.map(tsText).join(',')}`,
  );
  ctx.out.push({
    kind: 'childUp',
    tunnelId: sa.id,
    peer: sa.peer.address,
    child: childView(sa, c),
    ...(rekeyOf !== undefined ? { rekeyOf } : {}),
  });
}

/** Removes a child SA (childDown) and its timers. */
export function removeChild(ctx: Ctx, sa: IkeSa, c: ChildSa, reason: string): void {
  const i = sa.children.indexOf(c);
  if (i < 0) return;
  sa.children.splice(i, 1);
  ctx.timers.clear('childRekey', sa.id, c.spiIn);
  ctx.timers.clear('childExpire', sa.id, c.spiIn);
  ctx.out.push({ kind: 'childDown', tunnelId: sa.id, peer: sa.peer.address, spiIn: c.spiIn, spiOut: c.spiOut, reason });
}
