/** In-memory ports for tests and simulations: a TAP and an NBMA network that record and deliver bytes. */
import { formatIpv4, parseIpv4 } from '../../wire/ipv4-addr.js';
import type { NbmaSocket, TapPort } from './ports.js';

/** A TAP whose "kernel" is the test: `inject` plays a frame the kernel sends, `written` holds what came back. */
export class FakeTap implements TapPort {
  readonly mac: Uint8Array;
  readonly written: Uint8Array[] = [];
  /** When set, write() fails with this negative errno. */
  failWith: number | undefined;
  private handler: ((frame: Uint8Array) => void) | undefined;

  constructor(mac: Uint8Array = Uint8Array.of(0x52, 0x54, 0x00, 0x12, 0x34, 0x56)) {
    this.mac = mac;
  }

  write(frame: Uint8Array): number {
    if (this.failWith !== undefined) return this.failWith;
    this.written.push(frame.slice());
    return frame.length;
  }

  onFrame(handler: (frame: Uint8Array) => void): void {
    this.handler = handler;
  }

  /** Hands a copy of `frame` to the data plane as if the kernel had sent it out of the TAP. */
  inject(frame: Uint8Array): void {
    if (!this.handler) throw new Error('FakeTap: no onFrame handler registered');
    this.handler(frame.slice());
  }
}

/** One packet sent on a fake socket. */
export interface SentPacket {
  dst: string;
  bytes: Uint8Array;
}

/** A socket on a FakeNbmaNetwork: sends are recorded and delivered to the socket at the destination, if any. */
export class FakeNbmaSocket implements NbmaSocket {
  readonly sent: SentPacket[] = [];
  private handler: ((src: number, bytes: Uint8Array) => void) | undefined;

  constructor(
    readonly address: string,
    readonly headroom: number,
    private readonly net: FakeNbmaNetwork | undefined,
  ) {}

  send(dstNbma: number, bytes: Uint8Array): number {
    const dst = formatIpv4(dstNbma);
    this.sent.push({ dst, bytes: bytes.slice() });
    this.net?.deliver(this.address, dst, bytes);
    return bytes.length;
  }

  onPacket(handler: (srcNbma: number, bytes: Uint8Array) => void): void {
    this.handler = handler;
  }

  /** Hands a copy of `bytes` (with `headroom` spare bytes before it) to the data plane as if received from `src`. */
  receive(src: string, bytes: Uint8Array): void {
    if (!this.handler) throw new Error('FakeNbmaSocket: no onPacket handler registered');
    const srcNum = parseIpv4(src);
    if (srcNum === undefined) throw new RangeError(`FakeNbmaSocket: source must be a dotted quad, found '${src}'`);
    const buf = new Uint8Array(this.headroom + bytes.length);
    buf.set(bytes, this.headroom);
    this.handler(srcNum, buf.subarray(this.headroom));
  }
}

/** An NBMA network of fake sockets keyed by address; a send reaches the socket at its destination synchronously. */
export class FakeNbmaNetwork {
  private readonly sockets = new Map<string, FakeNbmaSocket>();

  /** A socket at `address`; `headroom` is what it promises before received payloads (20, like a raw socket). */
  socket(address: string, headroom = 20): FakeNbmaSocket {
    const s = new FakeNbmaSocket(address, headroom, this);
    this.sockets.set(address, s);
    return s;
  }

  /** Delivers bytes from `src` to the socket at `dst` (dropped when there is none). */
  deliver(src: string, dst: string, bytes: Uint8Array): void {
    this.sockets.get(dst)?.receive(src, bytes);
  }
}
