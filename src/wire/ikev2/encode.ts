/** IKEv2 message encoder: Ikev2Message -> bytes, with Next Payload chains and every length computed. */
import { Writer } from '../cursor.js';
import { beginPayload, endPayload, finishIkeMessage, writeIkeHeader } from '../isakmp/header.js';
import { encodeIkev2PayloadBody, ikev2PayloadType } from './payloads.js';
import { Ikev2PayloadType as T, type Ikev2Message, type Ikev2Payload } from './types.js';

/**
 * Encodes a message (layout: ../isakmp/header.ts and payloads.ts). An SK payload must be the last one; its
 * Next Payload is its `firstPayload`. Throws RangeError on unrepresentable fields or an SK payload not last.
 */
export function encodeIkev2(m: Ikev2Message): Uint8Array {
  const w = new Writer(512);
  const nextPayload = m.payloads.length ? ikev2PayloadType(m.payloads[0]) : T.None;
  writeIkeHeader(w, { ...m, majorVersion: 2, nextPayload });
  encodeIkev2Payloads(w, m.payloads);
  return finishIkeMessage(w);
}

/** Writes a chain of payloads (a message body, or the plaintext of an SK payload). */
export function encodeIkev2Payloads(w: Writer, payloads: readonly Ikev2Payload[]): void {
  payloads.forEach((p, i) => {
    const last = i === payloads.length - 1;
    if (p.kind === 'sk' && !last) throw new RangeError('the Encrypted (SK) payload must be the last payload');
    const next = p.kind === 'sk' ? p.firstPayload : last ? T.None : ikev2PayloadType(payloads[i + 1]);
    const at = beginPayload(w, next, p.critical ? 0x80 : 0);
    encodeIkev2PayloadBody(w, p);
    endPayload(w, at, `${p.kind} payload`);
  });
}
