/**
 * `dmvpn-lab decode` and IKEv1: the record of an encrypted IKEv1 message (main mode 5–6, aggressive mode 3, quick
 * mode, informational) whose ISAKMP SA's key is in the `ikev1_decryption_table`, with the payloads inside listed as
 * the IKEv2 ones are. Every IKEv1 message of the capture goes through the opener (src/ikev1/capture.ts), which
 * learns the cipher, hash and IVs from the messages in the clear; only the encrypted ones make records.
 */
import { ikeInUdp } from '../ike/capture.js';
import type { Ikev1Opener } from '../ikev1/capture.js';
import {
  decodeIsakmp,
  isakmpExchangeName,
  isakmpNotifyName,
  isakmpPayloadType,
  IsakmpPayloadType as T,
  type IsakmpMessage,
} from '../wire/isakmp/index.js';
import { linkPayload } from '../wire/pcap/link.js';
import type { FrameInfo } from './decode-report.js';

/** An encrypted IKEv1 message of an ISAKMP SA whose key is known: its exchange and the payloads inside. */
export type Ikev1Record = FrameInfo & {
  protocol: 'ikev1';
  udpPort: number;
  exchange: number;
  exchangeName: string;
  messageId: number;
  /** Names of the payloads inside, in order (opened only); a Notify with its type: `N(R-U-THERE)`. */
  payloads: string[];
  payloadTypes: number[];
  notifyTypes: number[];
  opened: boolean;
  /** Why the body did not open with the known key. */
  openError?: string;
};

/** Short payload names, as the IKEv2 listing uses them (RFC 2409 notation). */
const NAMES: Record<number, string> = {
  [T.SecurityAssociation]: 'SA',
  [T.KeyExchange]: 'KE',
  [T.Identification]: 'ID',
  [T.Certificate]: 'CERT',
  [T.CertificateRequest]: 'CR',
  [T.Hash]: 'HASH',
  [T.Signature]: 'SIG',
  [T.Nonce]: 'NONCE',
  [T.Notification]: 'N',
  [T.Delete]: 'D',
  [T.VendorId]: 'VID',
  [T.NatD]: 'NAT-D',
  [T.NatOa]: 'NAT-OA',
};

/** "HASH", "N", or "payload N" for a type with no short name. */
export const ikev1PayloadName = (type: number): string => NAMES[type] ?? `payload ${type}`;

/** The record of a frame's encrypted IKEv1 message whose key is known; null for anything else (fed to the opener). */
export function ikev1Record(
  base: FrameInfo,
  linkType: number,
  data: Uint8Array,
  opener: Ikev1Opener,
): Ikev1Record | null {
  let ip: Uint8Array;
  try {
    const l = linkPayload(linkType, data);
    if (l.etherType !== 0x0800) return null;
    ip = l.payload;
  } catch {
    return null;
  }
  const u = ikeInUdp(ip);
  if (u?.bytes[17] !== 0x10) return null; // IKEv1 only
  let m: IsakmpMessage;
  try {
    m = decodeIsakmp(u.bytes);
  } catch {
    return null;
  }
  const o = opener.feed(m, u.from);
  if (!o) return null;
  const inner = o.inner ?? [];
  const rec: Ikev1Record = {
    ...base,
    nbmaSrc: u.from,
    nbmaDst: ip.subarray(16, 20).join('.'),
    protocol: 'ikev1',
    udpPort: u.udpPort,
    exchange: m.exchangeType,
    exchangeName: isakmpExchangeName(m.exchangeType),
    messageId: m.messageId,
    payloads: inner.map((p) =>
      p.kind === 'notify' ? `N(${isakmpNotifyName(p.notifyType)})` : ikev1PayloadName(isakmpPayloadType(p)),
    ),
    payloadTypes: inner.map((p) => isakmpPayloadType(p)),
    notifyTypes: inner.flatMap((p) => (p.kind === 'notify' ? [p.notifyType] : [])),
    opened: o.inner !== undefined,
    ...(o.error !== undefined ? { openError: o.error } : {}),
  };
  return rec;
}
