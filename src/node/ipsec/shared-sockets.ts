/**
 * `tunnel protection ipsec profile P shared`: several mGRE tunnels on one tunnel source (IOS dual cloud:
 * Tunnel0 and Tunnel1 with different tunnel keys) share one IPsec SA database, that is one IpsecSocket — one IKE
 * engine on UDP 500/4500 and one ESP socket — per source address. An SA to a peer is negotiated once and used by
 * every sharing tunnel's GRE; GRE opened from ESP goes to the tunnel whose `tunnel key` it carries.
 *
 * Each tunnel holds an IpsecLease (what its SwitchedSocket sends through); the socket closes with its last lease.
 */
import { isDeepStrictEqual } from 'node:util';
import type { RawSocketStats } from '../sys/raw-socket.js';
import { parseGreHeader } from '../dataplane/gre-header.js';
import type { IpsecSocket } from './ipsec-socket.js';
import type { ProtectionPlan } from './ike-config.js';

/** parseGreHeader's answers for a key that is not this tunnel's (missing, other, unexpected). */
const OTHER_KEY = new Set([-4, -5, -6]);

interface Entry {
  socket: IpsecSocket;
  plan: ProtectionPlan;
  leases: Set<IpsecLease>;
}

/** One tunnel's use of a shared IpsecSocket. */
export class IpsecLease {
  private handler: ((src: number, bytes: Uint8Array) => void) | undefined;

  constructor(
    readonly socket: IpsecSocket,
    /** The tunnel that holds the lease (Tunnel1). */
    readonly tunnel: string,
    /** The tunnel's GRE key now (read on each packet, so a `tunnel key` change needs no new lease). */
    readonly key: () => number | undefined,
    private readonly release: (lease: IpsecLease) => void,
  ) {}

  get stats(): RawSocketStats {
    return this.socket.stats;
  }

  send(dst: number, bytes: Uint8Array): number {
    return this.socket.send(dst, bytes);
  }

  onPacket(handler: (src: number, bytes: Uint8Array) => void): void {
    this.handler = handler;
  }

  /** Whether GRE `bytes` carries this tunnel's key (or no key when the tunnel has none). */
  takes(bytes: Uint8Array): boolean {
    return !OTHER_KEY.has(parseGreHeader(bytes, this.key()));
  }

  /** Hands opened GRE to the tunnel. */
  deliver(src: number, bytes: Uint8Array): void {
    this.handler?.(src, bytes);
  }

  close(): void {
    this.release(this);
  }
}

/** The router's shared IPsec sockets, by tunnel source address. */
export class SharedIpsecSockets {
  private readonly bySource = new Map<string, Entry>();

  /**
   * A lease on the socket of `source`, opened with `open()` when there is none. Undefined when the source's socket
   * runs another protection plan (IOS requires one profile per shared source; the caller opens its own).
   */
  acquire(
    source: string,
    plan: ProtectionPlan,
    tunnel: string,
    key: () => number | undefined,
    open: () => IpsecSocket,
  ): IpsecLease | undefined {
    let e = this.bySource.get(source);
    if (e && !isDeepStrictEqual(e.plan, plan)) return undefined;
    if (!e) {
      const socket = open();
      const entry: Entry = { socket, plan, leases: new Set() };
      socket.onPacket((src, bytes) => this.demux(entry, src, bytes));
      this.bySource.set(source, entry);
      e = entry;
    }
    const entry = e;
    const lease = new IpsecLease(entry.socket, tunnel, key, (l) => this.release(source, entry, l));
    entry.leases.add(lease);
    return lease;
  }

  /** The tunnels sharing the socket of `source`, in the order they joined. */
  tunnels(source: string): string[] {
    return [...(this.bySource.get(source)?.leases ?? [])].map((l) => l.tunnel);
  }

  /** GRE to the tunnel with its key; a packet no tunnel's key matches goes to the first, whose data plane counts it. */
  private demux(e: Entry, src: number, bytes: Uint8Array): void {
    let first: IpsecLease | undefined;
    for (const l of e.leases) {
      first ??= l;
      if (l.takes(bytes)) return l.deliver(src, bytes);
    }
    first?.deliver(src, bytes);
  }

  private release(source: string, e: Entry, lease: IpsecLease): void {
    if (!e.leases.delete(lease) || e.leases.size > 0) return;
    if (this.bySource.get(source) === e) this.bySource.delete(source);
    e.socket.close();
  }
}
