/**
 * The ESP SAs installed on a protected tunnel, per peer: the outbound SA in use (the newest child SA's) and
 * every inbound SA still valid (a rekeyed one stays until its childDown). Counters per peer survive rekeys,
 * for `show crypto ipsec sa` (pkts encaps/decaps, errors).
 */
import type { ChildSaView } from '../../ike/actions.js';
import { EspInbound, EspOutbound, type EspCipherFactory } from '../../ipsec/index.js';

/** One direction pair of a child SA, with its transform state. */
export interface InstalledChild {
  view: ChildSaView;
  out: EspOutbound;
  in: EspInbound;
  since: number;
}

/** Counters of one peer, across its SAs. */
export interface PeerEspCounters {
  encaps: number;
  decaps: number;
  /** Packets the tunnel wanted to send before an SA was up (dropped; IKE started). */
  noSa: number;
  /** Inbound ESP refused (unknown SPI, ICV, replay, trailer). */
  decryptFailed: number;
  replayed: number;
  sendErrors: number;
  /** NAT keepalives sent (RFC 3948 4). */
  natKeepalives: number;
}

/** One peer's SAs. */
export interface PeerSas {
  peer: string;
  /** The child SA outbound traffic uses. */
  current?: InstalledChild;
  /** Every installed child SA by inbound SPI. */
  children: Map<number, InstalledChild>;
  counters: PeerEspCounters;
}

const zero = (): PeerEspCounters => ({
  encaps: 0,
  decaps: 0,
  noSa: 0,
  decryptFailed: 0,
  replayed: 0,
  sendErrors: 0,
  natKeepalives: 0,
});

/** Installed SAs, by peer address and by inbound SPI. */
export class SaTable {
  readonly peers = new Map<string, PeerSas>();
  private readonly bySpi = new Map<number, PeerSas>();

  /** `cipher`: the crypto backend of the SAs installed (default node:crypto). */
  constructor(private readonly cipher?: EspCipherFactory) {}

  /** The peer's entry (made on first use, so counters can start before an SA). */
  peer(address: string): PeerSas {
    let p = this.peers.get(address);
    if (!p) {
      p = { peer: address, children: new Map(), counters: zero() };
      this.peers.set(address, p);
    }
    return p;
  }

  /** Installs a child SA; it becomes the outbound one. */
  install(peer: string, view: ChildSaView, now: number): InstalledChild {
    const p = this.peer(peer);
    const c: InstalledChild = {
      view,
      out: new EspOutbound(view.outbound, this.cipher),
      in: new EspInbound(view.inbound, undefined, this.cipher),
      since: now,
    };
    p.children.set(view.spiIn >>> 0, c);
    p.current = c;
    this.bySpi.set(view.spiIn >>> 0, p);
    return c;
  }

  /** Removes a child SA (by inbound SPI); the newest remaining one becomes outbound. */
  remove(peer: string, spiIn: number): InstalledChild | undefined {
    const p = this.peers.get(peer);
    const c = p?.children.get(spiIn >>> 0);
    if (!p || !c) return undefined;
    p.children.delete(spiIn >>> 0);
    this.bySpi.delete(spiIn >>> 0);
    if (p.current === c) p.current = [...p.children.values()].at(-1);
    return c;
  }

  /** Removes every SA of a peer (its IKE SA went down). */
  removePeer(peer: string): InstalledChild[] {
    const p = this.peers.get(peer);
    if (!p) return [];
    const gone = [...p.children.values()];
    for (const spi of p.children.keys()) this.bySpi.delete(spi);
    p.children.clear();
    p.current = undefined;
    return gone;
  }

  /** The peer and child that own an inbound SPI. */
  inbound(spi: number): { peer: PeerSas; child: InstalledChild } | undefined {
    const p = this.bySpi.get(spi >>> 0);
    const c = p?.children.get(spi >>> 0);
    return p && c ? { peer: p, child: c } : undefined;
  }
}
