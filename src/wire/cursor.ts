import { DecodeError } from './errors.js';

/** Reads big-endian fields from a byte slice and never reads past `end`. */
export class Reader {
  readonly buf: Uint8Array;
  pos: number;
  readonly end: number;

  constructor(buf: Uint8Array, start = 0, end = buf.length) {
    this.buf = buf;
    this.pos = start;
    this.end = Math.min(end, buf.length);
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** Throws TRUNCATED when fewer than `n` bytes are left. */
  need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.end) {
      throw new DecodeError('TRUNCATED', this.pos, `${what}: need ${n} bytes, ${this.remaining} left`);
    }
  }

  u8(what = 'u8'): number {
    this.need(1, what);
    return this.buf[this.pos++];
  }

  u16(what = 'u16'): number {
    this.need(2, what);
    const v = (this.buf[this.pos] << 8) | this.buf[this.pos + 1];
    this.pos += 2;
    return v;
  }

  u32(what = 'u32'): number {
    this.need(4, what);
    const b = this.buf;
    const p = this.pos;
    const v = ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
    this.pos += 4;
    return v;
  }

  /** A view (not a copy) of the next `n` bytes. */
  bytes(n: number, what = 'bytes'): Uint8Array {
    this.need(n, what);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /** A reader over the next `n` bytes; this reader skips past them. */
  sub(n: number, what = 'sub'): Reader {
    this.need(n, what);
    const r = new Reader(this.buf, this.pos, this.pos + n);
    this.pos += n;
    return r;
  }
}

const POOL_SIZE = 8192;
let pool = new ArrayBuffer(POOL_SIZE);
let poolOffset = 0;

/**
 * A zero-filled Uint8Array of `n` bytes. Small arrays are views into a shared 8 KiB ArrayBuffer (as Node's
 * Buffer pool does), which is several times cheaper than a fresh ArrayBuffer per packet.
 */
export function allocBytes(n: number): Uint8Array {
  if (n > POOL_SIZE >>> 3) return new Uint8Array(n);
  if (poolOffset + n > POOL_SIZE) {
    pool = new ArrayBuffer(POOL_SIZE);
    poolOffset = 0;
  }
  const out = new Uint8Array(pool, poolOffset, n);
  poolOffset = (poolOffset + n + 7) & ~7;
  return out;
}

/** Appends big-endian fields to a growing buffer. */
export class Writer {
  private buf: Uint8Array;
  pos = 0;

  constructor(initial = 256) {
    this.buf = allocBytes(initial);
  }

  private grow(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = allocBytes(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  u8(v: number): this {
    this.grow(1);
    this.buf[this.pos++] = v & 0xff;
    return this;
  }

  u16(v: number): this {
    this.grow(2);
    this.buf[this.pos++] = (v >>> 8) & 0xff;
    this.buf[this.pos++] = v & 0xff;
    return this;
  }

  u32(v: number): this {
    this.grow(4);
    this.buf[this.pos++] = (v >>> 24) & 0xff;
    this.buf[this.pos++] = (v >>> 16) & 0xff;
    this.buf[this.pos++] = (v >>> 8) & 0xff;
    this.buf[this.pos++] = v & 0xff;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.grow(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  /** Reserves `n` bytes and returns their offset in `buffer`, for writers that fill bytes in place. */
  alloc(n: number): number {
    this.grow(n);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  /** The current backing buffer (valid until the next write that grows it). */
  get buffer(): Uint8Array {
    return this.buf;
  }

  /** Overwrites a 16-bit field written earlier (lengths, checksums). */
  patchU16(at: number, v: number): void {
    this.buf[at] = (v >>> 8) & 0xff;
    this.buf[at + 1] = v & 0xff;
  }

  /** The bytes written so far (a view; its .buffer may be a shared pool, so use byteOffset with it). */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}
