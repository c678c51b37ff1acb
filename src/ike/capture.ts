/**
 * Reading IKEv2 in captures of a protected lab: the `ikev2_decryption_table` lines the routers wrote (./wireshark.ts)
 * parsed back into keys, and an IKEv2 message on UDP 500/4500 with an Encrypted payload opened with them (RFC 7296
 * 3.14): the Initiator flag says which side sent it, so SK_ei/SK_ai or SK_er/SK_ar.
 *
 *   IPv4 | UDP sport dport (500 or 4500) | [4500: non-ESP marker 0x00000000] | IKE header (28) | payloads … SK
 */
import type { Ikev2Message, Ikev2Payload } from '../wire/ikev2/index.js';
import { decodeIkev2 } from '../wire/ikev2/index.js';
import type { EncrName, IkeSuite, IntegName } from './algorithms.js';
import { unprotect } from './sk.js';

const ENCRYPTION: Record<string, EncrName> = {
  'AES-CBC-128 [RFC3602]': 'aes-cbc-128',
  'AES-CBC-256 [RFC3602]': 'aes-cbc-256',
  'AES-GCM-128 with 16 octet ICV [RFC5282]': 'aes-gcm-16-128',
  'AES-GCM-256 with 16 octet ICV [RFC5282]': 'aes-gcm-16-256',
};
const INTEGRITY: Record<string, IntegName | undefined> = {
  'HMAC_SHA1_96 [RFC2404]': 'sha1-96',
  'HMAC_SHA2_256_128 [RFC4868]': 'sha256-128',
  'NONE [RFC4306]': undefined,
};

interface SaKeys {
  suite: IkeSuite;
  ei: Uint8Array;
  er: Uint8Array;
  ai: Uint8Array;
  ar: Uint8Array;
}

const unhex = (t: string): Uint8Array => new Uint8Array(Buffer.from(t, 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/** The IKE SAs of an `ikev2_decryption_table` file's text, by SPI pair. */
export class Ikev2Keyring {
  private readonly bySpis = new Map<string, SaKeys>();

  constructor(text = '') {
    for (const line of text.split('\n')) {
      const t = line.trim();
      if (t === '' || t.startsWith('#')) continue;
      const f = t.split(',').map((x) => x.trim().replace(/^"|"$/g, ''));
      if (f.length < 8) continue;
      const encr = ENCRYPTION[f[4]!];
      if (!encr || !(f[7]! in INTEGRITY)) continue;
      const integ = INTEGRITY[f[7]!];
      // prf and dh play no part in opening a message
      const suite: IkeSuite = { encr, prf: 'sha256', dh: 14, ...(integ ? { integ } : {}) };
      this.bySpis.set(`${f[0]!.toLowerCase()}|${f[1]!.toLowerCase()}`, {
        suite,
        ei: unhex(f[2]!),
        er: unhex(f[3]!),
        ai: unhex(f[5]!),
        ar: unhex(f[6]!),
      });
    }
  }

  get size(): number {
    return this.bySpis.size;
  }

  /** Keys of the IKE SA with these SPIs. */
  find(spiI: Uint8Array, spiR: Uint8Array): SaKeys | undefined {
    return this.bySpis.get(`${hex(spiI)}|${hex(spiR)}`);
  }
}

/** An IKEv2 message found in an IPv4 packet: its header, and its inner payloads when opened. */
export interface IkeInCapture {
  message: Ikev2Message;
  udpPort: number;
  /** The payloads inside SK, opened with the keyring; undefined when the SA's keys are not known. */
  inner?: Ikev2Payload[];
  /** Why SK did not open (keys known). */
  error?: string;
}

/** The IKE message (either version) an IPv4 packet carries on UDP 500/4500, with that port and the sender's address. */
export function ikeInUdp(ip: Uint8Array): { bytes: Uint8Array; udpPort: number; from: string } | undefined {
  if (ip.length < 20 || ip[0]! >> 4 !== 4 || ip[9] !== 17) return undefined;
  const ihl = (ip[0]! & 0x0f) * 4;
  const total = Math.min(ip.length, (ip[2]! << 8) | ip[3]!);
  if (total < ihl + 8 + 28) return undefined;
  const sport = (ip[ihl]! << 8) | ip[ihl + 1]!;
  const dport = (ip[ihl + 2]! << 8) | ip[ihl + 3]!;
  const port = dport === 500 || dport === 4500 ? dport : sport === 500 || sport === 4500 ? sport : undefined;
  if (port === undefined) return undefined;
  let at = ihl + 8;
  if (port === 4500) {
    if ((ip[at]! | ip[at + 1]! | ip[at + 2]! | ip[at + 3]!) !== 0) return undefined; // ESP
    at += 4;
  }
  const bytes = ip.subarray(at, total);
  if (bytes.length < 28) return undefined;
  return { bytes, udpPort: port, from: ip.subarray(12, 16).join('.') };
}

/** The IKEv2 message an IPv4 packet carries on UDP 500/4500 (undefined for anything else or a message with no SK). */
export function ikev2InPacket(ip: Uint8Array, ring: Ikev2Keyring): IkeInCapture | undefined {
  const u = ikeInUdp(ip);
  if (u?.bytes[17] !== 0x20) return undefined; // IKEv2 only
  const { bytes, udpPort: port } = u;
  let message: Ikev2Message;
  try {
    message = decodeIkev2(bytes);
  } catch {
    return undefined;
  }
  if (message.payloads.at(-1)?.kind !== 'sk') return undefined;
  const k = ring.find(message.initiatorSpi, message.responderSpi);
  if (!k) return { message, udpPort: port };
  const fromInitiator = (message.flags & 0x08) !== 0;
  const keys = fromInitiator ? { encKey: k.ei, integKey: k.ai } : { encKey: k.er, integKey: k.ar };
  try {
    return { message, udpPort: port, inner: unprotect(k.suite, keys, bytes, message) };
  } catch (err) {
    return { message, udpPort: port, error: (err as Error).message };
  }
}
