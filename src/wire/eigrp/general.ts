/**
 * The general TLVs (RFC 7868 generic TLVs): Parameters, Sequence, Software Version, Next Multicast Sequence,
 * Stub, Peer Termination and the Topology ID list. Each decoder reads the value b[start, end) of a TLV
 * that starts at `at`; each encoder appends the value only (tlv.ts writes type and length).
 */
import type { Writer } from '../cursor.js';
import { DecodeError } from '../errors.js';
import { addrFromBytes, addrLength, writeAddr } from '../nhrp/addr.js';
import type { EigrpTlv } from './types.js';

type Tlv<T extends EigrpTlv['type']> = Extract<EigrpTlv, { type: T }>;

const u16 = (b: Uint8Array, p: number): number => (b[p] << 8) | b[p + 1];
const u32 = (b: Uint8Array, p: number): number => ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;

/** Throws BAD_LENGTH unless a fixed-size TLV's value has exactly `want` bytes. */
export function needValue(name: string, at: number, have: number, want: number): void {
  if (have !== want) {
    const msg = `EIGRP ${name} TLV: expected ${want + 4} bytes, length says ${have + 4}`;
    throw new DecodeError('BAD_LENGTH', at + 2, msg);
  }
}

/*
 * RFC 7868 PARAMETER_TYPE (0x0001), length 12
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            0x0001             |            0x000C             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      K1       |      K2       |      K3       |      K4       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      K5       |      K6       |           Hold Time           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * K1-K5 all 255 is a Peer Termination (graceful shutdown).
 */
export function decodeParameters(b: Uint8Array, at: number, start: number, end: number): Tlv<'parameters'> {
  needValue('Parameters', at, end - start, 8);
  const p = start;
  const [k1, k2, k3, k4, k5, k6] = b.subarray(p, p + 6);
  return { type: 'parameters', k1, k2, k3, k4, k5, k6, holdTime: u16(b, p + 6) };
}

export function encodeParameters(w: Writer, t: Tlv<'parameters'>): void {
  w.u8(t.k1).u8(t.k2).u8(t.k3).u8(t.k4).u8(t.k5).u8(t.k6).u16(t.holdTime);
}

/*
 * RFC 7868 SEQUENCE_TYPE (0x0003) and PEER_TERMINATION_TYPE (0x0007): a list of addresses
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Type               |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Address Length|          Protocol Address (variable)          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ... repeated until the end of the TLV                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * Sequence lists the peers that must not accept the next CR-flagged multicast; Peer Termination the
 * peers whose adjacency the sender tears down.
 */
export function decodeAddressList(b: Uint8Array, start: number, end: number, name: string): string[] {
  const out: string[] = [];
  let p = start;
  while (p < end) {
    const len = b[p];
    if (p + 1 + len > end) {
      throw new DecodeError('TRUNCATED', p, `EIGRP ${name} TLV: address of ${len} bytes, ${end - p - 1} left`);
    }
    out.push(addrFromBytes(b, p + 1, len));
    p += 1 + len;
  }
  return out;
}

export function addressListLength(addresses: string[]): number {
  let n = 0;
  for (const a of addresses) n += 1 + addrLength(a);
  return n;
}

export function encodeAddressList(w: Writer, addresses: string[]): void {
  for (const a of addresses) {
    const len = addrLength(a);
    if (len > 255) throw new RangeError(`EIGRP address list: '${a}' is longer than 255 bytes`);
    w.u8(len);
    const at = w.alloc(len);
    writeAddr(a, w.buffer, at);
  }
}

/*
 * RFC 7868 SOFTWARE_VERSION_TYPE (0x0004), length 8
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            0x0004             |            0x0008             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Release Major | Release Minor |   TLV Major   |   TLV Minor   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * (IOS 15: release 20.0 with TLV 2.0, wide metrics; older IOS: 12.4 with TLV 1.2, classic metrics.)
 */
export function decodeSoftwareVersion(b: Uint8Array, at: number, start: number, end: number): Tlv<'softwareVersion'> {
  needValue('Software Version', at, end - start, 4);
  const p = start;
  const [releaseMajor, releaseMinor, tlvMajor, tlvMinor] = b.subarray(p, p + 4);
  return { type: 'softwareVersion', releaseMajor, releaseMinor, tlvMajor, tlvMinor };
}

export function encodeSoftwareVersion(w: Writer, t: Tlv<'softwareVersion'>): void {
  w.u8(t.releaseMajor).u8(t.releaseMinor).u8(t.tlvMajor).u8(t.tlvMinor);
}

/*
 * RFC 7868 MULTICAST_SEQUENCE_TYPE (0x0005), length 8
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            0x0005             |            0x0008             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   Next Multicast Sequence                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
export function decodeNextMulticastSequence(
  b: Uint8Array,
  at: number,
  start: number,
  end: number,
): Tlv<'nextMulticastSequence'> {
  needValue('Next Multicast Sequence', at, end - start, 4);
  return { type: 'nextMulticastSequence', sequence: u32(b, start) };
}

/*
 * RFC 7868 PEER_INFORMATION_TYPE (0x0006, stub), length 6
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            0x0006             |            0x0006             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Stub Flags           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * 0x01 connected, 0x02 static, 0x04 summary, 0x08 redistributed, 0x10 leak-map, 0x20 receive-only.
 */
export function decodeStub(b: Uint8Array, at: number, start: number, end: number): Tlv<'stub'> {
  needValue('Stub', at, end - start, 2);
  return { type: 'stub', flags: u16(b, start) };
}

/*
 * Topology ID list (0x0008; IOS sends it as 0x00f5, the MTR code)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         0x0008/0x00f5         |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Flags              |    List Size (bytes of TIDs)  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     TID (2 bytes each) ...                                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
export function decodeTopologyIds(
  b: Uint8Array,
  at: number,
  start: number,
  end: number,
  code: number,
): Tlv<'topologyIds'> {
  const have = end - start;
  if (have < 4) {
    throw new DecodeError('BAD_LENGTH', at + 2, `EIGRP TID list TLV: need at least 8 bytes, length says ${have + 4}`);
  }
  const size = u16(b, start + 2);
  if (size % 2 !== 0 || size !== have - 4) {
    const msg = `EIGRP TID list: size ${size} does not match the ${have - 4} bytes of TIDs`;
    throw new DecodeError('BAD_VALUE', start + 2, msg);
  }
  const tids: number[] = [];
  for (let p = start + 4; p < end; p += 2) tids.push(u16(b, p));
  return { type: 'topologyIds', code, flags: u16(b, start), tids };
}

export function encodeTopologyIds(w: Writer, t: Tlv<'topologyIds'>): void {
  w.u16(t.flags).u16(t.tids.length * 2);
  for (const tid of t.tids) w.u16(tid);
}
