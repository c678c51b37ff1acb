/** IKEv2 message decoder: bytes -> Ikev2Message, or DecodeError. */
import { DecodeError } from '../errors.js';
import { decodeIkeHeader, IKE_HEADER_LENGTH, readPayloadSpan } from '../isakmp/header.js';
import { decodeIkev2Payload } from './payloads.js';
import { Ikev2PayloadType as T, type Ikev2Message, type Ikev2Payload } from './types.js';

const MAX_PAYLOADS = 256;

/**
 * Decodes one IKEv2 message (UDP 500, or 4500 after the non-ESP marker). Bytes past the header's Length are
 * ignored. The payload chain must end exactly at Length; an Encrypted (SK) payload ends it, its Next Payload
 * being the first payload inside (RFC 7296 3.14). Throws only DecodeError.
 */
export function decodeIkev2(bytes: Uint8Array): Ikev2Message {
  const h = decodeIkeHeader(bytes, 2, 'IKEv2');
  return {
    initiatorSpi: h.initiatorSpi,
    responderSpi: h.responderSpi,
    minorVersion: h.minorVersion,
    exchangeType: h.exchangeType,
    flags: h.flags,
    messageId: h.messageId,
    payloads: decodeIkev2Payloads(bytes, h.nextPayload, IKE_HEADER_LENGTH, h.length),
  };
}

/** Decodes the payloads chained from `first` over [start, end) of `b` (a message, or a decrypted SK body). */
export function decodeIkev2Payloads(b: Uint8Array, first: number, start = 0, end = b.length): Ikev2Payload[] {
  const out: Ikev2Payload[] = [];
  let type = first;
  let at = start;
  while (type !== T.None) {
    if (out.length === MAX_PAYLOADS) throw new DecodeError('BAD_VALUE', at, `more than ${MAX_PAYLOADS} payloads`);
    const s = readPayloadSpan(b, at, end, type, `payload ${type}`);
    out.push(decodeIkev2Payload(b, s));
    at = s.end;
    if (type === T.Encrypted) break;
    type = s.nextPayload;
  }
  if (at !== end) throw new DecodeError('BAD_LENGTH', at, `payloads end at byte ${at}, the message at ${end}`);
  return out;
}

/**
 * The type of the first payload that is critical and not understood (`unknown` kind), if any: RFC 7296 2.5
 * says to reject such a message with UNSUPPORTED_CRITICAL_PAYLOAD carrying this type.
 */
export function unsupportedCriticalPayload(payloads: readonly Ikev2Payload[]): number | undefined {
  const p = payloads.find((x) => x.kind === 'unknown' && x.critical);
  return p?.kind === 'unknown' ? p.type : undefined;
}
