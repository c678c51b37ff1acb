/**
 * Synthetic MAC addresses: the data plane answers ARP for a tunnel address A with 02:dd:A (its four
 * bytes), so the destination MAC of a frame names its tunnel next hop. Traffic from an NBMA peer whose
 * tunnel address is unknown carries 02:de:N (its NBMA address N).
 */
import { writeIpv4 } from '../../wire/ipv4-addr.js';

/** Second byte of a MAC derived from a tunnel address. */
export const TUNNEL_MAC_TAG = 0xdd;
/** Second byte of a MAC derived from an NBMA address. */
export const NBMA_MAC_TAG = 0xde;

/** The MAC standing for tunnel address `addr` (host-order number). */
export function tunnelMac(addr: number): Uint8Array {
  const m = new Uint8Array(6);
  m[0] = 0x02;
  m[1] = TUNNEL_MAC_TAG;
  writeIpv4(m, 2, addr);
  return m;
}

/** The MAC standing for an NBMA peer with no known tunnel address. */
export function nbmaMac(nbma: number): Uint8Array {
  const m = new Uint8Array(6);
  m[0] = 0x02;
  m[1] = NBMA_MAC_TAG;
  writeIpv4(m, 2, nbma);
  return m;
}

/** Kinds of destination MAC the data plane tells apart. */
export const MacKind = { Other: 0, Tunnel: 1, Nbma: 2 } as const;

/** Which kind of MAC is at `b[at..at+6)`; its address (for Tunnel/Nbma) is `readIpv4(b, at + 2)`. */
export function macKind(b: Uint8Array, at: number): number {
  if (b[at] !== 0x02) return MacKind.Other;
  if (b[at + 1] === TUNNEL_MAC_TAG) return MacKind.Tunnel;
  if (b[at + 1] === NBMA_MAC_TAG) return MacKind.Nbma;
  return MacKind.Other;
}

/** aa:bb:cc:dd:ee:ff text of a MAC. */
export function formatMac(m: Uint8Array): string {
  return Array.from(m, (x) => x.toString(16).padStart(2, '0')).join(':');
}
