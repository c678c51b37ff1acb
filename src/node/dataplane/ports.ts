/**
 * The seams of the data plane: the TAP side, the NBMA socket side, and what it needs from the NHRP
 * engine. Real ports live in src/node/sys (TapDevice, RawSocket), in-memory ones in ./fakes.ts.
 * NBMA addresses at the socket seam are numbers (no string per packet): host-order IPv4 addresses, or
 * over an IPv6 NBMA the handles of the tunnel's Ipv6NbmaBook (./nbma-book.ts).
 */
import type { Ipv6PortConfig } from './ipv6-link.js';

/** The tunnel's Ethernet side: frames the kernel sends out of the TAP, and frames written into it. */
export interface TapPort {
  /** The TAP's own MAC (destination of every frame written into it). */
  readonly mac: Uint8Array;
  /** Writes one frame into the kernel; bytes written or -errno. */
  write(frame: Uint8Array): number;
  /** Registers the receiver of outgoing frames; a frame is valid, and may be rewritten in place, only during the call. */
  onFrame(handler: (frame: Uint8Array) => void): void;
}

/** The NBMA side: IP payloads (GRE) to and from NBMA addresses. */
export interface NbmaSocket {
  /** Writable bytes guaranteed before every payload handed to onPacket (0 when none). */
  readonly headroom: number;
  /** Sends one IP payload to an NBMA address; bytes sent or -errno. */
  send(dstNbma: number, bytes: Uint8Array): number;
  /** Registers the receiver of IP payloads; valid, and writable with `headroom`, only during the call. */
  onPacket(handler: (srcNbma: number, bytes: Uint8Array) => void): void;
}

/** The IPv4 header of a packet that came in from the tunnel and is going back out (plus 8 payload bytes). */
export interface HairpinEvent {
  fromNbma: string;
  ipPacketHead: Uint8Array;
}

/**
 * What the data plane asks of the NHRP side: lookups answered at once, and events it raises (rate-limited).
 * The integrator binds these to the engine and carries out the actions the events return.
 */
export interface NhrpHooks {
  /** NBMA address of a tunnel next hop, or undefined when unresolved. */
  nbmaFor(tunnelAddr: string): string | undefined;
  /** NBMA address of the NHS to send through while a next hop is unresolved. */
  nhsNbma(): string | undefined;
  /** NBMA addresses that get a copy of each multicast/broadcast frame. */
  multicastTargets(): readonly string[];
  /** Reverse lookup for the source MAC of received traffic (optional; learned from sends otherwise). */
  tunnelAddrFor?(nbma: string): string | undefined;
  /** An NHRP packet arrived (GRE protocol 0x2001); `bytes` is a copy the callee may keep. */
  nhrpPacket(srcNbma: string, bytes: Uint8Array): void;
  /** Traffic wants a next hop that nbmaFor does not know (raised once per address per interval). */
  nextHopUnknown?(now: number, tunnelAddr: string): unknown;
  /** A packet came in from the tunnel and is going out through it again (Phase 3 redirect). */
  hairpin?(now: number, event: HairpinEvent): unknown;
  /** Traffic used a resolved next hop (raised once per address per interval). */
  used?(now: number, tunnelAddr: string): unknown;
}

/** The tunnel interface as the data plane needs it (from `interface TunnelN`). */
export interface TunnelPortConfig {
  /** Interface name for show output, e.g. 'Tunnel0'. */
  name: string;
  /** Our tunnel address and prefix length (`ip address 10.0.0.1 255.255.255.0`). */
  address: string;
  prefixLength: number;
  /** `tunnel key N`: sent in every GRE header and required on every received one. */
  key?: number;
  /** `tunnel destination X`: a point-to-point tunnel that sends everything to X. */
  destination?: string;
  /** `ip nhrp redirect`: watch for hairpinned packets. */
  redirect?: boolean;
  /** `ip pim nbma-mode`: multicast only to the peers that joined, and from spoke to spoke (pim-nbma.ts). */
  pimNbmaMode?: boolean;
  /** `tunnel mode gre multipoint ipv6`: the NBMA is IPv6 (absent: IPv4). */
  nbmaFamily?: 'ipv6';
  /** The tunnel's IPv6 addresses (`ipv6 address …`): IPv6 Neighbor Discovery is answered (./ipv6-link.ts). */
  ipv6?: Ipv6PortConfig;
}
