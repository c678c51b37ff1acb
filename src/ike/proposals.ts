/**
 * SA proposals (RFC 7296 2.7, 3.3): build ours from the configuration, and as responder pick one from an offer.
 * A proposal is accepted when, for every transform type it needs, one offered transform is one we are configured
 * for; the first offered proposal that passes wins, and within it the first offered transform of each type.
 */
import type { Ikev2Proposal, Ikev2Transform } from '../wire/ikev2/index.js';
import { Ikev2Protocol, TransformType } from '../wire/ikev2/index.js';
import {
  ENCR,
  INTEG,
  PRF,
  encrByTransform,
  integById,
  isDhGroup,
  prfById,
  type DhGroup,
  type EncrName,
  type IntegName,
  type PrfName,
} from './algorithms.js';

const KEY_LENGTH = 14;

/** One IKE proposal as configured (IOS `crypto ikev2 proposal`): every combination of the lists is acceptable. */
export interface IkeProposalConfig {
  encr: EncrName[];
  prf: PrfName[];
  /** Needed with AES-CBC, ignored with AES-GCM. */
  integ?: IntegName[];
  dh: DhGroup[];
}

/** One ESP proposal (IOS `crypto ipsec transform-set` plus `set pfs`). */
export interface EspProposalConfig {
  encr: EncrName[];
  integ?: IntegName[];
  /** PFS groups for CREATE_CHILD_SA (none: no PFS). */
  pfs?: DhGroup[];
}

/** The algorithms picked from a proposal. */
export interface Picked {
  encr: EncrName;
  prf?: PrfName;
  integ?: IntegName;
  /** The acceptable groups offered, in offer order (the KE payload decides among them). */
  dh: DhGroup[];
}

function encrTransform(e: EncrName): Ikev2Transform {
  return { type: TransformType.Encryption, id: ENCR[e].id, attributes: [{ type: KEY_LENGTH, value: ENCR[e].bits }] };
}

function transforms(
  encr: EncrName[],
  prf: PrfName[] | undefined,
  integ: IntegName[] | undefined,
  dh: DhGroup[] | undefined,
  esp: boolean,
): Ikev2Transform[] {
  const out = encr.map(encrTransform);
  for (const p of prf ?? []) out.push({ type: TransformType.Prf, id: PRF[p].id, attributes: [] });
  if (encr.some((e) => !ENCR[e].aead)) {
    for (const i of integ ?? []) out.push({ type: TransformType.Integrity, id: INTEG[i].id, attributes: [] });
  }
  for (const g of dh ?? []) out.push({ type: TransformType.DiffieHellman, id: g, attributes: [] });
  if (esp) out.push({ type: TransformType.Esn, id: 0, attributes: [] });
  return out;
}

/** Our IKE proposals, numbered from 1; `spi` is the new SPI for a rekey (empty in IKE_SA_INIT). */
export function ikeProposals(cfg: readonly IkeProposalConfig[], spi: Uint8Array, dhFirst?: DhGroup): Ikev2Proposal[] {
  return cfg.map((c, i) => ({
    number: i + 1,
    protocolId: Ikev2Protocol.Ike,
    spi,
    transforms: transforms(c.encr, c.prf, c.integ, order(c.dh, dhFirst), false),
  }));
}

/** Our ESP proposals with inbound SPI `spi`; `pfs` false leaves the DH transforms out (IKE_AUTH). */
export function espProposals(
  cfg: readonly EspProposalConfig[],
  spi: number,
  pfs: boolean,
  dhFirst?: DhGroup,
): Ikev2Proposal[] {
  const spiBytes = new Uint8Array(4);
  new DataView(spiBytes.buffer).setUint32(0, spi);
  return cfg.map((c, i) => ({
    number: i + 1,
    protocolId: Ikev2Protocol.Esp,
    spi: spiBytes,
    transforms: transforms(c.encr, undefined, c.integ, pfs ? order(c.pfs ?? [], dhFirst) : undefined, true),
  }));
}

function order(groups: DhGroup[], first: DhGroup | undefined): DhGroup[] {
  return first !== undefined && groups.includes(first) ? [first, ...groups.filter((g) => g !== first)] : groups;
}

function keyLength(t: Ikev2Transform): number | undefined {
  const a = t.attributes.find((x) => x.type === KEY_LENGTH);
  return typeof a?.value === 'number' ? a.value : undefined;
}

function pickOne(
  p: Ikev2Proposal,
  cfg: IkeProposalConfig | EspProposalConfig,
  ike: boolean,
  pfs: boolean,
): Picked | undefined {
  const of = (type: number) => p.transforms.filter((t) => t.type === type);
  const encr = of(TransformType.Encryption)
    .map((t) => encrByTransform(t.id, keyLength(t)))
    .find((e): e is EncrName => e !== undefined && cfg.encr.includes(e));
  if (!encr) return undefined;
  const aead = ENCR[encr].aead;
  let prf: PrfName | undefined;
  if (ike) {
    prf = of(TransformType.Prf)
      .map((t) => prfById(t.id))
      .find((x) => x && (cfg as IkeProposalConfig).prf.includes(x));
    if (!prf) return undefined;
  }
  const integs = of(TransformType.Integrity);
  let integ: IntegName | undefined;
  if (aead) {
    if (integs.some((t) => t.id !== 0)) return undefined;
  } else {
    integ = integs.map((t) => integById(t.id)).find((x) => x && (cfg.integ ?? []).includes(x));
    if (!integ) return undefined;
  }
  const offeredDh = of(TransformType.DiffieHellman).map((t) => t.id);
  const ours: DhGroup[] = ike ? (cfg as IkeProposalConfig).dh : pfs ? ((cfg as EspProposalConfig).pfs ?? []) : [];
  const dh = offeredDh.filter((g): g is DhGroup => isDhGroup(g) && ours.includes(g));
  if (ike && dh.length === 0) return undefined;
  if (!ike) {
    if (ours.length && dh.length === 0) return undefined;
    if (!ours.length && offeredDh.length && !offeredDh.includes(0)) return undefined;
    const esn = of(TransformType.Esn).map((t) => t.id);
    if (esn.length && !esn.includes(0)) return undefined;
  }
  return { encr, prf, integ, dh };
}

/**
 * The first offered proposal of `protocolId` that one of `cfg` accepts, with the picked algorithms. `pfs` (ESP)
 * says the exchange carries a KE payload, so DH transforms are negotiated.
 */
export function pickProposal(
  offered: readonly Ikev2Proposal[],
  cfg: readonly (IkeProposalConfig | EspProposalConfig)[],
  protocolId: number,
  pfs = false,
): { proposal: Ikev2Proposal; picked: Picked } | undefined {
  const ike = protocolId === Ikev2Protocol.Ike;
  for (const p of offered) {
    if (p.protocolId !== protocolId) continue;
    if (!ike && p.spi.length !== 4) continue;
    for (const c of cfg) {
      const picked = pickOne(p, c, ike, pfs);
      if (picked) return { proposal: p, picked };
    }
  }
  return undefined;
}

/** The single-choice proposal a responder returns: the offered number, our SPI, the picked transforms. */
export function chosenProposal(
  number: number,
  protocolId: number,
  spi: Uint8Array,
  picked: Picked,
  dh?: DhGroup,
): Ikev2Proposal {
  const esp = protocolId === Ikev2Protocol.Esp;
  return {
    number,
    protocolId,
    spi,
    transforms: transforms(
      [picked.encr],
      picked.prf ? [picked.prf] : undefined,
      picked.integ ? [picked.integ] : undefined,
      dh !== undefined ? [dh] : undefined,
      esp,
    ),
  };
}
