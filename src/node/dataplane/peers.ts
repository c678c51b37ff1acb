/** The NBMA peers a tunnel has exchanged traffic with: their tunnel address, source MAC and counters. */
import { formatIpv4 } from '../../wire/ipv4-addr.js';
import type { PeerCounters } from './counters.js';
import { nbmaMac, tunnelMac } from './mac.js';
import { IPV4_NBMA, type NbmaCodec } from './nbma-book.js';

/** One NBMA peer. `mac` is the source MAC of frames from it: its tunnel address's, or its NBMA's. */
export interface Peer {
  readonly nbma: number;
  tunnelAddr: number | undefined;
  mac: Uint8Array;
  /** When the reverse lookup (NBMA → tunnel address) was last tried, ms. */
  lookedUpAt: number;
  readonly counters: PeerCounters;
}

/** Peers by NBMA address (number and text), bounded at `maxPeers`; text forms of addresses cached. */
export class PeerTable {
  private readonly byNum = new Map<number, Peer>();
  private readonly byText = new Map<string, Peer>();
  private readonly text = new Map<number, string>();

  constructor(
    private readonly maxPeers = 4096,
    /** NBMA number ↔ text (IPv4 addresses, or an IPv6 NBMA's handles). */
    readonly nbma: NbmaCodec = IPV4_NBMA,
  ) {}

  /** The peer at this NBMA address, created on first sight (untracked, its counters not kept, when the table is full). */
  get(nbma: number): Peer {
    const p = this.byNum.get(nbma);
    if (p !== undefined) return p;
    const nbmaText = this.nbmaText(nbma);
    const peer: Peer = {
      nbma,
      tunnelAddr: undefined,
      mac: nbmaMac(nbma),
      lookedUpAt: -Infinity,
      counters: {
        nbma: nbmaText,
        packetsIn: 0,
        bytesIn: 0,
        packetsOut: 0,
        bytesOut: 0,
        nhrpIn: 0,
        nhrpOut: 0,
        lastIn: 0,
        lastOut: 0,
      },
    };
    if (this.byNum.size < this.maxPeers) {
      this.byNum.set(nbma, peer);
      this.byText.set(nbmaText, peer);
    }
    return peer;
  }

  /** The peer for an NBMA address in text form; undefined when it is not an address of the NBMA's family. */
  getText(nbma: string): Peer | undefined {
    const p = this.byText.get(nbma);
    if (p !== undefined) return p;
    const n = this.nbma.number(nbma);
    return n === undefined ? undefined : this.get(n);
  }

  /** Records the peer's tunnel address (from a resolution or a reverse lookup). */
  learn(peer: Peer, tunnelAddr: number): void {
    if (peer.tunnelAddr === tunnelAddr) return;
    peer.tunnelAddr = tunnelAddr;
    peer.mac = tunnelMac(tunnelAddr);
    peer.counters.tunnelAddr = this.addrText(tunnelAddr);
  }

  /** Text of an NBMA number (over IPv4 the cached dotted quad). */
  nbmaText(nbma: number): string {
    return this.nbma.family === 'ipv4' ? this.addrText(nbma) : this.nbma.text(nbma);
  }

  /** Dotted quad of an address, cached (bounded) so hot paths do not build strings. */
  addrText(addr: number): string {
    let s = this.text.get(addr);
    if (s === undefined) {
      if (this.text.size >= 4 * this.maxPeers) this.text.clear();
      s = formatIpv4(addr);
      this.text.set(addr, s);
    }
    return s;
  }

  /** Copies of every peer's counters, in NBMA order. */
  list(): PeerCounters[] {
    return [...this.byNum.values()].sort((a, b) => a.nbma - b.nbma).map((p) => ({ ...p.counters }));
  }
}
