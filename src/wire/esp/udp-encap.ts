/**
 * UDP encapsulation of IKE and ESP for NAT traversal (RFC 3948 2, RFC 7296 2.23): on port 4500 an IKE message
 * follows a 4-byte non-ESP marker of zeros, ESP starts with its (nonzero) SPI, and a single 0xFF byte is a
 * NAT-keepalive.
 */
import { DecodeError } from '../errors.js';
import { decodeEsp, type EspPacket } from './header.js';

/** The non-ESP marker before IKE on port 4500. */
export const NON_ESP_MARKER: Uint8Array = new Uint8Array(4);
/** The NAT-keepalive payload (RFC 3948 2.3). */
export const NAT_KEEPALIVE: Uint8Array = Uint8Array.of(0xff);

/** What a UDP 4500 payload is. */
export type NatTPayload = { kind: 'keepalive' } | { kind: 'ike'; ike: Uint8Array } | { kind: 'esp'; esp: EspPacket };

/*
 * RFC 3948 2.1 / 2.2 / 2.3, after the UDP header:
 *   ESP:        | SPI (nonzero, 32) | Sequence Number | ...
 *   IKE:        | Non-ESP Marker (32 zero bits) | IKE header ...
 *   keepalive:  | 0xFF |
 */
/** Classifies a UDP 4500 payload. Throws DecodeError for a payload that is none of the three. */
export function decodeNatT(b: Uint8Array): NatTPayload {
  if (b.length === 1 && b[0] === 0xff) return { kind: 'keepalive' };
  if (b.length < 4) throw new DecodeError('TRUNCATED', 0, `UDP-encapsulated payload: need 4 bytes, ${b.length} left`);
  if (b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] === 0) return { kind: 'ike', ike: b.subarray(4) };
  return { kind: 'esp', esp: decodeEsp(b) };
}

/** An IKE message as sent on port 4500: the non-ESP marker, then the message. */
export function encapsulateIke(ike: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + ike.length);
  out.set(ike, 4);
  return out;
}
