/** Human names for EIGRP opcodes, flags, TLVs and route fields, as Wireshark and IOS print them. */
import { EigrpFlags, EigrpOpcode, TlvType, type EigrpPacket, type EigrpTlv } from './types.js';

const OPCODE_NAMES: Record<number, string> = {
  [EigrpOpcode.Update]: 'Update',
  [EigrpOpcode.Request]: 'Request',
  [EigrpOpcode.Query]: 'Query',
  [EigrpOpcode.Reply]: 'Reply',
  [EigrpOpcode.Hello]: 'Hello',
  [EigrpOpcode.IpxSap]: 'IPX SAP',
  [EigrpOpcode.Probe]: 'Probe',
  [EigrpOpcode.Ack]: 'Ack',
  [EigrpOpcode.Stub]: 'Stub',
  [EigrpOpcode.SiaQuery]: 'SIA-Query',
  [EigrpOpcode.SiaReply]: 'SIA-Reply',
};

/** "Update", "Hello"… or "opcode N". */
export function eigrpOpcodeName(opcode: number): string {
  return OPCODE_NAMES[opcode] ?? `opcode ${opcode}`;
}

/** The packet's kind as Wireshark's Info column shows it: a Hello that acknowledges is "Hello (Ack)". */
export function eigrpPacketName(p: Pick<EigrpPacket, 'opcode' | 'ack'>): string {
  return p.opcode === EigrpOpcode.Hello && p.ack !== 0 ? 'Hello (Ack)' : eigrpOpcodeName(p.opcode);
}

const FLAG_NAMES: Array<[number, string]> = [
  [EigrpFlags.Init, 'INIT'],
  [EigrpFlags.ConditionalReceive, 'CR'],
  [EigrpFlags.Restart, 'RS'],
  [EigrpFlags.EndOfTable, 'EOT'],
];

/** Names of the set header flags (["INIT", "CR"]); unnamed bits as "0x00000010". */
export function eigrpFlagNames(flags: number): string[] {
  const out: string[] = [];
  let rest = flags >>> 0;
  for (const [bit, name] of FLAG_NAMES) {
    if (rest & bit) {
      out.push(name);
      rest &= ~bit;
    }
  }
  for (let i = 31; i >= 0; i--) {
    const bit = (2 ** i) >>> 0;
    if ((rest >>> 0) & bit) out.push(`0x${bit.toString(16).padStart(8, '0')}`);
  }
  return out;
}

const TLV_NAMES: Record<number, string> = {
  [TlvType.Parameters]: 'Parameters',
  [TlvType.Authentication]: 'Authentication',
  [TlvType.Sequence]: 'Sequence',
  [TlvType.SoftwareVersion]: 'Software Version',
  [TlvType.NextMulticastSequence]: 'Next Multicast Sequence',
  [TlvType.StubInfo]: 'Stub',
  [TlvType.PeerTermination]: 'Peer Termination',
  [TlvType.TopologyIdList]: 'Topology ID List',
  [TlvType.MtrTopologyIdList]: 'Topology ID List',
  [TlvType.Ipv4Internal]: 'Internal Route (IPv4)',
  [TlvType.Ipv4External]: 'External Route (IPv4)',
  [TlvType.Ipv6Internal]: 'Internal Route (IPv6)',
  [TlvType.Ipv6External]: 'External Route (IPv6)',
  [TlvType.WideInternal]: 'Internal Route',
  [TlvType.WideExternal]: 'External Route',
};

/** The TLV's name by its type code ("Internal Route (IPv4)"), "TLV 0x0604" for others. */
export function eigrpTlvName(code: number): string {
  return TLV_NAMES[code] ?? `TLV 0x${code.toString(16).padStart(4, '0')}`;
}

const AUTH_NAMES: Record<number, string> = { 1: 'Text', 2: 'MD5', 3: 'SHA256' };

/** "MD5", "SHA256", or "type N". */
export function eigrpAuthTypeName(authType: number): string {
  return AUTH_NAMES[authType] ?? `type ${authType}`;
}

const PROTOCOL_NAMES: Record<number, string> = {
  1: 'IGRP',
  2: 'EIGRP',
  3: 'Static',
  4: 'RIP',
  5: 'Hello',
  6: 'OSPF',
  7: 'IS-IS',
  8: 'EGP',
  9: 'BGP',
  10: 'IDRP',
  11: 'Connected',
};

/** External route source protocol ("OSPF", "Static"…), or "protocol N". */
export function externalProtocolName(id: number): string {
  return PROTOCOL_NAMES[id] ?? `protocol ${id}`;
}

const ROUTE_FLAG_NAMES: Array<[number, string]> = [
  [0x01, 'source-withdraw'],
  [0x02, 'candidate-default'],
  [0x04, 'active'],
  [0x08, 'replicated'],
];

/** Names of set route metric flags. */
export function routeFlagNames(flags: number): string[] {
  return ROUTE_FLAG_NAMES.filter(([bit]) => flags & bit).map(([, n]) => n);
}

/** A Parameters TLV with K1-K5 all 255: the sender is shutting the adjacency down (Peer Termination). */
export function isGoodbye(t: EigrpTlv): boolean {
  return t.type === 'parameters' && t.k1 === 255 && t.k2 === 255 && t.k3 === 255 && t.k4 === 255 && t.k5 === 255;
}
