/** A plain-JSON view of an EIGRP packet (camelCase, bytes as hex), for `dmvpn-lab decode --json`, logs and tests. */
import {
  eigrpAuthTypeName,
  eigrpFlagNames,
  eigrpPacketName,
  eigrpTlvName,
  externalProtocolName,
  isGoodbye,
  routeFlagNames,
} from './names.js';
import { tlvTypeCode } from './tlv.js';
import type { EigrpPacket, EigrpTlv, ExternalData } from './types.js';

/** JSON form of a TLV: its kind, type code and name, and the fields of that kind. */
export type EigrpTlvJson = { type: EigrpTlv['type']; typeCode: number; name: string } & Record<string, unknown>;

/** JSON form of a packet's EIGRP fields. */
export interface EigrpJson {
  version: number;
  opcode: number;
  /** Wireshark's name: "Hello (Ack)" for a Hello that acknowledges. */
  opcodeName: string;
  flags: number;
  flagNames: string[];
  sequence: number;
  ack: number;
  vrid: number;
  as: number;
  checksum: number;
  tlvs: EigrpTlvJson[];
}

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
const UNREACHABLE_WIDE = 0xffff_ffff_ffff;

function externalJson(e: ExternalData): Record<string, unknown> {
  return { ...e, protocolName: externalProtocolName(e.protocol) };
}

function fields(t: EigrpTlv): Record<string, unknown> {
  switch (t.type) {
    case 'parameters':
      return {
        k1: t.k1,
        k2: t.k2,
        k3: t.k3,
        k4: t.k4,
        k5: t.k5,
        k6: t.k6,
        holdTime: t.holdTime,
        peerTermination: isGoodbye(t),
      };
    case 'authentication': {
      const j: Record<string, unknown> = {
        authType: t.authType,
        authTypeName: eigrpAuthTypeName(t.authType),
        keyId: t.keyId,
        keySequence: t.keySequence,
        digest: hex(t.digest),
      };
      if (t.authLength !== undefined) j.authLength = t.authLength;
      if (t.nullPad.some((x) => x !== 0)) j.nullPad = hex(t.nullPad);
      return j;
    }
    case 'sequence':
    case 'peerTermination':
      return { addresses: t.addresses };
    case 'softwareVersion':
      return { release: `${t.releaseMajor}.${t.releaseMinor}`, tlvVersion: `${t.tlvMajor}.${t.tlvMinor}` };
    case 'nextMulticastSequence':
      return { sequence: t.sequence };
    case 'stub':
      return { flags: t.flags };
    case 'topologyIds':
      return { flags: t.flags, tids: t.tids };
    case 'ipv4Internal':
    case 'ipv4External':
    case 'ipv6Internal':
    case 'ipv6External': {
      const j: Record<string, unknown> = {
        prefixes: t.destinations.map((d) => `${d.prefix}/${d.prefixLength}`),
        nextHop: t.nextHop,
        metric: { ...t.metric, flagNames: routeFlagNames(t.metric.flags) },
        unreachable: t.metric.delay === 0xffffffff,
      };
      if (t.type === 'ipv4External' || t.type === 'ipv6External') j.external = externalJson(t.external);
      return j;
    }
    case 'wideInternal':
    case 'wideExternal': {
      const { attributes, ...m } = t.metric;
      const j: Record<string, unknown> = {
        prefixes: t.destinations.map((d) => `${d.prefix}/${d.prefixLength}`),
        nextHop: t.nextHop,
        topology: t.topology,
        afi: t.afi,
        routerId: t.routerId,
        metric: {
          ...m,
          flagNames: routeFlagNames(m.flags),
          ...(attributes.length ? { attributes: hex(attributes) } : {}),
        },
        unreachable: m.delay === UNREACHABLE_WIDE,
      };
      if (t.type === 'wideExternal') j.external = externalJson(t.external);
      return j;
    }
    case 'unknown':
      return { data: hex(t.data) };
  }
}

/** JSON form of one TLV. */
export function eigrpTlvToJson(t: EigrpTlv): EigrpTlvJson {
  const code = tlvTypeCode(t);
  return { type: t.type, typeCode: code, name: eigrpTlvName(code), ...fields(t) };
}

/** JSON form of a packet. */
export function eigrpToJson(p: EigrpPacket): EigrpJson {
  return {
    version: p.version,
    opcode: p.opcode,
    opcodeName: eigrpPacketName(p),
    flags: p.flags,
    flagNames: eigrpFlagNames(p.flags),
    sequence: p.sequence,
    ack: p.ack,
    vrid: p.vrid,
    as: p.as,
    checksum: p.checksum,
    tlvs: p.tlvs.map(eigrpTlvToJson),
  };
}
