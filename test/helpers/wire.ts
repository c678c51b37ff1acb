/** Test helpers: hex conversion and the NHRP, EIGRP, IKE and ESP packets of the Cisco reference captures. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeFrameEigrp, decodeFrameIpsec, decodeFrameNhrp } from '../../src/wire/frame.js';
import { encodeGre, type GrePacket } from '../../src/wire/gre.js';
import { readCapture } from '../../src/wire/pcap/index.js';

export const CISCO_DIR = new URL('../fixtures/reference/cisco/', import.meta.url).pathname;

/** Bytes from a hex string (whitespace ignored). */
export function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
}

/** Hex text of bytes. */
export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** One NHRP packet found in a reference capture. */
export interface CiscoNhrp {
  file: string;
  frame: number;
  format: 'pcap' | 'pcapng';
  /** The NHRP bytes (GRE payload). */
  bytes: Uint8Array;
}

/** Every NHRP packet in every capture of the Cisco folder, walked from the folder listing. */
export function ciscoNhrpPackets(): CiscoNhrp[] {
  const out: CiscoNhrp[] = [];
  for (const file of readdirSync(CISCO_DIR)
    .filter((f) => /\.pcap(ng)?$/.test(f))
    .sort()) {
    const cap = readCapture(new Uint8Array(readFileSync(join(CISCO_DIR, file))));
    for (const f of cap.frames) {
      const d = decodeFrameNhrp(f.linkType, f.data);
      if (d.kind === 'nhrp') out.push({ file, frame: f.number, format: cap.format, bytes: d.nhrpBytes });
    }
  }
  return out;
}

/** One EIGRP packet found in a reference capture, with the IPv4 addresses it travelled between. */
export interface CiscoEigrp {
  file: string;
  frame: number;
  format: 'pcap' | 'pcapng';
  src: string;
  dst: string;
  /** The EIGRP bytes (IP payload). */
  bytes: Uint8Array;
}

/** Every EIGRP packet in every capture of the Cisco folder. */
export function ciscoEigrpPackets(): CiscoEigrp[] {
  const out: CiscoEigrp[] = [];
  for (const file of readdirSync(CISCO_DIR)
    .filter((f) => /\.pcap(ng)?$/.test(f))
    .sort()) {
    const cap = readCapture(new Uint8Array(readFileSync(join(CISCO_DIR, file))));
    for (const f of cap.frames) {
      const d = decodeFrameEigrp(f.linkType, f.data);
      if (d.kind === 'eigrp')
        out.push({ file, frame: f.number, format: cap.format, src: d.ip.src, dst: d.ip.dst, bytes: d.eigrpBytes });
    }
  }
  return out;
}

/** One IKE message or ESP packet found in a reference capture. */
export interface CiscoIpsec {
  file: string;
  frame: number;
  kind: 'ike' | 'esp';
  /** IKE major version (1 or 2); 0 for ESP. */
  majorVersion: number;
  /** The IKE message (after any non-ESP marker) or the ESP packet (from its SPI). */
  bytes: Uint8Array;
}

/** Every IKE message and ESP packet in every capture of the Cisco folder. */
export function ciscoIpsecPackets(): CiscoIpsec[] {
  const out: CiscoIpsec[] = [];
  for (const file of readdirSync(CISCO_DIR)
    .filter((f) => /\.pcap(ng)?$/.test(f))
    .sort()) {
    for (const f of readCapture(new Uint8Array(readFileSync(join(CISCO_DIR, file)))).frames) {
      const d = decodeFrameIpsec(f.linkType, f.data);
      if (d.kind === 'ike') {
        out.push({ file, frame: f.number, kind: 'ike', majorVersion: d.majorVersion, bytes: d.ikeBytes });
      }
      if (d.kind === 'esp') out.push({ file, frame: f.number, kind: 'esp', majorVersion: 0, bytes: d.espBytes });
    }
  }
  return out;
}

/** A GRE packet with no checksum, sequence or reserved bits: `fields` adds a key or overrides the rest. */
export function greOf(protocolType: number, payload: Uint8Array, fields: Partial<GrePacket> = {}): Uint8Array {
  return encodeGre({
    protocolType,
    checksumPresent: false,
    checksum: 0,
    reserved0: 0,
    reserved1: 0,
    payload,
    ...fields,
  });
}
