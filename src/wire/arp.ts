/** ARP (RFC 826) for Ethernet and IPv4: decode and encode the 28-byte packet. */
import { Reader, Writer } from './cursor.js';
import { DecodeError } from './errors.js';
import { addrFromBytes, writeAddr } from './nhrp/addr.js';

/** ARP operation codes (RFC 826; 1 and 2 are the only ones Ethernet/IPv4 uses). */
export const ArpOp = { Request: 1, Reply: 2 } as const;

/** EtherType of ARP frames. */
export const ETHERTYPE_ARP = 0x0806;

/** An Ethernet/IPv4 ARP packet. MACs are 6-byte arrays, addresses dotted quads. */
export interface ArpPacket {
  op: number;
  senderMac: Uint8Array;
  senderIp: string;
  targetMac: Uint8Array;
  targetIp: string;
}

/*
 * RFC 826 "Packet format", for hardware type 1 (Ethernet) and protocol type 0x0800 (IPv4)
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Hardware Type (1)         |     Protocol Type (0x0800)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  HLEN (6)     |  PLEN (4)     |          Operation            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Sender Hardware Address (6 bytes) ...              |
 * |  ...                          |  Sender Protocol Address (4)  |
 * |  ...                          |  Target Hardware Address (6)  |
 * |            ...                                                |
 * |                   Target Protocol Address (4)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
/** Decodes an ARP packet (the Ethernet payload; trailing padding ignored). Throws only DecodeError. */
export function decodeArp(bytes: Uint8Array): ArpPacket {
  const r = new Reader(bytes);
  const htype = r.u16('ARP hardware type');
  const ptype = r.u16('ARP protocol type');
  const hlen = r.u8('ARP hardware length');
  const plen = r.u8('ARP protocol length');
  if (htype !== 1 || ptype !== 0x0800 || hlen !== 6 || plen !== 4) {
    throw new DecodeError(
      'UNSUPPORTED',
      0,
      `ARP: expected Ethernet/IPv4 (1/0x0800/6/4), found ${htype}/0x${ptype.toString(16)}/${hlen}/${plen}`,
    );
  }
  const op = r.u16('ARP operation');
  const senderMac = r.bytes(6, 'ARP sender hardware address').slice();
  const senderIp = addrFromBytes(r.bytes(4, 'ARP sender protocol address'));
  const targetMac = r.bytes(6, 'ARP target hardware address').slice();
  const targetIp = addrFromBytes(r.bytes(4, 'ARP target protocol address'));
  return { op, senderMac, senderIp, targetMac, targetIp };
}

/** Encodes an Ethernet/IPv4 ARP packet (28 bytes). Throws RangeError on a bad MAC or address. */
export function encodeArp(p: ArpPacket): Uint8Array {
  if (p.senderMac.length !== 6 || p.targetMac.length !== 6) throw new RangeError('ARP MAC addresses must be 6 bytes');
  const w = new Writer(28);
  w.u16(1).u16(0x0800).u8(6).u8(4).u16(p.op);
  w.bytes(p.senderMac);
  const at = w.alloc(4);
  if (writeAddr(p.senderIp, w.buffer, at) !== 4)
    throw new RangeError(`ARP sender address: expected a dotted quad, found '${p.senderIp}'`);
  w.bytes(p.targetMac);
  const at2 = w.alloc(4);
  if (writeAddr(p.targetIp, w.buffer, at2) !== 4)
    throw new RangeError(`ARP target address: expected a dotted quad, found '${p.targetIp}'`);
  return w.finish();
}
