/** IKEv2 Security Association payload body: proposals, transforms, attributes (RFC 7296 3.3). */
import type { Writer } from '../cursor.js';
import { DecodeError } from '../errors.js';
import { decodeAttributes, encodeAttributes } from '../isakmp/attributes.js';
import { beginPayload, endPayload, readPayloadSpan, readProposalHead } from '../isakmp/header.js';
import type { Ikev2Proposal, Ikev2Transform } from './types.js';

const MORE_PROPOSALS = 2;
const MORE_TRANSFORMS = 3;

/*
 * RFC 7296 3.3.1 Proposal Substructure
 * | Last Substruc (0/2) | RESERVED | Proposal Length (16) |
 * | Proposal Num | Protocol ID | SPI Size | Num Transforms | SPI (variable) | Transforms ...
 * RFC 7296 3.3.2 Transform Substructure
 * | Last Substruc (0/3) | RESERVED | Transform Length (16) |
 * | Transform Type | RESERVED | Transform ID (16) | Transform Attributes ...
 */
/** Decodes the proposals filling an SA payload body. An empty body is a DecodeError (3.3: at least one). */
export function decodeProposals(b: Uint8Array, start: number, end: number): Ikev2Proposal[] {
  const out: Ikev2Proposal[] = [];
  let at = start;
  let last = 0;
  do {
    const s = readPayloadSpan(b, at, end, MORE_PROPOSALS, 'proposal');
    last = s.nextPayload;
    if (last !== 0 && last !== MORE_PROPOSALS) {
      throw new DecodeError('BAD_VALUE', at, `proposal Last Substruc: expected 0 or 2, found ${last}`);
    }
    out.push(decodeProposal(b, s.start, s.end));
    at = s.end;
  } while (last === MORE_PROPOSALS);
  if (at !== end) throw new DecodeError('BAD_LENGTH', at, `SA payload: ${end - at} bytes after the last proposal`);
  return out;
}

function decodeProposal(b: Uint8Array, start: number, end: number): Ikev2Proposal {
  const head = readProposalHead(b, start, end);
  const { spi, count } = head;
  let at = head.at;
  const transforms: Ikev2Transform[] = [];
  for (let i = 0; i < count; i++) {
    const s = readPayloadSpan(b, at, end, MORE_TRANSFORMS, 'transform');
    const more = i < count - 1;
    if (s.nextPayload !== (more ? MORE_TRANSFORMS : 0)) {
      throw new DecodeError(
        'BAD_VALUE',
        at,
        `transform ${i + 1} of ${count}: Last Substruc ${s.nextPayload}, expected ${more ? 3 : 0}`,
      );
    }
    if (s.start + 4 > s.end) {
      throw new DecodeError('TRUNCATED', s.start, `transform: need 4 bytes, ${s.end - s.start} left`);
    }
    const id = (b[s.start + 2] << 8) | b[s.start + 3];
    transforms.push({ type: b[s.start], id, attributes: decodeAttributes(b, s.start + 4, s.end) });
    at = s.end;
  }
  if (at !== end) throw new DecodeError('BAD_LENGTH', at, `proposal: ${end - at} bytes after its ${count} transforms`);
  return { number: b[start], protocolId: b[start + 1], spi, transforms };
}

/** Writes the proposals of an SA payload. Throws RangeError for sizes or counts that do not fit. */
export function encodeProposals(w: Writer, proposals: readonly Ikev2Proposal[]): void {
  proposals.forEach((p, i) => {
    if (p.spi.length > 255 || p.transforms.length > 255) {
      throw new RangeError(`proposal ${p.number}: SPI of ${p.spi.length} bytes or ${p.transforms.length} transforms`);
    }
    const at = beginPayload(w, i === proposals.length - 1 ? 0 : MORE_PROPOSALS, 0);
    w.u8(p.number).u8(p.protocolId).u8(p.spi.length).u8(p.transforms.length).bytes(p.spi);
    p.transforms.forEach((t, k) => {
      const tat = beginPayload(w, k === p.transforms.length - 1 ? 0 : MORE_TRANSFORMS, 0);
      w.u8(t.type).u8(0).u16(t.id);
      encodeAttributes(w, t.attributes);
      endPayload(w, tat, 'transform');
    });
    endPayload(w, at, 'proposal');
  });
}
