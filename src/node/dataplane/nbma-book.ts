/**
 * NBMA addresses as the data plane keys them: a number per packet, text for NHRP and show commands.
 * Over an IPv4 NBMA the number is the address itself (host order); over an IPv6 NBMA it is a handle
 * that an Ipv6NbmaBook hands out for each address it sees (1, 2, 3 …), shared by the tunnel's data
 * plane and its raw IPv6 socket, so peers, shapers and hairpin records stay keyed by numbers.
 */
import { formatIpv4, parseIpv4 } from '../../wire/ipv4-addr.js';
import { canonicalIpv6, ipv6Bytes } from '../../wire/ipv6-addr.js';
import { addrFromBytes } from '../../wire/nhrp/addr.js';

/** Number ↔ text of the NBMA addresses of one tunnel. */
export interface NbmaCodec {
  /** The NBMA's address family. */
  readonly family: 'ipv4' | 'ipv6';
  /** Text of an NBMA number (canonical: dotted quad, or RFC 5952 IPv6). */
  text(n: number): string;
  /** The number of an NBMA address text; undefined when it is not one of this family (or cannot be kept). */
  number(text: string): number | undefined;
}

/** IPv4 NBMA: the number is the address. */
export const IPV4_NBMA: NbmaCodec = {
  family: 'ipv4',
  text: formatIpv4,
  number: parseIpv4,
};

/** IPv6 NBMA addresses by handle, bounded: once full, new addresses get no handle (their packets are dropped). */
export class Ipv6NbmaBook implements NbmaCodec {
  readonly family = 'ipv6';
  private readonly byText = new Map<string, number>();
  private readonly texts: string[] = [''];
  private readonly bytes: Uint8Array[] = [new Uint8Array(16)];
  /** The handle of the last address looked up by bytes (a burst comes from one peer). */
  private last = 0;

  constructor(private readonly max = 65_536) {}

  /** Handles given out so far. */
  get size(): number {
    return this.texts.length - 1;
  }

  text(n: number): string {
    return this.texts[n] ?? '';
  }

  number(text: string): number | undefined {
    const known = this.byText.get(text);
    if (known !== undefined) return known;
    const canonical = canonicalIpv6(text);
    if (canonical === undefined) return undefined;
    return this.byText.get(canonical) ?? this.add(canonical, ipv6Bytes(canonical)!);
  }

  /** The handle of the 16-byte address at `b[at..at+16)` (a received packet's source). */
  handleOf(b: Uint8Array, at: number): number | undefined {
    if (this.last !== 0 && sameBytes(this.bytes[this.last], b, at)) return this.last;
    const text = addrFromBytes(b, at, 16);
    const n = this.byText.get(text) ?? this.add(text, b.slice(at, at + 16));
    if (n !== undefined) this.last = n;
    return n;
  }

  /** The 16 bytes of a handle (undefined for a number this book did not give). */
  bytesOf(n: number): Uint8Array | undefined {
    return n > 0 ? this.bytes[n] : undefined;
  }

  private add(text: string, bytes: Uint8Array): number | undefined {
    if (this.size >= this.max) return undefined;
    const n = this.texts.length;
    this.texts.push(text);
    this.bytes.push(bytes);
    this.byText.set(text, n);
    return n;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array, at: number): boolean {
  for (let i = 0; i < 16; i++) if (a[i] !== b[at + i]) return false;
  return true;
}
