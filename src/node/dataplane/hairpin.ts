/**
 * Hairpin detection for Phase 3 hubs: IPv4 packets injected from the tunnel are remembered by
 * (source, destination, IP id, protocol) with the NBMA they came from, in a fixed direct-mapped
 * table (a newer packet overwrites an older one in its slot). An egress packet with the same key,
 * seen within `maxAgeMs`, is the same packet leaving through the tunnel again.
 */
import { readIpv4 } from '../../wire/ipv4-addr.js';

/** A bounded, allocation-free memory of recently injected IPv4 packets. */
export class HairpinTable {
  private readonly mask: number;
  private readonly src: Uint32Array;
  private readonly dst: Uint32Array;
  private readonly idProto: Uint32Array;
  private readonly nbma: Uint32Array;
  private readonly at: Float64Array;

  /** `slots` is rounded up to a power of two. */
  constructor(
    slots = 1024,
    private readonly maxAgeMs = 2000,
  ) {
    let n = 1;
    while (n < slots) n <<= 1;
    this.mask = n - 1;
    this.src = new Uint32Array(n);
    this.dst = new Uint32Array(n);
    this.idProto = new Uint32Array(n);
    this.nbma = new Uint32Array(n);
    this.at = new Float64Array(n).fill(-Infinity);
  }

  private slot(s: number, d: number, ip: number): number {
    let h = Math.imul(s ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(d, 0xc2b2ae35) ^ ip;
    h ^= h >>> 15;
    return Math.imul(h, 0x27d4eb2d) & this.mask;
  }

  /** Remembers the IPv4 packet at `b[ip..]` (header at least 20 bytes) as received from `fromNbma`. */
  record(b: Uint8Array, ip: number, fromNbma: number, now: number): void {
    const s = readIpv4(b, ip + 12);
    const d = readIpv4(b, ip + 16);
    const k = ((b[ip + 4] << 16) | (b[ip + 5] << 8) | b[ip + 9]) >>> 0;
    const i = this.slot(s, d, k);
    this.src[i] = s;
    this.dst[i] = d;
    this.idProto[i] = k;
    this.nbma[i] = fromNbma;
    this.at[i] = now;
  }

  /** The NBMA the IPv4 packet at `b[ip..]` came in from, if it did recently (-1 otherwise); a match is forgotten. */
  match(b: Uint8Array, ip: number, now: number): number {
    const s = readIpv4(b, ip + 12);
    const d = readIpv4(b, ip + 16);
    const k = ((b[ip + 4] << 16) | (b[ip + 5] << 8) | b[ip + 9]) >>> 0;
    const i = this.slot(s, d, k);
    if (this.src[i] !== s || this.dst[i] !== d || this.idProto[i] !== k || now - this.at[i] > this.maxAgeMs) return -1;
    this.at[i] = -Infinity;
    return this.nbma[i];
  }
}
