/**
 * PIM-SM Join/Prune messages (RFC 7761 section 4.9.5), IPv4 only: decode (the hub's data plane reads
 * the joins spokes send it, for `ip pim nbma-mode`) and encode (tests, the bench). Other PIM message
 * types are recognised by their header and not decoded.
 */
import { internetChecksum } from './checksum.js';
import { DecodeError } from './errors.js';
import { readIpv4, writeIpv4 } from './ipv4-addr.js';

/** IP protocol number of PIM. */
export const IPPROTO_PIM = 103;
/** PIM message types (RFC 7761 section 4.9). */
export const PimType = { Hello: 0, Register: 1, RegisterStop: 2, JoinPrune: 3, Assert: 5 } as const;

/** One source of a group entry: (S,G), or (*,G) with `wildcard` and `rpt` set (S is then the RP). */
export interface PimSource {
  /** Dotted-quad bits. */
  address: number;
  maskLength: number;
  /** S bit (sparse): always set by PIM-SM senders. */
  sparse: boolean;
  /** WC bit: a (*,G) entry. */
  wildcard: boolean;
  /** RPT bit: the entry is about the shared tree ((*,G), or (S,G,rpt) prunes). */
  rpt: boolean;
}

/** One group of a Join/Prune message. */
export interface PimGroupEntry {
  group: number;
  maskLength: number;
  joins: PimSource[];
  prunes: PimSource[];
}

/** A Join/Prune message. */
export interface PimJoinPrune {
  /** The router the message is for (Upstream Neighbor Address). */
  upstream: number;
  /** Seconds the receiver keeps the state (0xffff: forever). */
  holdtime: number;
  groups: PimGroupEntry[];
}

/*
 * RFC 7761 section 4.9 (header) and 4.9.5 (Join/Prune); Encoded-Unicast is 6 bytes for IPv4
 * (family 1, encoding 0, address), Encoded-Group and Encoded-Source 8 (family, encoding, flags,
 * mask length, address); Source flags: 0x04 S, 0x02 WC, 0x01 RPT.
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |PIM Ver| Type  |   Reserved    |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Upstream Neighbor Address (Encoded-Unicast format)     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Reserved     | Num groups    |          Holdtime             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Multicast Group Address 1 (Encoded-Group format)      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Number of Joined Sources    |   Number of Pruned Sources    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Joined Source Address 1 (Encoded-Source format)  …     |
 * |        Pruned Source Address 1 (Encoded-Source format)  …     |
 * |                      … more groups …                          |
 */

/** The PIM message type of a PIM message (version 2 checked); undefined when it is not PIMv2. */
export function pimType(b: Uint8Array, at = 0): number | undefined {
  if (b.length - at < 4 || b[at] >> 4 !== 2) return undefined;
  return b[at] & 0x0f;
}

function need(b: Uint8Array, at: number, n: number, what: string): void {
  if (at + n > b.length) throw new DecodeError('TRUNCATED', at, `PIM Join/Prune: ${what} needs ${n} bytes`);
}

function family(b: Uint8Array, at: number, what: string): void {
  if (b[at] !== 1 || b[at + 1] !== 0)
    throw new DecodeError('UNSUPPORTED', at, `PIM Join/Prune: ${what}: expected IPv4 (family 1, encoding 0)`);
}

function source(b: Uint8Array, at: number): PimSource {
  need(b, at, 8, 'an Encoded-Source address');
  family(b, at, 'source');
  const f = b[at + 2];
  return {
    address: readIpv4(b, at + 4),
    maskLength: b[at + 3],
    sparse: (f & 4) !== 0,
    wildcard: (f & 2) !== 0,
    rpt: (f & 1) !== 0,
  };
}

/** Decodes a Join/Prune message starting at `at` (the PIM header); throws DecodeError. The checksum is checked. */
export function decodePimJoinPrune(b: Uint8Array, at = 0): PimJoinPrune {
  need(b, at, 4, 'the PIM header');
  if (b[at] >> 4 !== 2) throw new DecodeError('BAD_VERSION', at, `PIM: expected version 2, found ${b[at] >> 4}`);
  if ((b[at] & 0x0f) !== PimType.JoinPrune)
    throw new DecodeError('BAD_VALUE', at, `PIM: expected type 3 (Join/Prune), found ${b[at] & 0x0f}`);
  if (internetChecksum(b, at, b.length) !== 0) throw new DecodeError('BAD_CHECKSUM', at + 2, 'PIM: bad checksum');
  let p = at + 4;
  need(b, p, 10, 'the upstream neighbor, group count and holdtime');
  family(b, p, 'upstream neighbor');
  const upstream = readIpv4(b, p + 2);
  const count = b[p + 7];
  const holdtime = (b[p + 8] << 8) | b[p + 9];
  p += 10;
  const groups: PimGroupEntry[] = [];
  for (let g = 0; g < count; g++) {
    need(b, p, 12, 'a group entry');
    family(b, p, 'group');
    const entry: PimGroupEntry = { group: readIpv4(b, p + 4), maskLength: b[p + 3], joins: [], prunes: [] };
    const nj = (b[p + 8] << 8) | b[p + 9];
    const np = (b[p + 10] << 8) | b[p + 11];
    p += 12;
    for (let i = 0; i < nj; i++, p += 8) entry.joins.push(source(b, p));
    for (let i = 0; i < np; i++, p += 8) entry.prunes.push(source(b, p));
    groups.push(entry);
  }
  return { upstream, holdtime, groups };
}

/** Encodes a Join/Prune message (PIM header and checksum included). */
export function encodePimJoinPrune(m: PimJoinPrune): Uint8Array {
  const size = 14 + m.groups.reduce((n, g) => n + 12 + 8 * (g.joins.length + g.prunes.length), 0);
  const b = new Uint8Array(size);
  b[0] = 0x20 | PimType.JoinPrune;
  b[4] = 1;
  writeIpv4(b, 6, m.upstream);
  b[11] = m.groups.length;
  b[12] = m.holdtime >> 8;
  b[13] = m.holdtime & 0xff;
  let p = 14;
  const src = (s: PimSource): void => {
    b[p] = 1;
    b[p + 2] = (s.sparse ? 4 : 0) | (s.wildcard ? 2 : 0) | (s.rpt ? 1 : 0);
    b[p + 3] = s.maskLength;
    writeIpv4(b, p + 4, s.address);
    p += 8;
  };
  for (const g of m.groups) {
    b[p] = 1;
    b[p + 3] = g.maskLength;
    writeIpv4(b, p + 4, g.group);
    b[p + 8] = g.joins.length >> 8;
    b[p + 9] = g.joins.length & 0xff;
    b[p + 10] = g.prunes.length >> 8;
    b[p + 11] = g.prunes.length & 0xff;
    p += 12;
    g.joins.forEach(src);
    g.prunes.forEach(src);
  }
  const sum = internetChecksum(b);
  b[2] = sum >> 8;
  b[3] = sum & 0xff;
  return b;
}
