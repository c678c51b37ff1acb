/** `dmvpn-lab decode`: turns a capture file into one record per NHRP or EIGRP packet plus a summary (pure, no I/O). */
import { eigrpChecksumOk } from '../wire/eigrp/decode.js';
import { encodeEigrp } from '../wire/eigrp/encode.js';
import { eigrpToJson, type EigrpJson } from '../wire/eigrp/json.js';
import { decodeFrameEigrp, decodeFrameNhrp } from '../wire/frame.js';
import { encodeNhrp } from '../wire/nhrp/encode.js';
import { nhrpChecksumOk } from '../wire/nhrp/decode.js';
import { nhrpToJson, type NhrpPacketJson } from '../wire/nhrp/json.js';
import type { DecodeError } from '../wire/errors.js';
import { readCapture } from '../wire/pcap/index.js';
import { type EspKeyring, unwrapFrame } from '../ipsec/capture.js';
import { type Ikev2Keyring, ikev2InPacket } from '../ike/capture.js';
import { ikev2ExchangeName, ikev2NotifyName, ikev2PayloadName } from '../wire/ikev2/names.js';
import { ikev2PayloadType } from '../wire/ikev2/index.js';
import { linkPayload } from '../wire/pcap/link.js';
import { Ikev1Opener, type Ikev1Keyring } from '../ikev1/capture.js';
import { ikev1Record, type Ikev1Record } from './decode-ikev1.js';

/**
 * Where a packet travelled: frame number, time, IPv4 addresses (for NHRP the outer, NBMA, ones; for EIGRP
 * the packet's own) and GRE key (always null for EIGRP).
 */
export interface FrameInfo {
  frame: number;
  /** Capture time, ISO 8601 (UTC); null when the file's timestamp is out of range. */
  time: string | null;
  nbmaSrc: string | null;
  nbmaDst: string | null;
  /** GRE key, null when the key bit is clear. */
  greKey: number | null;
  /** The packet came inside ESP (IP protocol 50, or UDP 4500 when `udp`), opened with the SA of this SPI. */
  esp?: { spi: string; udp: boolean };
}

/** A decoded NHRP packet with its checksum verdict and whether re-encoding reproduces its bytes. */
export type NhrpRecord = FrameInfo & NhrpPacketJson & { checksumValid: boolean; reencodes: boolean };

/** A decoded EIGRP packet (IP protocol 88), marked `protocol: 'eigrp'`, with the same verdicts. */
export type EigrpRecord = FrameInfo & { protocol: 'eigrp' } & EigrpJson & {
    checksumValid: boolean;
    reencodes: boolean;
  };

/** A frame that should have held NHRP (or, with `protocol: 'eigrp'`, EIGRP) but did not decode. */
export type MalformedRecord = FrameInfo & {
  protocol?: 'eigrp';
  error: { layer: 'ipv4' | 'ipv6' | 'gre' | 'nhrp' | 'eigrp'; code: string; offset: number; message: string };
};

/** An IKEv2 message whose IKE SA's keys are known: its exchange and the payloads inside its Encrypted payload. */
export type IkeRecord = FrameInfo & {
  protocol: 'ikev2';
  udpPort: number;
  exchange: number;
  exchangeName: string;
  messageId: number;
  /** Sent by the original initiator (the I flag), and a response (the R flag). */
  initiator: boolean;
  response: boolean;
  /** Names of the payloads inside SK, in order (opened only); a Notify with its type: `N(INITIAL_CONTACT)`. */
  payloads: string[];
  /** Their payload type numbers, and the Notify message types among them. */
  payloadTypes: number[];
  notifyTypes: number[];
  opened: boolean;
  /** Why SK did not open with the known keys. */
  skError?: string;
};

/** One printed line (or block) of the decode output. */
export type DecodeRecord = NhrpRecord | EigrpRecord | MalformedRecord | IkeRecord | Ikev1Record;

/** Frame counts for the final summary line (`eigrp` only once an EIGRP packet was seen). */
export interface DecodeSummary {
  frames: number;
  nhrp: number;
  eigrp?: number;
  malformed: number;
  other: number;
  /** With keys: ESP frames opened, and those left sealed (no key for their SPI, or not opening with it). */
  esp?: { opened: number; sealed: number };
  /** With IKEv2 keys: encrypted IKEv2 messages opened. */
  ike?: number;
  /** With IKEv1 keys: encrypted IKEv1 messages opened. */
  ikev1?: number;
}

/** What decoding may use beyond the capture: the `esp_sa` keys of its SAs, the IKEv2 and IKEv1 SAs' keys. */
export interface DecodeOptions {
  keyring?: EspKeyring;
  ikeKeyring?: Ikev2Keyring;
  ikev1Keyring?: Ikev1Keyring;
}

/** The record of an encrypted IKEv2 message whose keys are known (null for anything else). */
function ikeRecord(base: FrameInfo, linkType: number, data: Uint8Array, ring: Ikev2Keyring): IkeRecord | null {
  let ip: Uint8Array;
  try {
    const l = linkPayload(linkType, data);
    if (l.etherType !== 0x0800) return null;
    ip = l.payload;
  } catch {
    return null;
  }
  const m = ikev2InPacket(ip, ring);
  if (!m || (m.inner === undefined && m.error === undefined)) return null;
  const ipText = (at: number): string => ip.subarray(at, at + 4).join('.');
  const inner = m.inner ?? [];
  return {
    ...base,
    nbmaSrc: ipText(12),
    nbmaDst: ipText(16),
    protocol: 'ikev2',
    udpPort: m.udpPort,
    exchange: m.message.exchangeType,
    exchangeName: ikev2ExchangeName(m.message.exchangeType),
    messageId: m.message.messageId,
    initiator: (m.message.flags & 0x08) !== 0,
    response: (m.message.flags & 0x20) !== 0,
    payloads: inner.map((p) =>
      p.kind === 'notify' ? `N(${ikev2NotifyName(p.notifyType)})` : ikev2PayloadName(ikev2PayloadType(p)),
    ),
    payloadTypes: inner.map((p) => ikev2PayloadType(p)),
    notifyTypes: inner.flatMap((p) => (p.kind === 'notify' ? [p.notifyType] : [])),
    opened: m.inner !== undefined,
    ...(m.error !== undefined ? { skError: m.error } : {}),
  };
}

const hex8 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/** The decode of a whole file: records, summary, and where the file was cut short (when it was). */
export interface DecodedCapture {
  records: DecodeRecord[];
  summary: DecodeSummary;
  cutShort?: DecodeError;
}

/** ISO 8601 text of a nanosecond timestamp, or null when no Date can hold it. */
function isoTime(ns: bigint): string | null {
  const d = new Date(Number(ns / 1_000_000n));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** The record of a frame that carries no NHRP: its EIGRP packet, a malformed one, or null for other traffic. */
function eigrpRecord(base: FrameInfo, linkType: number, data: Uint8Array): EigrpRecord | MalformedRecord | null {
  const d = decodeFrameEigrp(linkType, data);
  if (d.kind === 'other') return null;
  if (d.kind === 'malformed') {
    const e = d.error;
    const error = { layer: d.layer, code: e.code, offset: e.offset, message: e.message };
    return { ...base, protocol: 'eigrp', error };
  }
  const info: FrameInfo = { ...base, nbmaSrc: d.ip.src, nbmaDst: d.ip.dst };
  if (!d.eigrp.ok) {
    const e = d.eigrp.error;
    const error = { layer: 'eigrp' as const, code: e.code, offset: e.offset, message: e.message };
    return { ...info, protocol: 'eigrp', error };
  }
  return {
    ...info,
    protocol: 'eigrp',
    ...eigrpToJson(d.eigrp.value),
    checksumValid: eigrpChecksumOk(d.eigrpBytes),
    reencodes: same(encodeEigrp(d.eigrp.value), d.eigrpBytes),
  };
}

/**
 * Reads a pcap or pcapng file's bytes and decodes every NHRP and EIGRP packet in it. Throws DecodeError only for
 * a bad file; a file cut short in the middle of a record gives its complete frames and `cutShort`.
 */
export function decodeCaptureFile(bytes: Uint8Array, opts: DecodeOptions = {}): DecodedCapture {
  const cap = readCapture(bytes, { partial: true });
  const records: DecodeRecord[] = [];
  const summary: DecodeSummary = { frames: cap.frames.length, nhrp: 0, malformed: 0, other: 0 };
  const ring = opts.keyring;
  if (ring) summary.esp = { opened: 0, sealed: 0 };
  const v1 = opts.ikev1Keyring ? new Ikev1Opener(opts.ikev1Keyring) : undefined;
  for (const f of cap.frames) {
    // With keys, an ESP frame is read as the frame it carried (GRE, NHRP inside), as Wireshark does with esp_sa.
    const u = ring ? unwrapFrame(f.linkType, f.data, ring) : undefined;
    if (u?.esp && summary.esp) summary.esp[u.esp.opened ? 'opened' : 'sealed']++;
    const data = u?.data ?? f.data;
    const d = decodeFrameNhrp(f.linkType, data);
    const base: FrameInfo = {
      frame: f.number,
      time: isoTime(f.timestampNs),
      nbmaSrc: null,
      nbmaDst: null,
      greKey: null,
      ...(u?.esp?.opened ? { esp: { spi: hex8(u.esp.spi), udp: u.esp.udp } } : {}),
    };
    if (d.kind === 'other') {
      const ike = opts.ikeKeyring ? ikeRecord(base, f.linkType, data, opts.ikeKeyring) : null;
      if (ike) {
        summary.ike = (summary.ike ?? 0) + (ike.opened ? 1 : 0);
        summary.other++;
        records.push(ike);
        continue;
      }
      const ikev1 = v1 ? ikev1Record(base, f.linkType, data, v1) : null;
      if (ikev1) {
        summary.ikev1 = (summary.ikev1 ?? 0) + (ikev1.opened ? 1 : 0);
        summary.other++;
        records.push(ikev1);
        continue;
      }
      const e = eigrpRecord(base, f.linkType, data);
      if (e === null) summary.other++;
      else if ('error' in e) summary.malformed++;
      else summary.eigrp = (summary.eigrp ?? 0) + 1;
      if (e) records.push(e);
      continue;
    }
    if (d.kind === 'malformed') {
      summary.malformed++;
      const e = d.error;
      records.push({ ...base, error: { layer: d.layer, code: e.code, offset: e.offset, message: e.message } });
      continue;
    }
    base.nbmaSrc = d.ip.src;
    base.nbmaDst = d.ip.dst;
    base.greKey = d.gre.key ?? null;
    if (!d.nhrp.ok) {
      summary.malformed++;
      const e = d.nhrp.error;
      records.push({ ...base, error: { layer: 'nhrp', code: e.code, offset: e.offset, message: e.message } });
      continue;
    }
    summary.nhrp++;
    const pktsz = (d.nhrpBytes[10] << 8) | d.nhrpBytes[11];
    records.push({
      ...base,
      ...nhrpToJson(d.nhrp.value),
      checksumValid: nhrpChecksumOk(d.nhrpBytes),
      reencodes: same(encodeNhrp(d.nhrp.value), d.nhrpBytes.subarray(0, pktsz)),
    });
  }
  return { records, summary, ...(cap.cutShort ? { cutShort: cap.cutShort } : {}) };
}

/** The summary line: "12 frames: 4 NHRP, 0 malformed, 8 other (not NHRP)", with an EIGRP count when there was EIGRP. */
export function formatSummary(s: DecodeSummary): string {
  const head = `${s.frames} frames: ${s.nhrp} NHRP`;
  const ike =
    (s.ike !== undefined ? `, IKEv2: ${s.ike} opened` : '') +
    (s.ikev1 !== undefined ? `, IKEv1: ${s.ikev1} opened` : '');
  const esp = s.esp ? `; ESP: ${s.esp.opened} opened, ${s.esp.sealed} sealed (no key or not opening)${ike}` : '';
  if (s.eigrp === undefined) return `${head}, ${s.malformed} malformed, ${s.other} other (not NHRP)${esp}`;
  return `${head}, ${s.eigrp} EIGRP, ${s.malformed} malformed, ${s.other} other (not NHRP or EIGRP)${esp}`;
}
