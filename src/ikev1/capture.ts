/**
 * Reading IKEv1 in captures of a protected lab (pure, no I/O): the `ikev1_decryption_table` lines the routers wrote
 * (initiator cookie, encryption key) parsed back into keys, and an opener that follows each ISAKMP SA through the
 * capture to find what Wireshark's table leaves out — the cipher, the hash and the IVs (RFC 2409 appendix B):
 *   - cipher and hash: the transform the responder chose in main mode message 2 (or aggressive mode message 2);
 *   - phase-1 IV: hash(g^xi | g^xr) cut to the block size, the KE payloads of messages 3 and 4 (the initiator is
 *     the sender of the first message, whose responder cookie is zero); then each message's last ciphertext block;
 *   - quick mode / informational: hash(last phase-1 ciphertext block | M-ID), then chained within that M-ID.
 * A message seen again (a retransmission) is opened with the IV it was first opened with. Messages must be fed
 * in capture order, as tshark dissects them.
 */
import {
  attributeValue,
  decodeIsakmpPayloads,
  IkeAttribute,
  type IsakmpMessage,
  type IsakmpPayload,
} from '../wire/isakmp/index.js';
import { encrFromAttributes, hashFromId, blockSize, type V1Encr, type V1Hash } from './algorithms.js';
import { decryptBody, lastBlock } from './cipher.js';
import { phase1Iv, phase2Iv } from './keymat.js';
import { walkChain } from './raw.js';

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
const unhex = (t: string): Uint8Array => new Uint8Array(Buffer.from(t, 'hex'));

/** The encryption keys of an `ikev1_decryption_table` file's text, by initiator cookie (16 hex digits). */
export class Ikev1Keyring {
  private readonly byCookie = new Map<string, Uint8Array>();

  constructor(text = '') {
    for (const line of text.split('\n')) {
      const t = line.trim();
      if (t === '' || t.startsWith('#')) continue;
      const f = t.split(',').map((x) => x.trim().replace(/^"|"$/g, ''));
      // Two fields only: the esp_sa and ikev2_decryption_table lines have more.
      if (f.length !== 2 || !/^[0-9a-fA-F]{16}$/.test(f[0]!) || !/^([0-9a-fA-F]{2})+$/.test(f[1]!)) continue;
      this.byCookie.set(f[0]!.toLowerCase(), unhex(f[1]!));
    }
  }

  get size(): number {
    return this.byCookie.size;
  }

  find(initiatorCookie: Uint8Array): Uint8Array | undefined {
    return this.byCookie.get(hex(initiatorCookie));
  }
}

/** What the opener made of one IKEv1 message. */
export interface Ikev1Opened {
  /** The payloads inside, when the body opened. */
  inner?: IsakmpPayload[];
  /** Why the body did not open (keys known). */
  error?: string;
}

/** What the opener learns of one ISAKMP SA, by initiator cookie. */
interface Exchange {
  initiator: string;
  encr?: V1Encr;
  hash?: V1Hash;
  gxi?: Uint8Array;
  gxr?: Uint8Array;
  /** The IV of the next encrypted message, per M-ID (0: phase 1). */
  next: Map<number, Uint8Array>;
  /** The last ciphertext block of phase 1, once phase 1 has an encrypted message. */
  p1Last?: Uint8Array;
  /** IVs already used, by the message's last ciphertext block (retransmissions). */
  used: Map<string, Uint8Array>;
}

/** Follows the IKEv1 exchanges of one capture and opens their encrypted messages with a keyring. */
export class Ikev1Opener {
  private readonly sas = new Map<string, Exchange>();

  constructor(private readonly ring: Ikev1Keyring) {}

  /**
   * Takes the next IKEv1 message of the capture, sent from `from` (the sender's address: NAT-T moves the port). Returns undefined for a
   * message with no encrypted body, or whose key is not in the keyring; else the inner payloads or the reason.
   */
  feed(m: IsakmpMessage, from: string): Ikev1Opened | undefined {
    const cookie = hex(m.initiatorSpi);
    let x = this.sas.get(cookie);
    if (!x) {
      // The first message seen names the initiator: the sender of a message with no responder cookie yet.
      const zero = m.responderSpi.every((b) => b === 0);
      x = { initiator: zero ? from : '', next: new Map(), used: new Map() };
      this.sas.set(cookie, x);
    } else if (x.initiator === '' && m.responderSpi.every((b) => b === 0)) x.initiator = from;
    if (!m.encrypted) {
      learn(x, m, from);
      return undefined;
    }
    const key = this.ring.find(m.initiatorSpi);
    if (!key) return undefined;
    try {
      return { inner: open(x, m, key) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
}

/** The cipher and hash of the chosen transform, and the KE payloads, from a phase-1 message in the clear. */
function learn(x: Exchange, m: IsakmpMessage, from: string): void {
  if (m.messageId !== 0) return;
  const fromInitiator = x.initiator === '' ? x.gxi === undefined : from === x.initiator;
  for (const p of m.payloads) {
    if (p.kind === 'ke') {
      if (fromInitiator) x.gxi = p.data;
      else x.gxr = p.data;
    }
    // The responder's SA holds the one transform chosen (the initiator's first is taken until then).
    if (p.kind === 'sa' && (!fromInitiator || x.encr === undefined)) {
      const t = p.proposals[0]?.transforms[0];
      if (!t) continue;
      const a = t.attributes;
      x.encr = encrFromAttributes(
        attributeValue(a, IkeAttribute.EncryptionAlgorithm),
        attributeValue(a, IkeAttribute.KeyLength),
      );
      x.hash = hashFromId(attributeValue(a, IkeAttribute.HashAlgorithm));
    }
  }
}

/** Decrypts one message with the IV its place in the exchange gives; throws Error with the reason. */
function open(x: Exchange, m: IsakmpMessage, key: Uint8Array): IsakmpPayload[] {
  const enc = m.encrypted!;
  const { encr, hash } = x;
  if (!encr || !hash) throw new Error('the chosen transform (message 2) is not in the capture');
  const bs = blockSize(encr);
  if (enc.ciphertext.length === 0 || enc.ciphertext.length % bs !== 0)
    throw new Error(`encrypted body of ${enc.ciphertext.length} bytes is not a multiple of ${bs}`);
  const tail = hex(lastBlock(encr, enc.ciphertext));
  let iv = x.used.get(tail);
  if (!iv) {
    iv = x.next.get(m.messageId) ?? firstIv(x, m, encr, hash);
    x.used.set(tail, iv);
    const last = lastBlock(encr, enc.ciphertext);
    x.next.set(m.messageId, last);
    if (m.messageId === 0) x.p1Last = last;
  }
  const plain = decryptBody(encr, key, iv, enc.ciphertext);
  try {
    const { end } = walkChain(plain, enc.firstPayload, 0, plain.length);
    return decodeIsakmpPayloads(plain, enc.firstPayload, 0, end);
  } catch (e) {
    throw new Error(`decrypted body does not decode: ${(e as Error).message}`);
  }
}

/** The IV of the first encrypted message of an M-ID. */
function firstIv(x: Exchange, m: IsakmpMessage, encr: V1Encr, hash: V1Hash): Uint8Array {
  if (m.messageId === 0) {
    if (!x.gxi || !x.gxr) throw new Error('the KE payloads of phase 1 (messages 3 and 4) are not in the capture');
    return phase1Iv(hash, encr, x.gxi, x.gxr);
  }
  if (!x.p1Last) throw new Error('the end of phase 1 (message 6) is not in the capture');
  return phase2Iv(hash, encr, x.p1Last, m.messageId);
}
