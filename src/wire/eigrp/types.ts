/**
 * The EIGRP packet model (RFC 7868) shared by the codec (src/wire/eigrp) and the tools.
 *
 * A packet is the 20-byte header and a list of TLVs in wire order. Every TLV the codec knows has a
 * typed form (the classic IPv4 and IPv6 route TLVs too); any other TLV (and a wide-metric route TLV of a
 * family other than IPv4) is kept as raw
 * bytes, so every packet that decodes re-encodes to the same bytes. Addresses are strings as in the
 * NHRP model (src/wire/nhrp/addr.ts): dotted quad for 4 bytes, IPv6 text for 16, 'hex:…' otherwise.
 */

/** Header opcodes (RFC 7868 packet header; 6 to 9 are reserved or Cisco-only). */
export const EigrpOpcode = {
  Update: 1,
  Request: 2,
  Query: 3,
  Reply: 4,
  Hello: 5,
  IpxSap: 6,
  Probe: 7,
  Ack: 8,
  Stub: 9,
  SiaQuery: 10,
  SiaReply: 11,
} as const;

/** Header flag bits (RFC 7868 packet header). */
export const EigrpFlags = { Init: 0x01, ConditionalReceive: 0x02, Restart: 0x04, EndOfTable: 0x08 } as const;

/** Virtual router IDs (RFC 7868 packet header): the unicast address family, multicast, and the service family. */
export const EigrpVrid = { AddressFamily: 0x0000, Multicast: 0x0001, ServiceFamily: 0x8000 } as const;

/** TLV type codes the codec decodes (RFC 7868 TLV definitions; 0x00f5 is the MTR code of the TID list). */
export const TlvType = {
  Parameters: 0x0001,
  Authentication: 0x0002,
  Sequence: 0x0003,
  SoftwareVersion: 0x0004,
  NextMulticastSequence: 0x0005,
  StubInfo: 0x0006,
  PeerTermination: 0x0007,
  TopologyIdList: 0x0008,
  MtrTopologyIdList: 0x00f5,
  Ipv4Internal: 0x0102,
  Ipv4External: 0x0103,
  Ipv6Internal: 0x0402,
  Ipv6External: 0x0403,
  WideInternal: 0x0602,
  WideExternal: 0x0603,
} as const;

/** Authentication types (RFC 7868 AUTHENTICATION_TYPE) and their digest sizes. */
export const EigrpAuthType = { Md5: 2, Sha256: 3 } as const;
export const AUTH_DIGEST_LENGTH: Record<number, number> = { 2: 16, 3: 32 };

/** Address family identifiers used in wide-metric TLVs (IANA). */
export const Afi = { Ipv4: 1, Ipv6: 2 } as const;

/** Route flag bits (the metric Flags field of route TLVs). */
export const RouteFlags = { SourceWithdraw: 0x01, CandidateDefault: 0x02, Active: 0x04, Replicated: 0x08 } as const;

/** A destination: prefix length and the prefix (only ceil(length / 8) bytes travel on the wire). */
export interface Destination {
  prefixLength: number;
  /** Dotted quad (IPv6 text in the IPv6 TLVs); bytes past the prefix length's bytes are zero. */
  prefix: string;
}

/** The classic (TLV 1.2) scaled metric of IPv4 route TLVs, 16 bytes. */
export interface ClassicMetric {
  /** Scaled delay (tens of microseconds × 256); 0xffffffff is unreachable. */
  delay: number;
  /** Scaled bandwidth (10^7 / kbit/s × 256). */
  bandwidth: number;
  mtu: number;
  hopCount: number;
  reliability: number;
  load: number;
  routeTag: number;
  flags: number;
}

/** The wide metric of multiprotocol TLVs (RFC 7868), 24 bytes plus attributes. */
export interface WideMetric {
  priority: number;
  reliability: number;
  load: number;
  mtu: number;
  hopCount: number;
  /** 48 bits, picoseconds; 0xffffffffffff is unreachable. */
  delay: number;
  /** 48 bits, kbit/s. */
  bandwidth: number;
  reserved: number;
  flags: number;
  /** Extended metric attributes, raw (their length in 16-bit words is the metric's Offset byte). */
  attributes: Uint8Array;
}

/** External route data (RFC 7868 exterior encoding), 20 bytes. */
export interface ExternalData {
  originatingRouter: string;
  originatingAs: number;
  adminTag: number;
  externalMetric: number;
  reserved: number;
  /** External protocol ID (1 IGRP, 2 EIGRP, 3 static, 4 RIP, 6 OSPF, 9 BGP, 11 connected…). */
  protocol: number;
  /** External flags (0x01 external, 0x02 candidate default). */
  flags: number;
}

/** One TLV as decoded: a known kind with its fields, or raw bytes. */
export type EigrpTlv =
  | { type: 'parameters'; k1: number; k2: number; k3: number; k4: number; k5: number; k6: number; holdTime: number }
  | {
      type: 'authentication';
      authType: number;
      /** The Auth Length field, when it differs from digest.length (absent: digest.length). */
      authLength?: number;
      keyId: number;
      keySequence: number;
      /** 8 bytes, normally zero. */
      nullPad: Uint8Array;
      digest: Uint8Array;
    }
  | { type: 'sequence'; addresses: string[] }
  | { type: 'softwareVersion'; releaseMajor: number; releaseMinor: number; tlvMajor: number; tlvMinor: number }
  | { type: 'nextMulticastSequence'; sequence: number }
  | { type: 'stub'; flags: number }
  | { type: 'peerTermination'; addresses: string[] }
  | { type: 'topologyIds'; code: number; flags: number; tids: number[] }
  | { type: 'ipv4Internal'; nextHop: string; metric: ClassicMetric; destinations: Destination[] }
  | {
      type: 'ipv4External';
      nextHop: string;
      external: ExternalData;
      metric: ClassicMetric;
      destinations: Destination[];
    }
  | { type: 'ipv6Internal'; nextHop: string; metric: ClassicMetric; destinations: Destination[] }
  | {
      type: 'ipv6External';
      nextHop: string;
      external: ExternalData;
      metric: ClassicMetric;
      destinations: Destination[];
    }
  | {
      type: 'wideInternal';
      topology: number;
      afi: number;
      routerId: string;
      metric: WideMetric;
      nextHop: string;
      destinations: Destination[];
    }
  | {
      type: 'wideExternal';
      topology: number;
      afi: number;
      routerId: string;
      metric: WideMetric;
      nextHop: string;
      external: ExternalData;
      destinations: Destination[];
    }
  | { type: 'unknown'; code: number; data: Uint8Array };

/** The route TLV kinds. */
export type RouteTlv = Extract<EigrpTlv, { destinations: Destination[] }>;

/** A whole EIGRP packet: the fixed header, then TLVs. */
export interface EigrpPacket {
  /** Header version, 2. */
  version: number;
  opcode: number;
  /** Checksum as received (encode recomputes it). */
  checksum: number;
  flags: number;
  sequence: number;
  ack: number;
  /** Virtual router ID (upper half of the old 32-bit AS field). */
  vrid: number;
  as: number;
  tlvs: EigrpTlv[];
}
