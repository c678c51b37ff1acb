/** ESP header (RFC 4303 2): SPI and sequence number before the protected payload. */
import { Writer } from '../cursor.js';
import { DecodeError } from '../errors.js';

/** Bytes of the SPI and Sequence Number fields. */
export const ESP_HEADER_LENGTH = 8;

/** An ESP packet as seen without its keys: the header, and the rest (IV, ciphertext, trailer, ICV) raw. */
export interface EspPacket {
  spi: number;
  sequence: number;
  /** Everything after the sequence number: IV, encrypted payload and trailer, ICV. */
  body: Uint8Array;
}

/*
 * RFC 4303 2
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |               Security Parameters Index (SPI)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Sequence Number                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    IV (optional) + Payload Data               |
 * ~            Padding (0-255 bytes) | Pad Length | Next Header   ~
 * |         Integrity Check Value-ICV   (variable)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
/**
 * Decodes the ESP header (the IP payload of protocol 50, or a UDP 4500 payload that is not IKE). SPI 0 is
 * reserved (RFC 4303 2.1) and, in UDP, is the non-ESP marker: it is a BAD_VALUE here. Throws only DecodeError.
 */
export function decodeEsp(b: Uint8Array): EspPacket {
  if (b.length < ESP_HEADER_LENGTH) throw new DecodeError('TRUNCATED', 0, `ESP header: need 8 bytes, ${b.length} left`);
  const spi = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
  if (spi === 0) throw new DecodeError('BAD_VALUE', 0, 'ESP SPI 0 is reserved (and marks a non-ESP UDP payload)');
  return { spi, sequence: ((b[4] << 24) | (b[5] << 16) | (b[6] << 8) | b[7]) >>> 0, body: b.subarray(8) };
}

/** Encodes SPI, sequence number and body. Throws RangeError for SPI 0 or a value over 32 bits. */
export function encodeEsp(p: EspPacket): Uint8Array {
  if (p.spi === 0 || p.spi > 0xffffffff || p.sequence > 0xffffffff) {
    throw new RangeError(`ESP SPI ${p.spi} or sequence ${p.sequence} is not a nonzero 32-bit value`);
  }
  return new Writer(ESP_HEADER_LENGTH + p.body.length).u32(p.spi).u32(p.sequence).bytes(p.body).finish();
}
