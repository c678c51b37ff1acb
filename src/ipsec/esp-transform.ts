/**
 * The ESP transform (RFC 4303) for one SA and direction: pure, node:crypto only, no I/O.
 * Outbound: payload + padding + Pad Length + Next Header, encrypted, with SPI, sequence number, IV and ICV.
 * Inbound: anti-replay check, ICV verification, decryption, trailer check, window update, in RFC 4303 3.4 order.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomFillSync,
  timingSafeEqual,
  type CipherGCMTypes,
} from 'node:crypto';
import { EspError, type EspErrorCode } from './errors.js';
import { ReplayWindow } from './replay-window.js';
import { aesKeyLength, SUITES, type EspSa, type SuiteInfo } from './suites.js';

const HEADER = 8;

/** What an inbound packet held once opened. */
export interface EspOpened {
  sequence: number;
  /** Next Header: 4 IPv4 (tunnel mode), 47 GRE (transport mode), 59 dummy (RFC 4303 2.6: discard)... */
  nextHeader: number;
  payload: Uint8Array;
}

/** Counters of an inbound SA: packets opened, and packets dropped per reason. */
export type EspInboundCounters = { packets: number; bytes: number } & Record<EspDropCode, number>;

/** The codes an inbound packet can be dropped with. */
export type EspDropCode = Exclude<EspErrorCode, 'SEQUENCE_EXHAUSTED'>;

/** Length of the ESP packet that `seal` makes for a payload of `n` bytes. */
export function espSealedLength(info: SuiteInfo, n: number): number {
  const body = Math.ceil((n + 2) / info.align) * info.align;
  return HEADER + info.ivLength + body + info.icvLength;
}

/** Random IVs drawn from a pooled buffer (one getrandom call per 256 IVs). */
class IvPool {
  private pool = Buffer.alloc(4096);
  private at = this.pool.length;
  take(n: number): Buffer {
    if (this.at + n > this.pool.length) {
      randomFillSync(this.pool);
      this.at = 0;
    }
    const iv = this.pool.subarray(this.at, this.at + n);
    this.at += n;
    return iv;
  }
}

function cipherName(sa: EspSa): string {
  const bits = aesKeyLength(sa) * 8;
  return SUITES[sa.suite].aead ? `aes-${bits}-gcm` : `aes-${bits}-cbc`;
}

/** GCM nonce: 4-byte salt || 8-byte IV (RFC 4106 4). */
function gcmNonce(salt: Uint8Array, iv: Uint8Array): Buffer {
  const n = Buffer.allocUnsafe(12);
  n.set(salt, 0);
  n.set(iv, 4);
  return n;
}

/**
 * Outbound half of an SA: numbers packets from 1 and seals them. AES-GCM IVs are the 64-bit packet counter
 * (unique per key, RFC 4106 3.1); AES-CBC IVs are random (RFC 3602 2.3).
 */
export class EspOutbound {
  readonly sa: EspSa;
  private readonly info: SuiteInfo;
  private readonly keys: EspKeys;
  private readonly ivs = new IvPool();
  /** Sequence number of the last packet sealed (0: none yet). */
  sequence = 0;
  packets = 0;
  bytes = 0;

  constructor(sa: EspSa) {
    this.sa = sa;
    this.info = SUITES[sa.suite];
    this.keys = espKeys(sa);
  }

  /** Seals one payload with the next sequence number. Throws EspError SEQUENCE_EXHAUSTED after 2^32 - 1 packets. */
  seal(payload: Uint8Array, nextHeader: number): Uint8Array {
    if (this.sequence === 0xffffffff) {
      throw new EspError('SEQUENCE_EXHAUSTED', this.sa.spi, this.sequence, 'sequence number would cycle; rekey the SA');
    }
    const seq = ++this.sequence;
    let iv: Buffer;
    if (this.info.aead) {
      iv = Buffer.alloc(8);
      iv.writeUInt32BE(seq, 4);
    } else iv = this.ivs.take(16);
    this.packets++;
    this.bytes += payload.length;
    return sealEsp(this.sa, seq, payload, nextHeader, iv, this.keys);
  }
}

/** Per-SA values sealEsp and openEsp derive from the SA; pass them to skip that work per packet. */
export interface EspKeys {
  /** node:crypto cipher name, e.g. aes-256-gcm. */
  cipher: string;
  key: Buffer;
  /** AES-GCM salt (empty for CBC). */
  salt: Buffer;
}

/** The cipher name, AES key and salt of an SA. Throws RangeError for keys of the wrong size. */
export function espKeys(sa: EspSa): EspKeys {
  const n = aesKeyLength(sa);
  return {
    cipher: cipherName(sa),
    key: Buffer.from(sa.encKey.subarray(0, n)),
    salt: Buffer.from(sa.encKey.subarray(n)),
  };
}

/*
 * RFC 4303 2, as sealed here
 * | SPI (32) | Sequence Number (32) | IV (8 GCM / 16 CBC) |
 * | Payload ... | Padding 1, 2, 3 ... | Pad Length | Next Header |   <- encrypted
 * | ICV (16 GCM, 12 HMAC-SHA-1-96, 16 HMAC-SHA-256-128) |
 * AES-GCM: AAD = SPI || Sequence Number (RFC 4106 5); CBC + HMAC: ICV over SPI .. end of ciphertext.
 */
/** Seals one payload with an explicit sequence number and IV (deterministic: for tests and known answers). */
export function sealEsp(
  sa: EspSa,
  seq: number,
  payload: Uint8Array,
  nextHeader: number,
  iv: Uint8Array,
  keys: EspKeys = espKeys(sa),
): Uint8Array {
  const info = SUITES[sa.suite];
  if (iv.length !== info.ivLength) {
    throw new RangeError(`${sa.suite}: IV must be ${info.ivLength} bytes, found ${iv.length}`);
  }
  const total = espSealedLength(info, payload.length);
  const plainLength = total - HEADER - info.ivLength - info.icvLength;
  const padLength = plainLength - payload.length - 2;
  const plain = Buffer.allocUnsafe(plainLength);
  plain.set(payload, 0);
  for (let i = 1; i <= padLength; i++) plain[payload.length + i - 1] = i;
  plain[plainLength - 2] = padLength;
  plain[plainLength - 1] = nextHeader;

  const out = Buffer.allocUnsafe(total);
  out.writeUInt32BE(sa.spi >>> 0, 0);
  out.writeUInt32BE(seq >>> 0, 4);
  out.set(iv, HEADER);
  const ctAt = HEADER + info.ivLength;
  if (info.aead) {
    const c = createCipheriv(keys.cipher as CipherGCMTypes, keys.key, gcmNonce(keys.salt, iv), { authTagLength: 16 });
    c.setAAD(out.subarray(0, HEADER));
    out.set(c.update(plain), ctAt);
    c.final();
    out.set(c.getAuthTag(), ctAt + plainLength);
  } else {
    const c = createCipheriv(keys.cipher, keys.key, iv);
    c.setAutoPadding(false);
    out.set(c.update(plain), ctAt);
    c.final();
    const mac = createHmac(info.hmac!, sa.authKey!)
      .update(out.subarray(0, ctAt + plainLength))
      .digest();
    out.set(mac.subarray(0, info.icvLength), ctAt + plainLength);
  }
  // a plain Uint8Array, so that .slice() copies as callers of a Uint8Array expect (Buffer#slice is a view)
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** Inbound half of an SA: replay window, counters, and `open`. */
export class EspInbound {
  readonly sa: EspSa;
  readonly window: ReplayWindow;
  readonly counters: EspInboundCounters = {
    packets: 0,
    bytes: 0,
    TRUNCATED: 0,
    BAD_LENGTH: 0,
    SPI_MISMATCH: 0,
    REPLAYED: 0,
    ICV_MISMATCH: 0,
    MALFORMED_TRAILER: 0,
  };
  private readonly keys: EspKeys;

  /** `windowSize`: bits of the anti-replay window (a multiple of 32, at least 64; default 128). */
  constructor(sa: EspSa, windowSize = 128) {
    this.sa = sa;
    this.keys = espKeys(sa);
    this.window = new ReplayWindow(windowSize);
  }

  /** Opens one ESP packet (from its SPI). Throws EspError with the reason, counted in `counters`. */
  open(packet: Uint8Array): EspOpened {
    try {
      const o = openEsp(this.sa, packet, this.window, this.keys);
      this.counters.packets++;
      this.counters.bytes += o.payload.length;
      return o;
    } catch (e) {
      if (e instanceof EspError && e.code !== 'SEQUENCE_EXHAUSTED') this.counters[e.code]++;
      throw e;
    }
  }
}

/**
 * Opens one ESP packet for `sa`: length checks, replay check against `window` (if given), ICV, decryption,
 * trailer, and finally the window update. Throws only EspError (RangeError for a bad SA).
 */
export function openEsp(sa: EspSa, packet: Uint8Array, window?: ReplayWindow, keys: EspKeys = espKeys(sa)): EspOpened {
  const info = SUITES[sa.suite];
  const b = Buffer.from(packet.buffer, packet.byteOffset, packet.byteLength);
  const min = HEADER + info.ivLength + info.align + info.icvLength;
  const spi = b.length >= 4 ? b.readUInt32BE(0) : 0;
  if (b.length < min) {
    throw new EspError('TRUNCATED', spi, undefined, `${b.length} bytes, at least ${min} needed for ${sa.suite}`);
  }
  const seq = b.readUInt32BE(4);
  if (spi !== sa.spi >>> 0) {
    throw new EspError('SPI_MISMATCH', spi, seq, `not this SA's SPI 0x${(sa.spi >>> 0).toString(16)}`);
  }
  const ctAt = HEADER + info.ivLength;
  const ctEnd = b.length - info.icvLength;
  const ctLength = ctEnd - ctAt;
  if (ctLength % info.align !== 0) {
    throw new EspError('BAD_LENGTH', spi, seq, `ciphertext of ${ctLength} bytes is not a multiple of ${info.align}`);
  }
  if (window) {
    const v = window.check(seq);
    if (v !== 'fresh') throw new EspError('REPLAYED', spi, seq, replayText(v, window));
  }
  const iv = b.subarray(HEADER, ctAt);
  const icv = b.subarray(ctEnd);
  let plain: Buffer;
  if (info.aead) {
    const d = createDecipheriv(keys.cipher as CipherGCMTypes, keys.key, gcmNonce(keys.salt, iv), { authTagLength: 16 });
    d.setAAD(b.subarray(0, HEADER));
    d.setAuthTag(icv);
    const head = d.update(b.subarray(ctAt, ctEnd));
    try {
      d.final();
    } catch (cause) {
      throw new EspError('ICV_MISMATCH', spi, seq, 'AES-GCM tag does not verify', { cause });
    }
    plain = head;
  } else {
    const mac = createHmac(info.hmac!, sa.authKey!).update(b.subarray(0, ctEnd)).digest().subarray(0, info.icvLength);
    if (!timingSafeEqual(mac, icv)) {
      throw new EspError('ICV_MISMATCH', spi, seq, `HMAC-${info.hmac!.toUpperCase()} ICV does not match`);
    }
    const d = createDecipheriv(keys.cipher, keys.key, iv);
    d.setAutoPadding(false);
    plain = d.update(b.subarray(ctAt, ctEnd));
    d.final();
  }
  const padLength = plain[plain.length - 2];
  const nextHeader = plain[plain.length - 1];
  const payloadLength = plain.length - 2 - padLength;
  if (payloadLength < 0) {
    throw new EspError(
      'MALFORMED_TRAILER',
      spi,
      seq,
      `Pad Length ${padLength} exceeds the ${plain.length - 2} bytes before it`,
    );
  }
  for (let i = 1; i <= padLength; i++) {
    if (plain[payloadLength + i - 1] !== (i & 0xff)) {
      throw new EspError(
        'MALFORMED_TRAILER',
        spi,
        seq,
        `padding byte ${i} is ${plain[payloadLength + i - 1]}, expected ${i}`,
      );
    }
  }
  window?.update(seq);
  return { sequence: seq, nextHeader, payload: new Uint8Array(plain.buffer, plain.byteOffset, payloadLength) };
}

function replayText(v: string, w: ReplayWindow): string {
  if (v === 'zero') return 'sequence number 0 is never sent';
  if (v === 'too-old') return `left of the ${w.size}-packet window ending at ${w.top}`;
  return 'already received';
}
