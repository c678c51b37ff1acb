/**
 * The IPv6 side of a tunnel's link layer (IPv6 over an IPv4 NBMA, as IOS runs it):
 * - Neighbor Discovery (RFC 4861 4.3/4.4): the kernel's Neighbor Solicitation for a tunnel address
 *   (global in the tunnel prefixes, or a peer's link-local) is answered at once with a synthetic MAC
 *   02:d6:xx:xx:xx:xx that stands for that IPv6 address (a table here, 16 bytes do not fit a MAC);
 *   a frame to that MAC goes to the address's NBMA: NHRP's binding for a global address (Phase 2: a
 *   miss goes via the NHS and raises nextHopUnknown), the learned or derived one for a link-local.
 * - A peer's link-local address is mapped to its NBMA: learned from the packets it sends, or derived
 *   from the IOS default tunnel link-local FE80::<tunnel source IPv4> (RFC 4213 3.7).
 * - ND messages from peers get their link-layer address options rewritten to the synthetic MACs, so
 *   the kernel's neighbour entries always name an address the data plane can map.
 * - Phase 3 hairpins of IPv6 packets (hub): remembered by a hash of the header fields a forwarder
 *   leaves alone (flow label, payload length, next header, addresses) and the first 8 payload bytes.
 */
import { onesSum } from '../../wire/checksum.js';
import { inPrefix6, isLinkLocal6 } from '../../wire/ipv6-addr.js';
import { addrFromBytes } from '../../wire/nhrp/addr.js';
import type { DataplaneDropReason } from './counters.js';
import { RateLimiter } from './rate-limit.js';

/** Second byte of a MAC standing for an IPv6 address. */
export const IPV6_MAC_TAG = 0xd6;

/** The IPv6 addresses of a tunnel (`ipv6 address …`). */
export interface Ipv6PortConfig {
  /** Global addresses with their prefix lengths (the tunnel prefixes). */
  addresses: Array<{ address: string; prefixLength: number }>;
  /** Our link-local address. */
  linkLocal: string;
  /** `ipv6 mtu N`: longer IPv6 packets are answered with Packet Too Big (./icmp6-too-big.ts); absent: none. */
  mtu?: number;
}

/** What the IPv6 side asks of the IPv6 NHRP engine. */
export interface Nhrp6Hooks {
  nbmaFor(addr: string): string | undefined;
  nhsNbma(): string | undefined;
  multicastTargets(): readonly string[];
  nextHopUnknown?(now: number, addr: string): unknown;
  used?(now: number, addr: string): unknown;
  hairpin?(now: number, event: { fromNbma: string; ipPacketHead: Uint8Array }): unknown;
}

/** What to do with an IPv6 frame the kernel sent. */
export type Egress6 =
  | { kind: 'reply'; frame: Uint8Array }
  | { kind: 'multicast' }
  | { kind: 'unicast'; nbma: string; viaNhs: boolean; addr: string }
  | { kind: 'drop'; reason: DataplaneDropReason };

/** Synthetic MACs for IPv6 addresses, both ways (bounded: cleared when full). */
export class Ipv6Macs {
  private readonly byAddr = new Map<string, number>();
  private readonly byKey = new Map<number, string>();

  constructor(private readonly max = 65536) {}

  /** The 32-bit key of `addr`'s MAC (the address's last 32 bits, or the next free value). */
  keyOf(addr: string, b: Uint8Array, at: number): number {
    const k = this.byAddr.get(addr);
    if (k !== undefined) return k;
    if (this.byAddr.size >= this.max) {
      this.byAddr.clear();
      this.byKey.clear();
    }
    let key = ((b[at + 12] << 24) | (b[at + 13] << 16) | (b[at + 14] << 8) | b[at + 15]) >>> 0;
    while (this.byKey.has(key)) key = (key + 1) >>> 0;
    this.byAddr.set(addr, key);
    this.byKey.set(key, addr);
    return key;
  }

  /** Writes the MAC of the address at `b[at..at+16)` into `out[o..o+6)`. */
  writeMac(b: Uint8Array, at: number, out: Uint8Array, o: number): void {
    const key = this.keyOf(addrFromBytes(b, at, 16), b, at);
    out[o] = 0x02;
    out[o + 1] = IPV6_MAC_TAG;
    out[o + 2] = key >>> 24;
    out[o + 3] = (key >>> 16) & 255;
    out[o + 4] = (key >>> 8) & 255;
    out[o + 5] = key & 255;
  }

  /** The address a synthetic MAC at `b[at..at+6)` stands for. */
  addrOf(b: Uint8Array, at: number): string | undefined {
    if (b[at] !== 0x02 || b[at + 1] !== IPV6_MAC_TAG) return undefined;
    return this.byKey.get(((b[at + 2] << 24) | (b[at + 3] << 16) | (b[at + 4] << 8) | b[at + 5]) >>> 0);
  }
}

const ICMPV6 = 58;
const NS = 135;
const NA = 136;

/** The IPv6 link layer of one tunnel. */
export class Ipv6Link {
  readonly macs = new Ipv6Macs();
  /** Link-local address → NBMA (dotted quad), learned from received packets. */
  private readonly linkLocals = new Map<string, string>();
  private readonly own: Set<string>;
  private readonly hairpins = new Map<number, { nbma: string; at: number }>();
  private readonly unknownLimit = new RateLimiter<string>(1000);
  private readonly usedLimit = new RateLimiter<string>(1000);

  constructor(
    readonly config: Ipv6PortConfig,
    private readonly hooks: () => Nhrp6Hooks | undefined,
  ) {
    this.own = new Set([config.linkLocal, ...config.addresses.map((a) => a.address)]);
  }

  /**
   * The NBMA of a link-local address: learned from its packets, else NHRP's binding (registered or
   * resolved, as IOS maps link-local next hops), else FE80::a.b.c.d's a.b.c.d (IOS's default tunnel
   * link-local).
   */
  linkLocalNbma(addr: string, b?: Uint8Array, at = 0): string | undefined {
    const known = this.linkLocals.get(addr) ?? this.hooks()?.nbmaFor(addr);
    if (known !== undefined || b === undefined) return known;
    for (let i = 2; i < 12; i++) if (b[at + i] !== 0) return undefined;
    if (b[at + 12] === 0) return undefined;
    return `${b[at + 12]}.${b[at + 13]}.${b[at + 14]}.${b[at + 15]}`;
  }

  /** Whether `addr` is on the tunnel (a global address in its prefixes, or any link-local one). */
  onLink(addr: string): boolean {
    return isLinkLocal6(addr) || this.config.addresses.some((p) => inPrefix6(addr, p.address, p.prefixLength));
  }

  /** An IPv6 frame from the kernel (Ethernet header at 0, at least 54 bytes). */
  egress(frame: Uint8Array, now: number): Egress6 {
    if (frame[20] === ICMPV6 && frame.length >= 78 && frame[54] === NS) return this.solicit(frame, now);
    if (frame[0] & 1) return { kind: 'multicast' };
    const addr = this.macs.addrOf(frame, 0);
    if (addr === undefined) return { kind: 'drop', reason: 'unknownMac' };
    const h = this.hooks();
    if (isLinkLocal6(addr)) {
      const nbma = this.linkLocalNbma(addr);
      return nbma === undefined
        ? { kind: 'drop', reason: 'noNextHop' }
        : { kind: 'unicast', nbma, viaNhs: false, addr };
    }
    const nbma = h?.nbmaFor(addr);
    if (nbma !== undefined) {
      if (this.usedLimit.allow(addr, now)) h?.used?.(now, addr);
      return { kind: 'unicast', nbma, viaNhs: false, addr };
    }
    if (this.unknownLimit.allow(addr, now)) h?.nextHopUnknown?.(now, addr);
    const nhs = h?.nhsNbma();
    return nhs === undefined
      ? { kind: 'drop', reason: 'noNextHop' }
      : { kind: 'unicast', nbma: nhs, viaNhs: true, addr };
  }

  /** RFC 4861 4.3 Neighbor Solicitation from the kernel: answered for tunnel addresses we can map. */
  private solicit(frame: Uint8Array, now: number): Egress6 {
    const target = addrFromBytes(frame, 62, 16);
    if (this.own.has(target)) return { kind: 'drop', reason: 'ndIgnored' };
    if (!this.onLink(target)) return { kind: 'drop', reason: 'ndOffSubnet' };
    if (isLinkLocal6(target)) {
      const nbma = this.linkLocalNbma(target, frame, 62);
      if (nbma === undefined) {
        // a link-local we cannot map (another spoke's OSPFv3 or RIPng next hop): NHRP resolves it
        // (the kernel solicits again within a second); the solicitation also goes to the multicast
        // destinations, as before
        if (this.unknownLimit.allow(target, now)) this.hooks()?.nextHopUnknown?.(now, target);
        return { kind: 'multicast' };
      }
      this.linkLocals.set(target, nbma);
    }
    return { kind: 'reply', frame: this.advert(frame) };
  }

  /** RFC 4861 4.4 Neighbor Advertisement (Router, Solicited, Override) for the solicitation's target. */
  private advert(ns: Uint8Array): Uint8Array {
    const f = new Uint8Array(14 + 40 + 32);
    f.set(ns.subarray(6, 12), 0);
    this.macs.writeMac(ns, 62, f, 6);
    f[12] = 0x86;
    f[13] = 0xdd;
    f.set([0x60, 0, 0, 0, 0, 32, ICMPV6, 255], 14);
    f.set(ns.subarray(62, 78), 22); // source: the target
    const fromUnspecified = ns.subarray(22, 38).every((x) => x === 0);
    if (fromUnspecified) f.set([0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 38);
    else f.set(ns.subarray(22, 38), 38); // destination: the solicitor
    f[54] = NA;
    f[58] = fromUnspecified ? 0xa0 : 0xe0;
    f.set(ns.subarray(62, 78), 62);
    f[78] = 2; // Target Link-Layer Address option
    f[79] = 1;
    f.set(f.subarray(6, 12), 80);
    icmp6Checksum(f, 14);
    return f;
  }

  /**
   * An IPv6 packet from NBMA `nbma`, framed for the TAP (Ethernet header at 0): learns a link-local
   * source, rewrites ND link-layer options to synthetic MACs, and writes the source MAC (the one of
   * the packet's source address when it is on the tunnel, else `fallbackMac`).
   */
  ingress(frame: Uint8Array, nbma: string, fallbackMac: Uint8Array): void {
    const src = addrFromBytes(frame, 22, 16);
    if (isLinkLocal6(src)) this.linkLocals.set(src, nbma);
    if (this.onLink(src)) this.macs.writeMac(frame, 22, frame, 6);
    else frame.set(fallbackMac, 6);
    if (frame[20] === ICMPV6 && frame.length >= 62 && frame[54] >= 133 && frame[54] <= 137) this.rewriteNd(frame);
  }

  /** ND options type 1 (source) and 2 (target link-layer address) get the synthetic MAC of the right address. */
  private rewriteNd(f: Uint8Array): void {
    const type = f[54];
    const end = Math.min(f.length, 54 + ((f[18] << 8) | f[19]));
    let at = type === 133 ? 62 : type === 134 ? 70 : type === 137 ? 94 : 78;
    let changed = false;
    while (at + 8 <= end && f[at + 1] > 0) {
      const len = f[at + 1] * 8;
      if (at + len > end) break;
      if ((f[at] === 1 || f[at] === 2) && len === 8) {
        // the source's own MAC for SLLA; the target's for TLLA of NA and Redirect
        const addrAt = f[at] === 2 && (type === NA || type === 137) ? 62 : 22;
        this.macs.writeMac(f, addrAt, f, at + 2);
        changed = true;
      }
      at += len;
    }
    if (changed) icmp6Checksum(f, 14);
  }

  /** Hub: remembers an IPv6 packet injected from the tunnel (Phase 3 hairpin detection). */
  record(frame: Uint8Array, nbma: string, now: number): void {
    if (this.hairpins.size > 4096) this.hairpins.clear();
    this.hairpins.set(flowHash(frame), { nbma, at: now });
  }

  /** Hub: the NBMA an egress IPv6 packet came in from recently, if it hairpins (forgotten once matched). */
  hairpin(frame: Uint8Array, now: number): string | undefined {
    const k = flowHash(frame);
    const h = this.hairpins.get(k);
    if (h === undefined || now - h.at > 2000) return undefined;
    this.hairpins.delete(k);
    return h.nbma;
  }
}

/** FNV-1a over the IPv6 header without its hop limit, plus 8 payload bytes (frame offsets). */
function flowHash(f: Uint8Array): number {
  let h = 0x811c9dc5;
  const end = Math.min(f.length, 14 + 48);
  for (let i = 15; i < end; i++) {
    if (i === 21) continue;
    h = Math.imul(h ^ f[i], 0x01000193);
  }
  return h >>> 0;
}

/** Recomputes the ICMPv6 checksum (RFC 4443 2.3, pseudo-header of RFC 8200 8.1) of the packet at `ip`. */
export function icmp6Checksum(f: Uint8Array, ip: number): void {
  const len = (f[ip + 4] << 8) | f[ip + 5];
  const icmp = ip + 40;
  f[icmp + 2] = 0;
  f[icmp + 3] = 0;
  let sum = onesSum(f, ip + 8, ip + 40);
  sum = onesSum(Uint8Array.of(0, 0, len >> 8, len & 255, 0, 0, 0, ICMPV6), 0, 8, sum);
  sum = onesSum(f, icmp, Math.min(f.length, icmp + len), sum);
  const c = ~sum & 0xffff;
  f[icmp + 2] = c >> 8;
  f[icmp + 3] = c & 255;
}
