/**
 * The sockets of a routing protocol that runs straight over IPv6 on one interface (EIGRP for IPv6,
 * next header 88): a packet socket that reads the protocol's IPv6 packets arriving on the interface
 * (source address from the header), and a shared raw IPv6 socket that sends to a link-local group or
 * neighbor out of the interface (the kernel picks the link-local source).
 */
import { ipv6Bytes } from '../../wire/ipv6-addr.js';
import { addrFromBytes } from '../../wire/nhrp/addr.js';
import { closeFd, ifIndex, joinGroup6, openPacket6, openSend6, sendTo6 } from './native.js';
import { Receiver } from './receiver.js';
import { SysError } from './errors.js';

/** One received packet: the IPv6 source and destination, and the payload after the fixed header. */
export interface Ip6Packet {
  source: string;
  destination: string;
  payload: Uint8Array;
}

/** The protocol's sockets on one interface (device). */
export class Ip6ProtocolLink {
  readonly device: string;
  private readonly index: number;
  private readonly rx: number;
  private receiver: Receiver | undefined;
  private closed = false;

  /** Opens the receive socket on `device` and joins `groups` on the shared send socket `tx`. */
  constructor(
    private readonly tx: Ip6SendSocket,
    device: string,
    protocol: number,
    groups: readonly string[],
  ) {
    this.device = device;
    this.index = ifIndex(device);
    if (this.index === 0) throw new SysError('BAD_ADDRESS', `no such interface: ${device}`);
    this.rx = openPacket6(device, protocol);
    try {
      for (const g of groups) joinGroup6(tx.fd, bytesOf(g), device);
    } catch (err) {
      closeFd(this.rx);
      throw err;
    }
  }

  /** Calls `handler` for each packet of the protocol; other next headers (extension headers) are dropped. */
  onPacket(handler: (p: Ip6Packet) => void): void {
    this.receiver = new Receiver(
      this.rx,
      (buf, off, len) => {
        if (len < 40 || buf[off] >> 4 !== 6) return;
        const plen = (buf[off + 4] << 8) | buf[off + 5];
        const end = Math.min(off + len, off + 40 + plen);
        handler({
          source: addrFromBytes(buf, off + 8, 16),
          destination: addrFromBytes(buf, off + 24, 16),
          payload: Uint8Array.from(buf.subarray(off + 40, end)),
        });
      },
      () => undefined,
      { maxPacket: 9216, maxBatch: 32 },
    );
  }

  /** Sends `bytes` to `destination` out of this interface; bytes sent or -errno. */
  send(destination: string, bytes: Uint8Array): number {
    return this.tx.send(destination, this.index, bytes);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.receiver?.stop();
    closeFd(this.rx);
  }
}

/** The raw IPv6 socket a protocol sends with on every interface. */
export class Ip6SendSocket {
  readonly fd: number;
  sendErrors = 0;

  constructor(protocol: number) {
    this.fd = openSend6(protocol);
  }

  send(destination: string, scopeId: number, bytes: Uint8Array): number {
    const n = sendTo6(this.fd, bytesOf(destination), bytes, scopeId);
    if (n < 0) this.sendErrors++;
    return n;
  }

  close(): void {
    closeFd(this.fd);
  }
}

function bytesOf(addr: string): Uint8Array {
  const b = ipv6Bytes(addr);
  if (!b) throw new SysError('BAD_ADDRESS', `expected an IPv6 address, found '${addr}'`);
  return b;
}
