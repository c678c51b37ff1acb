/** IKEv1 Security Association payload body with its Proposal and Transform payloads (RFC 2408 3.4-3.6). */
import type { Writer } from '../cursor.js';
import { DecodeError } from '../errors.js';
import { decodeAttributes, encodeAttributes } from './attributes.js';
import { beginPayload, endPayload, readPayloadSpan, readProposalHead, u32 } from './header.js';
import {
  DOI_IPSEC,
  IsakmpPayloadType as T,
  SIT_IDENTITY_ONLY,
  type IsakmpPayload,
  type IsakmpProposal,
  type IsakmpTransform,
} from './types.js';

type SaPayload = Extract<IsakmpPayload, { kind: 'sa' }>;

/*
 * RFC 2408 3.4 SA body (IPsec DOI), 3.5 Proposal, 3.6 Transform
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |              Domain of Interpretation  (DOI)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           Situation                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * Proposal: | Next (2 or 0) | RESERVED | Payload Length |
 *           | Proposal # | Protocol-Id | SPI Size | # of Transforms | SPI ... | Transforms
 * Transform: | Next (3 or 0) | RESERVED | Payload Length |
 *            | Transform # | Transform-Id | RESERVED2 (16) | SA Attributes ...
 */
/**
 * Decodes an SA body of the IPsec DOI with SIT_IDENTITY_ONLY, or returns null for another DOI or situation
 * (labelled-domain data follows those; the payload is then kept raw). Proposals and transforms must be chained
 * as RFC 2408 says (Next 2/3 until the last, 0 on the last) and the transform count must match.
 */
export function decodeSaBody(b: Uint8Array, start: number, end: number): SaPayload | null {
  if (start + 8 > end) {
    throw new DecodeError('TRUNCATED', start, `SA payload: need 8 bytes (DOI, situation), ${end - start} left`);
  }
  const doi = u32(b, start);
  const situation = u32(b, start + 4);
  if (doi !== DOI_IPSEC || situation !== SIT_IDENTITY_ONLY) return null;
  const proposals: IsakmpProposal[] = [];
  let at = start + 8;
  let next: number = at < end ? T.Proposal : T.None;
  while (at < end) {
    if (next !== T.Proposal) throw new DecodeError('BAD_VALUE', at, `SA payload: bytes after the last proposal`);
    const s = readPayloadSpan(b, at, end, T.Proposal, 'proposal');
    proposals.push(decodeProposal(b, s.start, s.end));
    next = s.nextPayload;
    if (next !== T.Proposal && next !== T.None) {
      throw new DecodeError('BAD_VALUE', at, `proposal next payload: expected 2 or 0, found ${next}`);
    }
    at = s.end;
  }
  if (next !== T.None) throw new DecodeError('TRUNCATED', at, 'SA payload: the last proposal says another follows');
  return { kind: 'sa', doi, situation, proposals };
}

function decodeProposal(b: Uint8Array, start: number, end: number): IsakmpProposal {
  const head = readProposalHead(b, start, end);
  const { spi, count } = head;
  let at = head.at;
  const transforms: IsakmpTransform[] = [];
  for (let i = 0; i < count; i++) {
    const s = readPayloadSpan(b, at, end, T.Transform, 'transform');
    const last = i === count - 1;
    if (s.nextPayload !== (last ? T.None : T.Transform)) {
      throw new DecodeError(
        'BAD_VALUE',
        at,
        `transform ${i + 1} of ${count}: next payload ${s.nextPayload}, expected ${last ? 0 : 3}`,
      );
    }
    if (s.start + 4 > s.end) {
      throw new DecodeError('TRUNCATED', s.start, `transform: need 4 bytes, ${s.end - s.start} left`);
    }
    const attributes = decodeAttributes(b, s.start + 4, s.end);
    transforms.push({ number: b[s.start], transformId: b[s.start + 1], attributes });
    at = s.end;
  }
  if (at !== end) throw new DecodeError('BAD_LENGTH', at, `proposal: ${end - at} bytes after its ${count} transforms`);
  return { number: b[start], protocolId: b[start + 1], spi, transforms };
}

/** Writes an SA body (DOI, situation, proposals). Throws RangeError for counts or sizes that do not fit. */
export function encodeSaBody(w: Writer, p: SaPayload): void {
  w.u32(p.doi).u32(p.situation);
  p.proposals.forEach((prop, i) => {
    if (prop.spi.length > 255 || prop.transforms.length > 255) {
      throw new RangeError(
        `proposal ${prop.number}: SPI of ${prop.spi.length} bytes or ${prop.transforms.length} transforms`,
      );
    }
    const at = beginPayload(w, i === p.proposals.length - 1 ? T.None : T.Proposal, 0);
    w.u8(prop.number).u8(prop.protocolId).u8(prop.spi.length).u8(prop.transforms.length).bytes(prop.spi);
    prop.transforms.forEach((t, k) => {
      const tat = beginPayload(w, k === prop.transforms.length - 1 ? T.None : T.Transform, 0);
      w.u8(t.number).u8(t.transformId).u16(0);
      encodeAttributes(w, t.attributes);
      endPayload(w, tat, 'transform');
    });
    endPayload(w, at, 'proposal');
  });
}
