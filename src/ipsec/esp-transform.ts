/**
 * The ESP transform (RFC 4303) for one SA and direction: pure, no I/O; the cipher and ICV come from an EspCipher
 * (./esp-cipher.ts: node:crypto by default).
 * Outbound: payload + padding + Pad Length + Next Header, encrypted, with SPI, sequence number, IV and ICV.
 * Inbound: anti-replay check, ICV verification, decryption, trailer check, window update, in RFC 4303 3.4 order.
 */
import { randomFillSync } from 'node:crypto';
import { ESP_HEADER, nodeEspCipher, type EspCipher, type EspCipherFactory } from './esp-cipher.js';
import { EspError, type EspErrorCode } from './errors.js';
import { ReplayWindow } from './replay-window.js';
import { SUITES, type EspSa, type SuiteInfo } from './suites.js';

const HEADER = ESP_HEADER;

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

/**
 * Output buffers carved from a shared slab (a new slab when one is used up; an old one lives on while any packet
 * in it does), so sealing costs no allocation per packet.
 */
const SLAB_BYTES = 256 * 1024;
class Slab {
  private slab = new ArrayBuffer(0);
  private at = 0;
  take(n: number): Uint8Array {
    if (this.at + n > this.slab.byteLength) {
      this.slab = new ArrayBuffer(Math.max(SLAB_BYTES, n));
      this.at = 0;
    }
    const out = new Uint8Array(this.slab, this.at, n);
    this.at += (n + 7) & ~7;
    return out;
  }
}
const slab = new Slab();

/**
 * Outbound half of an SA: numbers packets from 1 and seals them. AES-GCM IVs are the 64-bit packet counter
 * (unique per key, RFC 4106 3.1); AES-CBC IVs are random (RFC 3602 2.3).
 */
export class EspOutbound {
  readonly sa: EspSa;
  private readonly info: SuiteInfo;
  private readonly cipher: EspCipher;
  private readonly ivs = new IvPool();
  private readonly counterIv = new Uint8Array(8);
  /** Sequence number of the last packet sealed (0: none yet). */
  sequence = 0;
  packets = 0;
  bytes = 0;

  /** `cipher`: the crypto backend (default node:crypto). */
  constructor(sa: EspSa, cipher: EspCipherFactory = nodeEspCipher) {
    this.sa = sa;
    this.info = SUITES[sa.suite];
    this.cipher = cipher(sa, 'out');
  }

  /** Seals one payload with the next sequence number. Throws EspError SEQUENCE_EXHAUSTED after 2^32 - 1 packets. */
  seal(payload: Uint8Array, nextHeader: number): Uint8Array {
    if (this.sequence === 0xffffffff) {
      throw new EspError('SEQUENCE_EXHAUSTED', this.sa.spi, this.sequence, 'sequence number would cycle; rekey the SA');
    }
    const seq = ++this.sequence;
    let iv: Uint8Array;
    if (this.info.aead) {
      iv = this.counterIv;
      iv[4] = seq >>> 24;
      iv[5] = seq >>> 16;
      iv[6] = seq >>> 8;
      iv[7] = seq;
    } else iv = this.ivs.take(16);
    this.packets++;
    this.bytes += payload.length;
    return sealEsp(this.sa, seq, payload, nextHeader, iv, this.cipher);
  }
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
  cipher: EspCipher = nodeEspCipher(sa, 'out'),
): Uint8Array {
  const info = SUITES[sa.suite];
  if (iv.length !== info.ivLength) {
    throw new RangeError(`${sa.suite}: IV must be ${info.ivLength} bytes, found ${iv.length}`);
  }
  const total = espSealedLength(info, payload.length);
  const ctAt = HEADER + info.ivLength;
  const ctEnd = total - info.icvLength;
  const padLength = ctEnd - ctAt - payload.length - 2;
  const out = slab.take(total);
  const spi = sa.spi >>> 0;
  out[0] = spi >>> 24;
  out[1] = spi >>> 16;
  out[2] = spi >>> 8;
  out[3] = spi;
  out[4] = seq >>> 24;
  out[5] = seq >>> 16;
  out[6] = seq >>> 8;
  out[7] = seq;
  out.set(iv, HEADER);
  out.set(payload, ctAt);
  const padAt = ctAt + payload.length;
  for (let i = 1; i <= padLength; i++) out[padAt + i - 1] = i;
  out[ctEnd - 2] = padLength;
  out[ctEnd - 1] = nextHeader;
  cipher.seal(out);
  return out;
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
  private readonly cipher: EspCipher;

  /**
   * `windowSize`: bits of the anti-replay window (a multiple of 32, at least 64; default 128). `cipher`: the crypto
   * backend (default node:crypto).
   */
  constructor(sa: EspSa, windowSize = 128, cipher: EspCipherFactory = nodeEspCipher) {
    this.sa = sa;
    this.cipher = cipher(sa, 'in');
    this.window = new ReplayWindow(windowSize);
  }

  /**
   * Opens one ESP packet (from its SPI). Throws EspError with the reason, counted in `counters`. `inPlace`: decrypt
   * into `packet` itself (the payload is then a view of it) instead of into a copy.
   */
  open(packet: Uint8Array, inPlace = false): EspOpened {
    try {
      const o = openEsp(this.sa, packet, this.window, this.cipher, inPlace);
      this.counters.packets++;
      this.counters.bytes += o.payload.length;
      return o;
    } catch (e) {
      if (e instanceof EspError && e.code !== 'SEQUENCE_EXHAUSTED') this.counters[e.code]++;
      throw e;
    }
  }
}

const u32 = (b: Uint8Array, at: number): number =>
  ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;

/**
 * Opens one ESP packet for `sa`: length checks, replay check against `window` (if given), ICV, decryption,
 * trailer, and finally the window update. Decrypts into a copy, or with `inPlace` into `packet` itself (then
 * clobbered even when the ICV fails). Throws only EspError (RangeError for a bad SA).
 */
export function openEsp(
  sa: EspSa,
  packet: Uint8Array,
  window?: ReplayWindow,
  cipher: EspCipher = nodeEspCipher(sa, 'in'),
  inPlace = false,
): EspOpened {
  const info = SUITES[sa.suite];
  const min = HEADER + info.ivLength + info.align + info.icvLength;
  const spi = packet.length >= 4 ? u32(packet, 0) : 0;
  if (packet.length < min) {
    throw new EspError('TRUNCATED', spi, undefined, `${packet.length} bytes, at least ${min} needed for ${sa.suite}`);
  }
  const seq = u32(packet, 4);
  if (spi !== sa.spi >>> 0) {
    throw new EspError('SPI_MISMATCH', spi, seq, `not this SA's SPI 0x${(sa.spi >>> 0).toString(16)}`);
  }
  const ctAt = HEADER + info.ivLength;
  const ctEnd = packet.length - info.icvLength;
  const ctLength = ctEnd - ctAt;
  if (ctLength % info.align !== 0) {
    throw new EspError('BAD_LENGTH', spi, seq, `ciphertext of ${ctLength} bytes is not a multiple of ${info.align}`);
  }
  if (window) {
    const v = window.check(seq);
    if (v !== 'fresh') throw new EspError('REPLAYED', spi, seq, replayText(v, window));
  }
  const b = inPlace ? packet : packet.slice();
  if (!cipher.open(b)) {
    const what = info.aead ? 'AES-GCM tag does not verify' : `HMAC-${info.hmac!.toUpperCase()} ICV does not match`;
    throw new EspError('ICV_MISMATCH', spi, seq, what);
  }
  const padLength = b[ctEnd - 2];
  const nextHeader = b[ctEnd - 1];
  const payloadLength = ctLength - 2 - padLength;
  if (payloadLength < 0) {
    throw new EspError(
      'MALFORMED_TRAILER',
      spi,
      seq,
      `Pad Length ${padLength} exceeds the ${ctLength - 2} bytes before it`,
    );
  }
  const padAt = ctAt + payloadLength;
  for (let i = 1; i <= padLength; i++) {
    if (b[padAt + i - 1] !== (i & 0xff)) {
      throw new EspError('MALFORMED_TRAILER', spi, seq, `padding byte ${i} is ${b[padAt + i - 1]}, expected ${i}`);
    }
  }
  window?.update(seq);
  return { sequence: seq, nextHeader, payload: b.subarray(ctAt, padAt) };
}

function replayText(v: string, w: ReplayWindow): string {
  if (v === 'zero') return 'sequence number 0 is never sent';
  if (v === 'too-old') return `left of the ${w.size}-packet window ending at ${w.top}`;
  return 'already received';
}
