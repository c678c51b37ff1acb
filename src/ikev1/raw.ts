/**
 * Raw views of an IKEv1 payload chain, for the values RFC 2409 hashes over the bytes as sent: SAi_b and ID_b
 * (payload bodies), and quick mode's "message after the HASH payload" (whole payloads, headers included).
 */
import { DecodeError } from '../wire/errors.js';

/** One payload as it sits in the bytes: type, where its generic header starts, where it ends. */
export interface RawPayload {
  type: number;
  at: number;
  end: number;
}

/**
 * Walks the chain from `first` over [start, limit); returns the payloads and where the chain ends (padding of an
 * encrypted body follows). Throws DecodeError when a length runs past `limit` or is under 4.
 */
export function walkChain(
  b: Uint8Array,
  first: number,
  start: number,
  limit: number,
): { payloads: RawPayload[]; end: number } {
  const payloads: RawPayload[] = [];
  let type = first;
  let at = start;
  while (type !== 0) {
    if (payloads.length > 64) throw new DecodeError('BAD_VALUE', at, 'more than 64 payloads');
    if (at + 4 > limit) throw new DecodeError('TRUNCATED', at, `payload ${type}: need 4 bytes, ${limit - at} left`);
    const len = (b[at + 2] << 8) | b[at + 3];
    if (len < 4 || at + len > limit) throw new DecodeError('BAD_LENGTH', at + 2, `payload ${type}: length ${len}`);
    payloads.push({ type, at, end: at + len });
    type = b[at];
    at += len;
  }
  return { payloads, end: at };
}

/** The body (after the 4-byte generic header) of the first payload of `type`, or undefined. */
export function rawBody(b: Uint8Array, chain: RawPayload[], type: number): Uint8Array | undefined {
  const p = chain.find((x) => x.type === type);
  return p ? b.subarray(p.at + 4, p.end) : undefined;
}
