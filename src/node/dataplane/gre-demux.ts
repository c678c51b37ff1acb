/**
 * Several tunnel interfaces on one raw GRE socket: a raw socket sees every GRE packet of the
 * namespace, so one socket is shared and packets are handed to the tunnel whose `tunnel key`
 * they carry (or to the tunnel without a key). Sends pass straight through.
 */
import type { NbmaSocket } from './ports.js';

/** Packets no tunnel claimed, by reason. */
export interface GreDemuxStats {
  noTunnel: number;
  truncated: number;
}

type Handler = (srcNbma: number, bytes: Uint8Array) => void;

/** Splits one NBMA socket into one NbmaSocket per tunnel key. */
export class GreDemux {
  readonly stats: GreDemuxStats = { noTunnel: 0, truncated: 0 };
  private readonly byKey = new Map<number, Handler>();
  private unkeyed: Handler | undefined;

  constructor(private readonly socket: NbmaSocket) {
    socket.onPacket((src, bytes) => this.dispatch(src, bytes));
  }

  /** The socket a tunnel with this key (undefined: no key) uses; throws if that key is taken. */
  tunnel(key: number | undefined): NbmaSocket {
    const { socket } = this;
    const register = (h: Handler): void => {
      if (key === undefined ? this.unkeyed !== undefined : this.byKey.has(key)) {
        throw new Error(`GRE demux: a tunnel with ${key === undefined ? 'no key' : `key ${key}`} is already registered`);
      }
      if (key === undefined) this.unkeyed = h;
      else this.byKey.set(key >>> 0, h);
    };
    return {
      headroom: socket.headroom,
      send: (dst, bytes) => socket.send(dst, bytes),
      onPacket: register,
    };
  }

  private dispatch(src: number, b: Uint8Array): void {
    if (b.length < 4) return void this.stats.truncated++;
    let h: Handler | undefined;
    if (b[0] & 0x20) {
      const at = b[0] & 0x80 ? 8 : 4;
      if (b.length < at + 4) return void this.stats.truncated++;
      h = this.byKey.get(((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0);
    } else {
      h = this.unkeyed;
    }
    if (h === undefined) return void this.stats.noTunnel++;
    h(src, b);
  }
}
