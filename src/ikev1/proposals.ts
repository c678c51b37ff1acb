/**
 * Phase-1 and phase-2 SA payloads (RFC 2408 3.4-3.6, RFC 2409 5 and appendix A, RFC 2407 4.5): ours from the
 * configuration, and the responder's choice from an offer. Phase 1: one ISAKMP proposal with a KEY_IKE transform
 * per `crypto isakmp policy`, the responder walking its policies in priority order (as IOS) and taking the first
 * offered transform that equals one. Phase 2: one ESP proposal per transform set.
 */
import {
  attributeValue,
  DOI_IPSEC,
  SIT_IDENTITY_ONLY,
  type Attribute,
  type IsakmpPayload,
  type IsakmpTransform,
} from '../wire/isakmp/index.js';
import type { EspSuiteChoice } from '../ike/algorithms.js';
import {
  AUTH_ALG,
  AUTH_PSK,
  Encap,
  ENCAP_DRAFT,
  LIFE_SECONDS,
  P2Attr,
  V1_ENCR,
  V1_HASH,
  encrFromAttributes,
  espEncrFrom,
  espTransformId,
  hashFromId,
  integFromAuthAlg,
  isV1Group,
  type V1Group,
} from './algorithms.js';
import type { EspOffer, IsakmpPolicyConfig } from './config.js';

type SaPayload = Extract<IsakmpPayload, { kind: 'sa' }>;
const PROTO_ISAKMP = 1;
export const PROTO_ESP = 3;
const KEY_IKE = 1;

function life(seconds: number): Attribute {
  if (seconds <= 0xffff) return { type: 12, value: seconds };
  return {
    type: 12,
    value: Uint8Array.of(seconds >>> 24, (seconds >>> 16) & 255, (seconds >>> 8) & 255, seconds & 255),
  };
}

/** The phase-1 SA payload offering every policy. */
export function phase1Offer(policies: IsakmpPolicyConfig[]): SaPayload {
  const sorted = [...policies].sort((a, b) => a.priority - b.priority);
  return {
    kind: 'sa',
    doi: DOI_IPSEC,
    situation: SIT_IDENTITY_ONLY,
    proposals: [
      {
        number: 1,
        protocolId: PROTO_ISAKMP,
        spi: new Uint8Array(0),
        transforms: sorted.map((p, i) => ({ number: i + 1, transformId: KEY_IKE, attributes: policyAttributes(p) })),
      },
    ],
  };
}

function policyAttributes(p: IsakmpPolicyConfig): Attribute[] {
  const e = V1_ENCR[p.encr];
  // IOS's order (the Cisco capture's main mode message 1): encryption, key length, hash, group, authentication
  return [
    { type: 1, value: e.id },
    ...(e.bits ? [{ type: 14, value: e.bits }] : []),
    { type: 2, value: V1_HASH[p.hash].id },
    { type: 4, value: p.group },
    { type: 3, value: AUTH_PSK },
    { type: 11, value: LIFE_SECONDS },
    life(p.lifetime),
  ];
}

/** The policy a transform stands for (its lifetime as offered), or undefined. */
function transformPolicy(attrs: Attribute[]): IsakmpPolicyConfig | undefined {
  const encr = encrFromAttributes(attributeValue(attrs, 1), attributeValue(attrs, 14));
  const hash = hashFromId(attributeValue(attrs, 2));
  const group = attributeValue(attrs, 4) ?? 0;
  if (!encr || !hash || attributeValue(attrs, 3) !== AUTH_PSK || !isV1Group(group)) return undefined;
  const lifeType = attributeValue(attrs, 11);
  const lifetime = lifeType === undefined || lifeType === LIFE_SECONDS ? (attributeValue(attrs, 12) ?? 86400) : 86400;
  return { priority: 0, encr, hash, group: group as V1Group, lifetime };
}

/** Responder: the first of our policies (by priority) that an offered transform matches; the reply SA payload. */
export function choosePhase1(
  offer: SaPayload,
  policies: IsakmpPolicyConfig[],
): { policy: IsakmpPolicyConfig; reply: SaPayload } | undefined {
  const prop = offer.proposals.find((p) => p.protocolId === PROTO_ISAKMP);
  if (!prop) return undefined;
  for (const mine of [...policies].sort((a, b) => a.priority - b.priority)) {
    for (const t of prop.transforms) {
      const p = transformPolicy(t.attributes);
      if (!p || p.encr !== mine.encr || p.hash !== mine.hash || p.group !== mine.group) continue;
      const policy = { ...mine, lifetime: shorter(mine.lifetime, p.lifetime) };
      return { policy, reply: { ...offer, proposals: [{ ...prop, transforms: [t] }] } };
    }
  }
  return undefined;
}

/** Initiator: the policy the responder's single transform names (it must be one we offered). */
export function acceptedPhase1(reply: SaPayload, policies: IsakmpPolicyConfig[]): IsakmpPolicyConfig | undefined {
  const t = reply.proposals[0]?.transforms;
  if (reply.proposals.length !== 1 || t?.length !== 1) return undefined;
  const p = transformPolicy(t[0].attributes);
  if (!p) return undefined;
  const mine = policies.find((x) => x.encr === p.encr && x.hash === p.hash && x.group === p.group);
  return mine ? { ...mine, lifetime: shorter(mine.lifetime, p.lifetime) } : undefined;
}

/** The shorter of two lifetimes; a peer's 0 (strongSwan without rekeying) means none of its own. */
export const shorter = (mine: number, theirs: number): number => (theirs > 0 ? Math.min(mine, theirs) : mine);

const spiBytes = (n: number) => Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
const spiNum = (b: Uint8Array) => ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;

export interface Phase2Terms {
  mode: 'transport' | 'tunnel';
  udpEncap: boolean;
  lifetime: number;
  pfs?: V1Group;
}

function encapValue(t: Phase2Terms): number {
  if (t.mode === 'tunnel') return t.udpEncap ? Encap.UdpTunnel : Encap.Tunnel;
  return t.udpEncap ? Encap.UdpTransport : Encap.Transport;
}

/** The phase-2 SA payload: one ESP proposal per offer, all with our inbound SPI. */
export function phase2Offer(offers: EspOffer[], spi: number, t: Phase2Terms): SaPayload {
  return {
    kind: 'sa',
    doi: DOI_IPSEC,
    situation: SIT_IDENTITY_ONLY,
    proposals: offers.map((o, i) => ({
      number: i + 1,
      protocolId: PROTO_ESP,
      spi: spiBytes(spi),
      transforms: [{ number: 1, transformId: espTransformId(o.encr).id, attributes: p2Attributes(o, t) }],
    })),
  };
}

function p2Attributes(o: EspOffer, t: Phase2Terms): Attribute[] {
  const { bits } = espTransformId(o.encr);
  return [
    { type: P2Attr.LifeType, value: LIFE_SECONDS },
    life(t.lifetime),
    ...(t.pfs ? [{ type: P2Attr.GroupDescription, value: t.pfs }] : []),
    { type: P2Attr.EncapsulationMode, value: encapValue(t) },
    ...(o.integ ? [{ type: P2Attr.AuthAlgorithm, value: AUTH_ALG[o.integ] }] : []),
    { type: P2Attr.KeyLength, value: bits },
  ].map((a) => (a.type === 12 ? { ...a, type: P2Attr.LifeDuration } : a));
}

/** What one phase-2 transform says. */
export interface Phase2Choice {
  choice: EspSuiteChoice;
  spi: number;
  mode: 'transport' | 'tunnel';
  udpEncap: boolean;
  lifetime: number;
  pfs?: number;
}

function readTransform(spi: Uint8Array, id: number, attrs: Attribute[]): Phase2Choice | undefined {
  if (spi.length !== 4) return undefined;
  const encr = espEncrFrom(id, attributeValue(attrs, P2Attr.KeyLength));
  if (!encr) return undefined;
  const integ = integFromAuthAlg(attributeValue(attrs, P2Attr.AuthAlgorithm));
  if (!encr.startsWith('aes-gcm') && !integ) return undefined;
  let enc = attributeValue(attrs, P2Attr.EncapsulationMode) ?? Encap.Tunnel;
  enc = ENCAP_DRAFT[enc] ?? enc;
  if (enc < 1 || enc > 4) return undefined;
  const lt = attributeValue(attrs, P2Attr.LifeType);
  const lifetime =
    lt === undefined || lt === LIFE_SECONDS ? (attributeValue(attrs, P2Attr.LifeDuration) ?? 3600) : 3600;
  const pfs = attributeValue(attrs, P2Attr.GroupDescription);
  return {
    choice: encr.startsWith('aes-gcm') ? { encr } : { encr, integ },
    spi: spiNum(spi),
    mode: enc === Encap.Tunnel || enc === Encap.UdpTunnel ? 'tunnel' : 'transport',
    udpEncap: enc >= Encap.UdpTunnel,
    lifetime,
    ...(pfs !== undefined ? { pfs } : {}),
  };
}

/** Responder: the first offered ESP proposal we accept (an offer of ours, our mode and PFS group). */
export function choosePhase2(
  offer: SaPayload,
  mine: EspOffer[],
  mode: 'transport' | 'tunnel',
  pfs: V1Group | undefined,
): { chosen: Phase2Choice; number: number; transform: IsakmpTransform } | undefined {
  for (const prop of offer.proposals) {
    if (prop.protocolId !== PROTO_ESP || prop.transforms.length === 0) continue;
    for (const t of prop.transforms) {
      const c = readTransform(prop.spi, t.transformId, t.attributes);
      if (!c || c.mode !== mode) continue;
      if (!mine.some((o) => o.encr === c.choice.encr && (o.integ ?? undefined) === (c.choice.integ ?? undefined)))
        continue;
      if (pfs !== undefined && c.pfs !== pfs) continue;
      if (c.pfs !== undefined && !isV1Group(c.pfs)) continue;
      return { chosen: c, number: prop.number, transform: t };
    }
  }
  return undefined;
}

/** The reply SA payload: the chosen proposal with our SPI and the one transform. */
export function phase2Reply(offer: SaPayload, number: number, transform: IsakmpTransform, spiIn: number): SaPayload {
  const prop = offer.proposals.find((p) => p.number === number)!;
  return { ...offer, proposals: [{ ...prop, spi: spiBytes(spiIn), transforms: [transform] }] };
}

/** Initiator: the responder's single ESP proposal. */
export function acceptedPhase2(reply: SaPayload): Phase2Choice | undefined {
  const prop = reply.proposals[0];
  if (reply.proposals.length !== 1 || prop?.protocolId !== PROTO_ESP || prop.transforms.length !== 1) return undefined;
  return readTransform(prop.spi, prop.transforms[0].transformId, prop.transforms[0].attributes);
}

export { spiBytes, spiNum };
