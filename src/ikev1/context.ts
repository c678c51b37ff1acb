/**
 * The engine-wide state every IKEv1 handler shares (clock, output, timers, counters, SA tables) and the message
 * transport: plain and encrypted messages (RFC 2408 3.1 E flag, RFC 2409 appendix B CBC chaining), UDP 500 or
 * 4500 with the non-ESP marker (RFC 3948 2.2), retransmission, tearing an SA down.
 */
import { Writer } from '../wire/cursor.js';
import { encapsulateIke } from '../wire/esp/index.js';
import {
  encodeIsakmp,
  encodeIsakmpPayloads,
  isakmpPayloadType,
  isakmpExchangeName,
  IsakmpFlags,
  type IsakmpMessage,
  type IsakmpPayload,
} from '../wire/isakmp/index.js';
import { decodeIsakmpPayloads } from '../wire/isakmp/decode.js';
import { inPrefix6 } from '../wire/ipv6-addr.js';
import type { Endpoint, IkeAction } from '../ike/actions.js';
import { Timers } from '../ike/timers.js';
import type { Ikev1Config } from './config.js';
import { decryptBody, encryptBody, lastBlock } from './cipher.js';
import { Ikev1Error, newIkev1Counters, type Ikev1ErrorCode } from './errors.js';
import { walkChain, type RawPayload } from './raw.js';
import type { P1Sa } from './sa.js';

export type V1TimerKind =
  | 'p1Retransmit'
  | 'qmRetransmit'
  | 'halfOpen'
  | 'dpd'
  | 'p1Expire'
  | 'childRekey'
  | 'childExpire'
  | 'natKeepalive';

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** A decrypted message: payloads, the plaintext and its raw chain (for HASH over bytes as sent). */
export interface Opened {
  payloads: IsakmpPayload[];
  plain: Uint8Array;
  chain: RawPayload[];
  end: number;
  /** The last ciphertext block: the next IV of the exchange. */
  nextIv: Uint8Array;
}

export class Ctx {
  now = 0;
  out: IkeAction[] = [];
  readonly timers = new Timers<V1TimerKind>();
  readonly counters = newIkev1Counters();
  readonly sas = new Map<number, P1Sa>();
  /** By initiator cookie (hex). */
  readonly byCookie = new Map<string, P1Sa>();
  private nextId = 1001;
  rx: { from: Endpoint; localPort: number } = { from: { address: '', port: 0 }, localPort: 500 };

  constructor(
    public cfg: Ikev1Config,
    readonly random: (n: number) => Uint8Array,
    readonly debug: boolean,
  ) {}

  connId(): number {
    return this.nextId++;
  }

  add(sa: P1Sa): void {
    this.sas.set(sa.id, sa);
    this.byCookie.set(hex(sa.ckyI), sa);
  }

  log(text: string): void {
    this.out.push({ kind: 'log', text });
  }

  event(text: string): void {
    if (this.debug) this.out.push({ kind: 'event', text });
  }

  /** Counts a refusal and says why in the debug output. */
  drop(code: Ikev1ErrorCode, why: string): void {
    this.counters[code]++;
    this.event(`ISAKMP: dropping message: ${why} (${code})`);
  }

  /**
   * The pre-shared key for a peer: the longest matching `crypto isakmp key … address A M` (an IPv6 peer: the
   * longest matching `address ipv6 X/N`, whose mask is N).
   */
  pskFor(address: string): Uint8Array | undefined {
    const n = ipv4(address);
    let best: { bits: number; psk: Uint8Array } | undefined;
    for (const k of this.cfg.keys) {
      let bits: number;
      if (address.includes(':')) {
        const len = Number(k.mask);
        if (!k.address.includes(':') || !Number.isInteger(len) || !inPrefix6(address, k.address, len)) continue;
        bits = len;
      } else {
        const a = ipv4(k.address);
        const m = ipv4(k.mask);
        if (n === undefined || a === undefined || m === undefined || (n & m) >>> 0 !== (a & m) >>> 0) continue;
        bits = popcount(m);
      }
      if (!best || bits > best.bits) {
        best = { bits, psk: typeof k.psk === 'string' ? new Uint8Array(Buffer.from(k.psk)) : k.psk };
      }
    }
    return best?.psk;
  }

  /** Sends bytes to the SA's peer on its current ports. */
  send(sa: P1Sa, bytes: Uint8Array): void {
    const payload = sa.localPort === 4500 ? encapsulateIke(bytes) : bytes;
    this.out.push({
      kind: 'send',
      localPort: sa.localPort,
      to: { address: sa.peer, port: sa.peerPort },
      bytes: payload,
    });
  }

  /** A plain message on the SA. */
  plain(sa: P1Sa, exchange: number, payloads: IsakmpPayload[]): Uint8Array {
    this.event(`ISAKMP:(${sa.id}): sending ${isakmpExchangeName(exchange)} [${payloads.map((p) => p.kind).join(',')}]`);
    return encodeIsakmp(header(sa, exchange, 0, 0, payloads));
  }

  /** An encrypted message with `iv`; returns the bytes and the next IV. */
  sealed(sa: P1Sa, exchange: number, msgId: number, iv: Uint8Array, payloads: IsakmpPayload[]) {
    const w = new Writer(256);
    encodeIsakmpPayloads(w, payloads);
    const body = w.finish();
    const p = sa.policy!;
    const ciphertext = encryptBody(p.encr, sa.keys!.encKey, iv, body);
    this.event(
      `ISAKMP:(${sa.id}): sending ${isakmpExchangeName(exchange)} (encrypted) ` +
        `[${payloads.map((x) => x.kind).join(',')}]`,
    );
    const m = header(sa, exchange, IsakmpFlags.Encryption, msgId, []);
    m.encrypted = { firstPayload: isakmpPayloadType(payloads[0]), ciphertext };
    return { bytes: encodeIsakmp(m), nextIv: lastBlock(p.encr, ciphertext) };
  }

  /** Decrypts a received message with `iv`. Throws Ikev1Error MALFORMED when the plaintext is no payload chain. */
  open(sa: P1Sa, msg: IsakmpMessage, iv: Uint8Array): Opened {
    const enc = msg.encrypted;
    if (!enc || !sa.keys || !sa.policy) throw new Ikev1Error('MALFORMED', 'expected an encrypted message');
    let plain: Uint8Array;
    try {
      plain = decryptBody(sa.policy.encr, sa.keys.encKey, iv, enc.ciphertext);
      const { payloads: chain, end } = walkChain(plain, enc.firstPayload, 0, plain.length);
      const payloads = decodeIsakmpPayloads(plain, enc.firstPayload, 0, end);
      return { payloads, plain, chain, end, nextIv: lastBlock(sa.policy.encr, enc.ciphertext) };
    } catch (e) {
      throw new Ikev1Error('MALFORMED', `decrypted body does not decode: ${(e as Error).message}`);
    }
  }
}

function header(sa: P1Sa, exchangeType: number, flags: number, messageId: number, payloads: IsakmpPayload[]) {
  return {
    initiatorSpi: sa.ckyI,
    responderSpi: sa.ckyR,
    minorVersion: 0,
    exchangeType,
    flags,
    messageId,
    payloads,
  } as IsakmpMessage;
}

export function ipv4(s: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (!m) return undefined;
  const p = m.slice(1).map(Number);
  if (p.some((x) => x > 255)) return undefined;
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}

function popcount(n: number): number {
  let c = 0;
  for (let x = n >>> 0; x; x >>>= 1) c += x & 1;
  return c;
}
