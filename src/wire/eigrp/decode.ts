/** EIGRP packet decoder (RFC 7868): the IP payload of protocol 88 -> EigrpPacket, or DecodeError. */
import { onesSum } from '../checksum.js';
import { DecodeError } from '../errors.js';
import { decodeTlvs } from './tlv.js';
import type { EigrpPacket } from './types.js';

/** Bytes of the EIGRP fixed header. */
export const EIGRP_HEADER_LENGTH = 20;
/** The only header version in use. */
export const EIGRP_VERSION = 2;

/** Options for decodeEigrp. */
export interface DecodeEigrpOptions {
  /** Reject a packet whose checksum is wrong with DecodeError BAD_CHECKSUM (default false: report only). */
  verifyChecksum?: boolean;
}

/** True when the RFC 1071 checksum over the whole EIGRP packet is correct. */
export function eigrpChecksumOk(bytes: Uint8Array): boolean {
  return bytes.length >= EIGRP_HEADER_LENGTH && onesSum(bytes) === 0xffff;
}

/*
 * RFC 7868 EIGRP packet header, then TLVs to the end of the IP payload
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Header Version |    Opcode     |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             Flags (0x1 INIT, 0x2 CR, 0x4 RS, 0x8 EOT)         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Sequence Number                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Acknowledgment Number                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Virtual Router ID         |   Autonomous System Number    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  TLVs (type, length, value)...                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * The checksum is RFC 1071 over the whole EIGRP packet (no pseudo-header). EIGRP has no length field:
 * the packet is the IP payload. A Hello with a non-zero Acknowledgment Number is an Ack.
 */
/**
 * Decodes one EIGRP packet (all of `bytes`). Byte fields (digests, raw TLVs) are views into `bytes`.
 * Throws only DecodeError.
 */
export function decodeEigrp(bytes: Uint8Array, opts: DecodeEigrpOptions = {}): EigrpPacket {
  const b = bytes;
  if (b.length < EIGRP_HEADER_LENGTH) {
    throw new DecodeError('TRUNCATED', 0, `EIGRP header: need ${EIGRP_HEADER_LENGTH} bytes, ${b.length} left`);
  }
  if (b[0] !== EIGRP_VERSION) {
    throw new DecodeError('BAD_VERSION', 0, `EIGRP header version: expected 2, found ${b[0]}`);
  }
  if (opts.verifyChecksum && !eigrpChecksumOk(b)) {
    throw new DecodeError('BAD_CHECKSUM', 2, `EIGRP checksum 0x${((b[2] << 8) | b[3]).toString(16)} is wrong`);
  }
  const u32 = (p: number): number => ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
  return {
    version: b[0],
    opcode: b[1],
    checksum: (b[2] << 8) | b[3],
    flags: u32(4),
    sequence: u32(8),
    ack: u32(12),
    vrid: (b[16] << 8) | b[17],
    as: (b[18] << 8) | b[19],
    tlvs: decodeTlvs(b, EIGRP_HEADER_LENGTH, b.length),
  };
}
