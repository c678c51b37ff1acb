/**
 * The NHRP packet model shared by the codec (src/wire/nhrp), the engine (src/nhrp) and the tools.
 *
 * Addresses are strings: IPv4 dotted quad for 4 bytes, IPv6 text for 16 bytes, '' for an empty
 * (zero-length) address, and 'hex:…' for any other length, so every packet on the wire has a model
 * and re-encodes to the same bytes (see ./addr.ts).
 */

/** ar$op.type values (RFC 2332 5.2.0.1, plus Cisco/draft-detienne Traffic Indication). */
export const NhrpType = {
  ResolutionRequest: 1,
  ResolutionReply: 2,
  RegistrationRequest: 3,
  RegistrationReply: 4,
  PurgeRequest: 5,
  PurgeReply: 6,
  ErrorIndication: 7,
  TrafficIndication: 8,
} as const;
export type NhrpType = (typeof NhrpType)[keyof typeof NhrpType];

/** ar$afn values (RFC 1700 address family numbers): the NBMA address family. */
export const NhrpAfn = { Ipv4: 1, Ipv6: 2 } as const;

/** The ar$afn of an NBMA address text: 2 for IPv6 (it has a colon), else 1. */
export function afnOf(nbma: string): number {
  return nbma.includes(':') && !nbma.startsWith('hex:') ? NhrpAfn.Ipv6 : NhrpAfn.Ipv4;
}

/** Per-type flag bits of the mandatory part (RFC 2332 5.2.1-5.2.6; 0x0002 is Cisco "NAT supported"). */
export const NhrpFlags = {
  Resolution: { Q: 0x8000, A: 0x4000, D: 0x2000, U: 0x1000, S: 0x0800, NAT: 0x0002 },
  Registration: { U: 0x8000, NAT: 0x0002 },
  Purge: { N: 0x8000 },
} as const;

/** CIE codes (RFC 2332 5.2.0.1 and 5.2.2/5.2.4). */
export const CieCode = {
  Success: 0,
  AdministrativelyProhibited: 4,
  InsufficientResources: 5,
  NoBinding: 12,
  BindingNotUnique: 13,
  UniqueAlreadyRegistered: 14,
} as const;

/** Error Indication codes (RFC 2332 5.2.7). */
export const ErrorCode = {
  UnrecognizedExtension: 1,
  LoopDetected: 3,
  ProtocolAddressUnreachable: 6,
  ProtocolError: 7,
  SduSizeExceeded: 8,
  InvalidExtension: 9,
  InvalidReply: 10,
  AuthenticationFailure: 11,
  HopCountExceeded: 15,
} as const;

/** Extension types without the compulsory bit (RFC 2332 5.3; 8 and 9 are Cisco). */
export const ExtType = {
  End: 0,
  ResponderAddress: 3,
  ForwardTransit: 4,
  ReverseTransit: 5,
  Authentication: 7,
  VendorPrivate: 8,
  CiscoNat: 9,
} as const;

/** A Client Information Entry. Address lengths are implied by the address strings. */
export interface Cie {
  code: number;
  prefixLength: number;
  /** The 2 "unused" bytes, kept so re-encoding is exact. */
  unused: number;
  mtu: number;
  holdingTime: number;
  /** Client NBMA address type/length byte's type bits (the length is implied); normally 0. */
  nbmaTypeBits: number;
  nbmaAddress: string;
  nbmaSubaddress: string;
  protocolAddress: string;
  preference: number;
  /** Client NBMA subaddress type/length byte's type bits, when not 0 (absent means 0). */
  nbmaSubTypeBits?: number;
}

/** An extension as decoded: a known kind with its parsed content, or raw bytes. */
export type Extension =
  | { type: 'end'; compulsory: boolean }
  | { type: 'responder'; compulsory: boolean; cies: Cie[] }
  | { type: 'forwardTransit'; compulsory: boolean; cies: Cie[] }
  | { type: 'reverseTransit'; compulsory: boolean; cies: Cie[] }
  | { type: 'authentication'; compulsory: boolean; spi: number; data: Uint8Array }
  | { type: 'vendorPrivate'; compulsory: boolean; oui: number; data: Uint8Array }
  | { type: 'ciscoNat'; compulsory: boolean; cies: Cie[] }
  | { type: 'unknown'; compulsory: boolean; code: number; data: Uint8Array };

/** A whole NHRP packet: fixed header, mandatory part, CIEs or payload, extensions. */
export interface NhrpPacket {
  /** ar$afn, 1 = IPv4 NBMA, 2 = IPv6 NBMA (16-byte NBMA addresses). */
  afn: number;
  /** ar$pro.type, 0x0800 or 0x86dd. */
  protocolType: number;
  /** ar$pro.snap, 5 bytes (normally zero). */
  snap: Uint8Array;
  hopCount: number;
  /** ar$chksum as received (encode recomputes it). */
  checksum: number;
  version: number;
  type: NhrpType | number;
  /** ar$shtl / ar$sstl type bits (the lengths are implied by the addresses). */
  shtlTypeBits: number;
  sstlTypeBits: number;
  flags: number;
  /** Request ID; for Error Indication it is (errorCode << 16 | errorOffset), for Traffic Indication (trafficCode << 16 | unused). */
  requestId: number;
  srcNbma: string;
  srcNbmaSubaddress: string;
  srcProto: string;
  dstProto: string;
  /** CIEs for types 1-6; empty for 7, 8 and unknown types. */
  cies: Cie[];
  /** Error and Traffic Indication (and unknown types): the bytes between the addresses and the extensions (the offending packet). */
  payload: Uint8Array;
  extensions: Extension[];
  /** Bytes after the End extension up to ar$pktsz, when a sender left any (absent means none). */
  trailer?: Uint8Array;
}
