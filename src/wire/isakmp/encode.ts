/** IKEv1 message encoder: IsakmpMessage -> bytes, with Next Payload chains and every length computed. */
import { Writer } from '../cursor.js';
import { beginPayload, endPayload, finishIkeMessage, writeIkeHeader } from './header.js';
import { encodeIsakmpPayloadBody, isakmpPayloadType } from './payloads.js';
import { IsakmpFlags, IsakmpPayloadType as T, type IsakmpMessage, type IsakmpPayload } from './types.js';

/**
 * Encodes a message (layout: see header.ts and payloads.ts). With `encrypted` the E flag is set and the
 * ciphertext is the body; otherwise the payloads are chained. Throws RangeError on unrepresentable fields.
 */
export function encodeIsakmp(m: IsakmpMessage): Uint8Array {
  const w = new Writer(512);
  const enc = m.encrypted;
  const flags = enc ? m.flags | IsakmpFlags.Encryption : m.flags & ~IsakmpFlags.Encryption;
  const nextPayload = enc ? enc.firstPayload : m.payloads.length ? isakmpPayloadType(m.payloads[0]) : T.None;
  writeIkeHeader(w, { ...m, majorVersion: 1, nextPayload, flags });
  if (enc) w.bytes(enc.ciphertext);
  else encodeIsakmpPayloads(w, m.payloads);
  return finishIkeMessage(w);
}

/** Writes a chain of payloads (for a message body, or a body about to be encrypted). */
export function encodeIsakmpPayloads(w: Writer, payloads: readonly IsakmpPayload[]): void {
  payloads.forEach((p, i) => {
    const next = i + 1 < payloads.length ? isakmpPayloadType(payloads[i + 1]) : T.None;
    const at = beginPayload(w, next, 0);
    encodeIsakmpPayloadBody(w, p);
    endPayload(w, at, `${p.kind} payload`);
  });
}
