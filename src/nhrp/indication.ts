/**
 * Error Indication (RFC 2332 5.2.7): sent to the source of a packet we cannot use, with the error
 * code and the offset of the offending field, never in reply to an Error Indication. Received ones
 * are counted and reported; one about our own Registration Request counts against that NHS.
 */
import { decodeNhrp, errorCodeName, NhrpType, tryDecode, type NhrpPacket } from '../wire/index.js';
import type { Ctx } from './context.js';
import { errorIndication } from './packets.js';

export class Indications {
  constructor(
    private readonly ctx: Ctx,
    private readonly onRegistrationError: (requestId: number, code: number) => void,
  ) {}

  /** Sends an Error Indication about `p` (received as `bytes`) to `to`. */
  send(p: NhrpPacket, bytes: Uint8Array, to: string, code: number, offset: number): void {
    if (p.type === NhrpType.ErrorIndication) return; // RFC 2332 5.2.7: never about an Error Indication
    this.ctx.send(to, errorIndication(this.ctx, p, bytes, code, offset));
  }

  /** A received Error Indication. */
  onIndication(p: NhrpPacket, fromNbma: string): void {
    const ctx = this.ctx;
    const code = p.requestId >>> 16;
    const about = tryDecode(() => decodeNhrp(p.payload));
    ctx.event(() => `Error Indication from ${fromNbma}: ${errorCodeName(code)} (${code})`);
    if (about.ok && about.value.type === NhrpType.RegistrationRequest)
      this.onRegistrationError(about.value.requestId, code);
  }
}

/** Offset of the `index`-th extension in an NHRP packet's bytes (for Error Indication offsets). */
export function extensionOffset(bytes: Uint8Array, index: number): number {
  let at = (bytes[14] << 8) | bytes[15];
  const end = Math.min(bytes.length, (bytes[10] << 8) | bytes[11]);
  for (let i = 0; i < index && at + 4 <= end; i++) at += 4 + ((bytes[at + 2] << 8) | bytes[at + 3]);
  return at;
}
