/** EIGRP TLV framing: one table from type code to decoder and encoder, the TLV loop, sizes. */
import type { Writer } from '../cursor.js';
import { DecodeError } from '../errors.js';
import { authenticationValueLength, decodeAuthentication, encodeAuthentication } from './auth.js';
import {
  addressListLength,
  decodeAddressList,
  decodeNextMulticastSequence,
  decodeParameters,
  decodeSoftwareVersion,
  decodeStub,
  decodeTopologyIds,
  encodeAddressList,
  encodeParameters,
  encodeSoftwareVersion,
  encodeTopologyIds,
} from './general.js';
import { classicRouteLength, decodeClassicRoute, encodeClassicRoute } from './routes.js';
import { classicRoute6Length, decodeClassicRoute6, encodeClassicRoute6 } from './routes6.js';
import { decodeWideRoute, encodeWideRoute, wideRouteLength } from './wide.js';
import { TlvType, type EigrpTlv } from './types.js';

/** Bytes of a TLV's type and length fields. */
export const TLV_HEADER_LENGTH = 4;

/*
 * RFC 7868 TLV encoding: every TLV after the 20-byte header
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             Type              |  Length (whole TLV, >= 4)     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Value (Length - 4 bytes)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * The high byte of Type names the family (0x00 general, 0x01 classic IPv4, 0x06 multiprotocol).
 */
/** Decodes the TLV at `at` whose value is b[at + 4, end). */
export function decodeTlv(b: Uint8Array, at: number, end: number): EigrpTlv {
  const code = (b[at] << 8) | b[at + 1];
  const s = at + TLV_HEADER_LENGTH;
  switch (code) {
    case TlvType.Parameters:
      return decodeParameters(b, at, s, end);
    case TlvType.Authentication:
      return decodeAuthentication(b, at, s, end);
    case TlvType.Sequence:
      return { type: 'sequence', addresses: decodeAddressList(b, s, end, 'Sequence') };
    case TlvType.SoftwareVersion:
      return decodeSoftwareVersion(b, at, s, end);
    case TlvType.NextMulticastSequence:
      return decodeNextMulticastSequence(b, at, s, end);
    case TlvType.StubInfo:
      return decodeStub(b, at, s, end);
    case TlvType.PeerTermination:
      return { type: 'peerTermination', addresses: decodeAddressList(b, s, end, 'Peer Termination') };
    case TlvType.TopologyIdList:
    case TlvType.MtrTopologyIdList:
      return decodeTopologyIds(b, at, s, end, code);
    case TlvType.Ipv4Internal:
      return decodeClassicRoute(b, s, end, false);
    case TlvType.Ipv4External:
      return decodeClassicRoute(b, s, end, true);
    case TlvType.Ipv6Internal:
    case TlvType.Ipv6External:
      return decodeClassicRoute6(b, s, end, code === TlvType.Ipv6External);
    case TlvType.WideInternal:
    case TlvType.WideExternal: {
      const route = decodeWideRoute(b, s, end, code === TlvType.WideExternal);
      if (route) return route;
      break;
    }
  }
  return { type: 'unknown', code, data: b.subarray(s, end) };
}

/** Decodes TLVs filling b[start, end) exactly. */
export function decodeTlvs(b: Uint8Array, start: number, end: number): EigrpTlv[] {
  const out: EigrpTlv[] = [];
  let p = start;
  while (p < end) {
    if (end - p < TLV_HEADER_LENGTH) {
      throw new DecodeError('TRUNCATED', p, `EIGRP TLV header: need 4 bytes, ${end - p} left`);
    }
    const len = (b[p + 2] << 8) | b[p + 3];
    if (len < TLV_HEADER_LENGTH) throw new DecodeError('BAD_LENGTH', p + 2, `EIGRP TLV length ${len} is under 4`);
    if (p + len > end) throw new DecodeError('TRUNCATED', p + 2, `EIGRP TLV length ${len}, only ${end - p} bytes left`);
    out.push(decodeTlv(b, p, p + len));
    p += len;
  }
  return out;
}

/** The type code a TLV goes on the wire with. */
export function tlvTypeCode(t: EigrpTlv): number {
  switch (t.type) {
    case 'parameters':
      return TlvType.Parameters;
    case 'authentication':
      return TlvType.Authentication;
    case 'sequence':
      return TlvType.Sequence;
    case 'softwareVersion':
      return TlvType.SoftwareVersion;
    case 'nextMulticastSequence':
      return TlvType.NextMulticastSequence;
    case 'stub':
      return TlvType.StubInfo;
    case 'peerTermination':
      return TlvType.PeerTermination;
    case 'topologyIds':
      return t.code;
    case 'ipv4Internal':
      return TlvType.Ipv4Internal;
    case 'ipv4External':
      return TlvType.Ipv4External;
    case 'ipv6Internal':
      return TlvType.Ipv6Internal;
    case 'ipv6External':
      return TlvType.Ipv6External;
    case 'wideInternal':
      return TlvType.WideInternal;
    case 'wideExternal':
      return TlvType.WideExternal;
    case 'unknown':
      return t.code;
  }
}

/** Bytes of a TLV's value (the 4-byte header excluded). */
export function tlvValueLength(t: EigrpTlv): number {
  switch (t.type) {
    case 'parameters':
      return 8;
    case 'authentication':
      return authenticationValueLength(t);
    case 'sequence':
    case 'peerTermination':
      return addressListLength(t.addresses);
    case 'softwareVersion':
    case 'nextMulticastSequence':
      return 4;
    case 'stub':
      return 2;
    case 'topologyIds':
      return 4 + 2 * t.tids.length;
    case 'ipv4Internal':
    case 'ipv4External':
      return classicRouteLength(t);
    case 'ipv6Internal':
    case 'ipv6External':
      return classicRoute6Length(t);
    case 'wideInternal':
    case 'wideExternal':
      return wideRouteLength(t);
    case 'unknown':
      return t.data.length;
  }
}

/** Appends one TLV (header and value). Throws RangeError for a value that cannot be represented. */
export function encodeTlv(w: Writer, t: EigrpTlv): void {
  const len = TLV_HEADER_LENGTH + tlvValueLength(t);
  if (len > 0xffff) throw new RangeError(`EIGRP ${t.type} TLV of ${len} bytes does not fit a 16-bit length`);
  w.u16(tlvTypeCode(t)).u16(len);
  switch (t.type) {
    case 'parameters':
      encodeParameters(w, t);
      return;
    case 'authentication':
      encodeAuthentication(w, t);
      return;
    case 'sequence':
    case 'peerTermination':
      encodeAddressList(w, t.addresses);
      return;
    case 'softwareVersion':
      encodeSoftwareVersion(w, t);
      return;
    case 'nextMulticastSequence':
      w.u32(t.sequence);
      return;
    case 'stub':
      w.u16(t.flags);
      return;
    case 'topologyIds':
      encodeTopologyIds(w, t);
      return;
    case 'ipv4Internal':
    case 'ipv4External':
      encodeClassicRoute(w, t);
      return;
    case 'ipv6Internal':
    case 'ipv6External':
      encodeClassicRoute6(w, t);
      return;
    case 'wideInternal':
    case 'wideExternal':
      encodeWideRoute(w, t);
      return;
    case 'unknown':
      w.bytes(t.data);
  }
}
