/**
 * The IKE frames of the lab's captures (UDP 500, or 4500 with the non-ESP marker), as evidence: IKEv1
 * (ISAKMP) and IKEv2 exchanges, request or response, and the Notify payloads sent in the clear
 * (NO_PROPOSAL_CHOSEN, INVALID_KE_PAYLOAD, AUTHENTICATION_FAILED in an unencrypted INFORMATIONAL …).
 * A payload inside the encrypted part is not read: such a frame is marked `encrypted`.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  decodeFrameIpsec,
  decodeIkev2,
  decodeIsakmp,
  ikev2ExchangeName,
  ikev2NotifyName,
  isakmpExchangeName,
  isakmpNotifyName,
  isErrorNotify,
  readCapture,
  tryDecode,
} from '../../wire/index.js';
import { completeRecords } from './packets.js';

/** One IKE frame. */
export interface IkeFrame {
  pcap: string;
  frame: number;
  timeMs: number;
  src: string;
  dst: string;
  version: 1 | 2;
  /** IKE_SA_INIT, IKE_AUTH, INFORMATIONAL; Identity Protection (Main Mode), Quick Mode … */
  exchange: string;
  /** IKEv2: the R flag; IKEv1 has none (false). */
  response: boolean;
  /** The body (or part of it) is encrypted: its payloads are not read. */
  encrypted: boolean;
  /** The Notify types in the clear, by name. */
  notifies: string[];
  /** Those of them that report an error (IKEv2 below 16384, IKEv1 below 8192). */
  errors: string[];
}

/** IKEv1 Notify types from here on are status, below are errors (RFC 2408 3.14.1). */
const IKEV1_STATUS = 8192;
/** IKEv2 header flag R (RFC 7296 3.1). */
const IKEV2_RESPONSE = 0x20;

/** The IKE frames of one capture (none when it does not exist or does not read). */
export function readIkeFrames(pcap: string): IkeFrame[] {
  if (!existsSync(pcap)) return [];
  const cap = tryDecode(() => readCapture(completeRecords(readFileSync(pcap))));
  if (!cap.ok) return [];
  const out: IkeFrame[] = [];
  for (const f of cap.value.frames) {
    const x = decodeFrameIpsec(f.linkType, f.data);
    if (x.kind !== 'ike') continue;
    const base = { pcap, frame: f.number, timeMs: Number(f.timestampNs / 1000n) / 1000, src: x.ip.src, dst: x.ip.dst };
    if (x.majorVersion === 2) {
      const m = tryDecode(() => decodeIkev2(x.ikeBytes));
      if (!m.ok) continue;
      out.push({
        ...base,
        version: 2,
        exchange: ikev2ExchangeName(m.value.exchangeType),
        response: (m.value.flags & IKEV2_RESPONSE) !== 0,
        encrypted: m.value.payloads.some((p) => p.kind === 'sk'),
        notifies: m.value.payloads.flatMap((p) => (p.kind === 'notify' ? [ikev2NotifyName(p.notifyType)] : [])),
        errors: m.value.payloads.flatMap((p) =>
          p.kind === 'notify' && isErrorNotify(p.notifyType) ? [ikev2NotifyName(p.notifyType)] : [],
        ),
      });
    } else if (x.majorVersion === 1) {
      const m = tryDecode(() => decodeIsakmp(x.ikeBytes));
      if (!m.ok) continue;
      out.push({
        ...base,
        version: 1,
        exchange: isakmpExchangeName(m.value.exchangeType),
        response: false,
        encrypted: m.value.encrypted !== undefined,
        notifies: m.value.payloads.flatMap((p) => (p.kind === 'notify' ? [isakmpNotifyName(p.notifyType)] : [])),
        errors: m.value.payloads.flatMap((p) =>
          p.kind === 'notify' && p.notifyType < IKEV1_STATUS ? [isakmpNotifyName(p.notifyType)] : [],
        ),
      });
    }
  }
  return out;
}

/** The IKE frames of several captures, in time order. */
export function readAllIkeFrames(pcaps: string[]): IkeFrame[] {
  return pcaps.flatMap(readIkeFrames).sort((a, b) => a.timeMs - b.timeMs || a.frame - b.frame);
}
