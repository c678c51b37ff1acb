/** A plain-JSON view of an NHRP packet (camelCase, bytes as hex), for `dmvpn-lab decode --json`, logs and tests. */
import { extensionTypeField } from './extensions.js';
import { cieCodeName, errorCodeName, nhrpFlagNames, nhrpTypeName } from './names.js';
import type { Cie, Extension, NhrpPacket } from './types.js';

/** JSON form of a CIE. */
export interface CieJson {
  code: number;
  codeName: string;
  prefixLength: number;
  mtu: number;
  holdingTime: number;
  nbmaAddress: string;
  nbmaSubaddress: string;
  protocolAddress: string;
  preference: number;
}

/** JSON form of an extension; which optional fields appear depends on `type`. */
export interface ExtensionJson {
  type: Extension['type'];
  /** The 16-bit type field as on the wire, compulsory bit included. */
  typeCode: number;
  compulsory: boolean;
  cies?: CieJson[];
  spi?: number;
  /** Authentication: the password bytes as UTF-8 text. */
  password?: string;
  /** Vendor-Private: the OUI as 6 hex digits ("00000c" is Cisco). */
  oui?: string;
  /** Authentication, Vendor-Private and unknown extensions: the data bytes as hex. */
  data?: string;
}

/** JSON form of a packet's NHRP fields. */
export interface NhrpPacketJson {
  type: number;
  typeName: string;
  hopCount: number;
  afn: number;
  protocolType: number;
  flags: number;
  flagNames: string[];
  requestId: number;
  /** Error Indication: error code and offset (from the request ID field). */
  errorCode?: number;
  errorCodeName?: string;
  errorOffset?: number;
  /** Traffic Indication: traffic code (0 = redirect). */
  trafficCode?: number;
  srcNbma: string;
  srcNbmaSubaddress: string;
  srcProto: string;
  dstProto: string;
  cies: CieJson[];
  /** Error / Traffic Indication payload as hex. */
  payload?: string;
  extensions: ExtensionJson[];
  checksum: number;
  /** Bytes after the End extension as hex, when present. */
  trailer?: string;
}

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/** JSON form of a CIE. */
export function cieToJson(c: Cie): CieJson {
  return {
    code: c.code,
    codeName: cieCodeName(c.code),
    prefixLength: c.prefixLength,
    mtu: c.mtu,
    holdingTime: c.holdingTime,
    nbmaAddress: c.nbmaAddress,
    nbmaSubaddress: c.nbmaSubaddress,
    protocolAddress: c.protocolAddress,
    preference: c.preference,
  };
}

/** JSON form of an extension. */
export function extensionToJson(e: Extension): ExtensionJson {
  const j: ExtensionJson = { type: e.type, typeCode: extensionTypeField(e), compulsory: e.compulsory };
  switch (e.type) {
    case 'responder':
    case 'forwardTransit':
    case 'reverseTransit':
    case 'ciscoNat':
      j.cies = e.cies.map(cieToJson);
      break;
    case 'authentication':
      j.spi = e.spi;
      j.password = Buffer.from(e.data).toString('utf8');
      j.data = hex(e.data);
      break;
    case 'vendorPrivate':
      j.oui = e.oui.toString(16).padStart(6, '0');
      j.data = hex(e.data);
      break;
    case 'unknown':
      j.data = hex(e.data);
      break;
  }
  return j;
}

/** JSON form of a packet. */
export function nhrpToJson(p: NhrpPacket): NhrpPacketJson {
  const j: NhrpPacketJson = {
    type: p.type,
    typeName: nhrpTypeName(p.type),
    hopCount: p.hopCount,
    afn: p.afn,
    protocolType: p.protocolType,
    flags: p.flags,
    flagNames: nhrpFlagNames(p.type, p.flags),
    requestId: p.requestId,
    srcNbma: p.srcNbma,
    srcNbmaSubaddress: p.srcNbmaSubaddress,
    srcProto: p.srcProto,
    dstProto: p.dstProto,
    cies: p.cies.map(cieToJson),
    extensions: p.extensions.map(extensionToJson),
    checksum: p.checksum,
  };
  if (p.type === 7) {
    j.errorCode = p.requestId >>> 16;
    j.errorCodeName = errorCodeName(j.errorCode);
    j.errorOffset = p.requestId & 0xffff;
  }
  if (p.type === 8) j.trafficCode = p.requestId >>> 16;
  if (p.payload.length > 0 || p.type === 7 || p.type === 8) j.payload = hex(p.payload);
  if (p.trailer) j.trailer = hex(p.trailer);
  return j;
}
