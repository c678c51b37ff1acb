/**
 * The header and generic payload header that IKEv1 (RFC 2408 3.1, 3.2) and IKEv2 (RFC 7296 3.1, 3.2)
 * share, and the walk along a chain of payloads linked by their Next Payload fields.
 */
import type { Writer } from '../cursor.js';
import { DecodeError } from '../errors.js';

/** Bytes of the IKE header. */
export const IKE_HEADER_LENGTH = 28;
/** Bytes of the generic payload header. */
export const PAYLOAD_HEADER_LENGTH = 4;

/** The fields of an IKE header, as read; `length` is the whole message (encoders recompute it). */
export interface IkeHeader {
  /** Initiator SPI (IKEv1: Initiator Cookie), 8 bytes. */
  initiatorSpi: Uint8Array;
  /** Responder SPI (IKEv1: Responder Cookie), 8 bytes. */
  responderSpi: Uint8Array;
  nextPayload: number;
  majorVersion: number;
  minorVersion: number;
  exchangeType: number;
  flags: number;
  messageId: number;
  length: number;
}

/*
 * RFC 2408 3.1 / RFC 7296 3.1
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       IKE SA Initiator's SPI                  |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       IKE SA Responder's SPI                  |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Payload | MjVer | MnVer | Exchange Type |     Flags     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          Message ID                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            Length                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
/**
 * Reads the header of an IKE message of major version `major` and checks its Length against the bytes
 * present. Bytes past Length (UDP padding) are the caller's to ignore. Throws only DecodeError.
 */
export function decodeIkeHeader(b: Uint8Array, major: number, what: string): IkeHeader {
  if (b.length < IKE_HEADER_LENGTH) {
    throw new DecodeError('TRUNCATED', 0, `${what} header: need ${IKE_HEADER_LENGTH} bytes, ${b.length} left`);
  }
  const version = b[17];
  if (version >> 4 !== major) {
    throw new DecodeError('BAD_VERSION', 17, `${what} major version: expected ${major}, found ${version >> 4}`);
  }
  const length = u32(b, 24);
  if (length < IKE_HEADER_LENGTH) {
    throw new DecodeError('BAD_LENGTH', 24, `${what} length: expected at least ${IKE_HEADER_LENGTH}, found ${length}`);
  }
  if (length > b.length) {
    throw new DecodeError('TRUNCATED', 24, `${what} length says ${length} bytes, only ${b.length} present`);
  }
  return {
    initiatorSpi: b.subarray(0, 8),
    responderSpi: b.subarray(8, 16),
    nextPayload: b[16],
    majorVersion: version >> 4,
    minorVersion: version & 0x0f,
    exchangeType: b[18],
    flags: b[19],
    messageId: u32(b, 20),
    length,
  };
}

/** Fields an encoder writes into the header; Length is patched in by `finishIkeMessage`. */
export type IkeHeaderFields = Omit<IkeHeader, 'length'>;

/** Writes the 28-byte header with Length 0. Throws RangeError for SPIs that are not 8 bytes. */
export function writeIkeHeader(w: Writer, h: IkeHeaderFields): void {
  if (h.initiatorSpi.length !== 8 || h.responderSpi.length !== 8) {
    throw new RangeError(`IKE SPIs must be 8 bytes, found ${h.initiatorSpi.length} and ${h.responderSpi.length}`);
  }
  w.bytes(h.initiatorSpi).bytes(h.responderSpi).u8(h.nextPayload);
  w.u8(((h.majorVersion & 0x0f) << 4) | (h.minorVersion & 0x0f))
    .u8(h.exchangeType)
    .u8(h.flags);
  w.u32(h.messageId).u32(0);
}

/** Patches the header's Length with the bytes written and returns the message. */
export function finishIkeMessage(w: Writer): Uint8Array {
  const n = w.pos;
  w.patchU16(24, n >>> 16);
  w.patchU16(26, n & 0xffff);
  return w.finish();
}

/** One payload's place in a message: its generic header fields and where its body lies. */
export interface PayloadSpan {
  /** The payload's own type (the previous Next Payload field). */
  type: number;
  /** Next Payload field of this payload. */
  nextPayload: number;
  /** The byte after Next Payload (IKEv2: critical bit 0x80; IKEv1: RESERVED). */
  flags: number;
  /** Offset of the generic payload header. */
  at: number;
  /** Body, after the 4-byte generic header: [start, end). */
  start: number;
  end: number;
}

/*
 * RFC 2408 3.2 / RFC 7296 3.2 generic payload header
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Next Payload  |C|  RESERVED   |         Payload Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
/** Reads the generic header of a payload of `type` at `at`; its Payload Length must fit before `end`. */
export function readPayloadSpan(b: Uint8Array, at: number, end: number, type: number, what: string): PayloadSpan {
  if (at + PAYLOAD_HEADER_LENGTH > end) {
    throw new DecodeError('TRUNCATED', at, `${what} header: need 4 bytes, ${end - at} left`);
  }
  const length = (b[at + 2] << 8) | b[at + 3];
  if (length < PAYLOAD_HEADER_LENGTH) {
    throw new DecodeError('BAD_LENGTH', at + 2, `${what} length: expected at least 4, found ${length}`);
  }
  if (at + length > end) {
    throw new DecodeError('TRUNCATED', at + 2, `${what} length ${length}, only ${end - at} bytes left`);
  }
  return { type, nextPayload: b[at], flags: b[at + 1], at, start: at + PAYLOAD_HEADER_LENGTH, end: at + length };
}

/** Writes a generic payload header with length 0 and returns its offset, for `patchPayloadLength`. */
export function beginPayload(w: Writer, nextPayload: number, flags: number): number {
  const at = w.pos;
  w.u8(nextPayload).u8(flags).u16(0);
  return at;
}

/** Sets the Payload Length of the payload begun at `at` to the bytes written since. */
export function endPayload(w: Writer, at: number, what: string): void {
  const length = w.pos - at;
  if (length > 0xffff) throw new RangeError(`${what} of ${length} bytes does not fit Payload Length`);
  w.patchU16(at + 2, length);
}

/** Big-endian u32 at `at` (the caller has checked the bounds). */
export function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/**
 * The fixed part of a Proposal substructure, the same in IKEv1 (RFC 2408 3.5) and IKEv2 (RFC 7296 3.3.1),
 * after its 4-byte generic header:
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Proposal #   |  Protocol-Id  |    SPI Size   |# of Transforms|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                        SPI (variable)                         ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * `start` is the byte after the generic header; returns the SPI, the transform count and where transforms begin.
 */
export function readProposalHead(
  b: Uint8Array,
  start: number,
  end: number,
): { spi: Uint8Array; count: number; at: number } {
  if (start + 4 > end) throw new DecodeError('TRUNCATED', start, `proposal: need 4 bytes, ${end - start} left`);
  const spiSize = b[start + 2];
  const count = b[start + 3];
  const at = start + 4;
  if (at + spiSize > end) {
    throw new DecodeError('TRUNCATED', start + 2, `proposal SPI: need ${spiSize} bytes, ${end - at} left`);
  }
  return { spi: b.subarray(at, at + spiSize), count, at: at + spiSize };
}
