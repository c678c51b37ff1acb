/** IKEv1 message decoder: bytes -> IsakmpMessage, or DecodeError. */
import { DecodeError } from '../errors.js';
import { decodeIkeHeader, IKE_HEADER_LENGTH, readPayloadSpan } from './header.js';
import { decodeIsakmpPayload } from './payloads.js';
import { IsakmpFlags, IsakmpPayloadType as T, type IsakmpMessage, type IsakmpPayload } from './types.js';

/** Longest payload chain followed before the message is declared malformed (a loop cannot occur, but bound it). */
const MAX_PAYLOADS = 256;

/**
 * Decodes one IKEv1 message (the UDP payload of port 500, or of 4500 after the non-ESP marker). Bytes past
 * the header's Length are ignored. With the E flag set the body is kept as ciphertext. Otherwise the payload
 * chain must end (Next Payload 0) exactly at Length. Throws only DecodeError.
 */
export function decodeIsakmp(bytes: Uint8Array): IsakmpMessage {
  const h = decodeIkeHeader(bytes, 1, 'ISAKMP');
  const m: IsakmpMessage = {
    initiatorSpi: h.initiatorSpi,
    responderSpi: h.responderSpi,
    minorVersion: h.minorVersion,
    exchangeType: h.exchangeType,
    flags: h.flags,
    messageId: h.messageId,
    payloads: [],
  };
  if (h.flags & IsakmpFlags.Encryption) {
    m.encrypted = { firstPayload: h.nextPayload, ciphertext: bytes.subarray(IKE_HEADER_LENGTH, h.length) };
    return m;
  }
  m.payloads = decodeChain(bytes, h.nextPayload, IKE_HEADER_LENGTH, h.length);
  return m;
}

/** Decodes the payloads chained from `first` over [start, end) of `b`, as found in a message or decrypted body. */
export function decodeIsakmpPayloads(b: Uint8Array, first: number, start = 0, end = b.length): IsakmpPayload[] {
  return decodeChain(b, first, start, end);
}

function decodeChain(b: Uint8Array, first: number, start: number, end: number): IsakmpPayload[] {
  const out: IsakmpPayload[] = [];
  let type = first;
  let at = start;
  while (type !== T.None) {
    if (out.length === MAX_PAYLOADS) throw new DecodeError('BAD_VALUE', at, `more than ${MAX_PAYLOADS} payloads`);
    if (type === T.Proposal || type === T.Transform) {
      throw new DecodeError('BAD_VALUE', at, `payload type ${type} (proposal/transform) outside an SA payload`);
    }
    const s = readPayloadSpan(b, at, end, type, `payload ${type}`);
    out.push(decodeIsakmpPayload(b, s));
    type = s.nextPayload;
    at = s.end;
  }
  if (at !== end) throw new DecodeError('BAD_LENGTH', at, `payloads end at byte ${at}, the message at ${end}`);
  return out;
}
