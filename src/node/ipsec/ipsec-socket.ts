/**
 * The NBMA socket of a protected tunnel (`tunnel protection ipsec profile`): the data plane's GRE goes in
 * and out through here as ESP in transport mode (RFC 4303: outer IPv4, ESP, GRE; Next Header 47; with
 * `mode tunnel`: outer IPv4, ESP, inner IPv4 between the NBMA addresses, GRE; Next Header 4), on a raw
 * socket for IP protocol 50, or in UDP 4500 (RFC 3948) when the IKE SA found a NAT. Over an IPv6 NBMA
 * (a tunnel source that is IPv6) the same with outer IPv6 (next header 50; tunnel mode: inner IPv6, Next
 * Header 41) on a raw IPv6 socket and IKE on UDP/IPv6; peers are then the handles of the tunnel's
 * Ipv6NbmaBook, as on its plain GRE socket. IKE runs on UDP 500
 * and 4500 bound to the tunnel source, driven by an IkeEngine (IKEv2, src/ike/) or an Ikev1Engine (IKEv1,
 * src/ikev1/, for a profile without `set ikev2-profile`); both return the same actions. No GRE ever leaves
 * in the clear:
 * a packet to a peer without a child SA starts IKE with that peer and is dropped, as IOS does (the
 * NHRP retransmission that follows goes once the SA is up).
 *
 *   sockets: { esp: IP 50 raw socket (IPv4 or IPv6), ike500, ike4500: UDP } opened by open(), or fakes in tests.
 */
import dgram from 'node:dgram';
import type { IkeAction } from '../../ike/actions.js';
import type { IkeEngineConfigInput } from '../../ike/config.js';
import { IkeEngine } from '../../ike/engine.js';
import { ikev2DecryptionLine } from '../../ike/wireshark.js';
import type { IkeSnapshot } from '../../ike/snapshot.js';
import { Ikev1Engine, type Ikev1ConfigInput, type IsakmpSnapshot } from '../../ikev1/index.js';
import { EspError, type EspCipherFactory, type EspOpened, espSaUatLine } from '../../ipsec/index.js';
import { encodeIpv4 } from '../../wire/ipv4.js';
import { canonicalIpv6 } from '../../wire/ipv6-addr.js';
import { encodeIpv6 } from '../../wire/ipv6.js';
import { IPV4_NBMA, type Ipv6NbmaBook, type NbmaCodec } from '../dataplane/nbma-book.js';
import type { NbmaSocket } from '../dataplane/ports.js';
import { nativeEspCipher } from '../sys/esp-cipher.js';
import { RawSocket, type RawSocketStats } from '../sys/raw-socket.js';
import { RawSocket6 } from '../sys/raw-socket6.js';
import { SaTable, type PeerSas } from './sa-table.js';
import { transformText } from './view.js';

const hex8 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
const GRE = 47;
const NAT_KEEPALIVE = Uint8Array.of(0xff);
/** Refused ESP is logged at most this often per peer and reason. */
const LOG_EVERY_MS = 10_000;
const IPV4 = 4;
const IPV6 = 41;
const EAGAIN = -11;
/** How long after starting IKE with a peer before traffic may start it again. */
const RETRY_MS = 10_000;
/**
 * GRE handed to the data plane is decrypted in place: SPI, sequence number and IV (16 bytes with AES-GCM, 24 with
 * AES-CBC; more in tunnel mode) lie before it in the same buffer, free to be written over.
 */
const HEADROOM = 16;
/** Packets held per peer while IKE comes up. */
const HELD_PACKETS = 4;

/** What the socket needs from its tunnel. */
export interface IpsecSocketDeps {
  clock: () => number;
  log: (line: string) => void;
  /** A `debug crypto ikev2|ipsec` line (shown to debug subscribers only). */
  debug?: (line: string) => void;
  /** The engine's deadlines may have moved. */
  kick: () => void;
  /**
   * Appends Wireshark UAT lines: `esp_sa` (one per SA direction) when child SAs come up,
   * `ikev2_decryption_table` when IKE SAs do; a `#` comment line when one goes down.
   */
  keyLog?: (table: KeyTable, lines: string[]) => void;
  /** NAT keepalives (one 0xFF byte on UDP 4500, RFC 3948 4) every this many ms to idle peers behind a NAT. */
  natKeepaliveMs?: number;
  /** The ESP crypto backend (default: the addon's OpenSSL contexts when built, else node:crypto). */
  espCipher?: EspCipherFactory;
  /** Over an IPv6 NBMA: the handles peers are known by, shared with the tunnel's data plane (required then). */
  book?: Ipv6NbmaBook;
}

/** The Wireshark UAT tables the key log feeds. */
export type KeyTable = 'esp_sa' | 'ikev1_decryption_table' | 'ikev2_decryption_table';

/** The datagram side: UDP 500 and 4500 on the tunnel source. */
export interface UdpPort {
  send(bytes: Uint8Array, port: number, address: string): void;
  close(): void;
}

/** A tunnel's NBMA socket with IPsec. */
export class IpsecSocket implements NbmaSocket {
  readonly headroom = HEADROOM;
  readonly engine: IkeEngine | Ikev1Engine;
  readonly sas: SaTable;
  readonly stats: RawSocketStats = { sendErrors: 0, readErrors: 0, malformed: 0, lastErrno: 0 };
  private handler: ((src: number, bytes: Uint8Array) => void) | undefined;
  private readonly initiated = new Map<string, number>();
  private esp: { send(dst: number, bytes: Uint8Array): number; close(): void } | undefined;
  private readonly udp = new Map<number, UdpPort>();
  private closed = false;
  private keepaliveAt: number | undefined;
  private readonly lastRefusal = new Map<string, number>();
  private readonly lastEncaps = new Map<string, number>();
  private ipId = 0;
  /** Packets waiting for a peer's first child SA. */
  private readonly held = new Map<string, Array<{ dst: number; bytes: Uint8Array }>>();
  /** NBMA numbers ↔ text: IPv4 addresses, or the book's handles over an IPv6 NBMA. */
  private readonly nbma: NbmaCodec;

  constructor(
    readonly local: string,
    config: IkeEngineConfigInput,
    private readonly deps: IpsecSocketDeps,
    ikev1?: Ikev1ConfigInput,
  ) {
    this.sas = new SaTable(deps.espCipher ?? nativeEspCipher());
    if (local.includes(':') && !deps.book) throw new TypeError(`IPsec on ${local}: an IPv6 NBMA needs its book`);
    this.nbma = local.includes(':') ? deps.book! : IPV4_NBMA;
    if (ikev1) {
      const v1 = new Ikev1Engine(ikev1, { debug: deps.debug !== undefined });
      const log = deps.keyLog;
      if (log) {
        const h = (b: Uint8Array) => Buffer.from(b).toString('hex');
        // Wireshark's UAT: byte fields unquoted (a quoted cookie fails to load: "must be 8 octets").
        v1.onKeys = (k) => log('ikev1_decryption_table', [`${h(k.initiatorCookie)},${h(k.encryptionKey)}`]);
      }
      this.engine = v1;
    } else this.engine = new IkeEngine(config, { debug: deps.debug !== undefined });
    if (deps.natKeepaliveMs && !ikev1) this.keepaliveAt = deps.clock() + deps.natKeepaliveMs;
  }

  /** The IKE version the tunnel runs. */
  get ikeVersion(): 1 | 2 {
    return this.engine instanceof Ikev1Engine ? 1 : 2;
  }

  /** Opens the ESP raw socket and the IKE UDP sockets on `local` (throws when the raw socket cannot open). */
  open(): void {
    const v6 = this.nbma !== IPV4_NBMA;
    const esp = v6
      ? RawSocket6.open({ protocol: 50, bind: this.local, book: this.deps.book! })
      : RawSocket.open({ protocol: 50, bind: this.local });
    this.esp = esp;
    esp.onPacket((src, bytes) => this.receiveEsp(src, bytes));
    for (const port of [500, 4500]) {
      const s = dgram.createSocket({ type: v6 ? 'udp6' : 'udp4', reuseAddr: true });
      s.on('error', (err) => this.deps.log(`%CRYPTO-3-SOCKET: UDP ${this.local}:${port}: ${err.message}`));
      s.on('message', (msg, rinfo) =>
        this.fromUdp(port, new Uint8Array(msg.buffer, msg.byteOffset, msg.length), rinfo),
      );
      s.bind({ address: this.local, port });
      this.udp.set(port, {
        send: (bytes, p, a) => s.send(bytes, p, a, (err) => err && this.sendFailed(err)),
        close: () => s.close(),
      });
    }
  }

  onPacket(handler: (src: number, bytes: Uint8Array) => void): void {
    this.handler = handler;
  }

  /**
   * GRE to a peer: sealed on its child SA; with none yet, IKE is started and the packet held (the last
   * HELD_PACKETS per peer, sent when the SA comes up, dropped when IKE fails), so a Registration Request
   * goes as soon as the SA is up instead of waiting for NHRP's next retransmission.
   */
  send(dst: number, bytes: Uint8Array): number {
    const peerText = this.nbma.text(dst);
    const p = this.sas.peer(peerText);
    const c = p.current;
    if (!c) {
      p.counters.noSa++;
      const q = this.held.get(peerText) ?? [];
      q.push({ dst, bytes: bytes.slice() });
      if (q.length > HELD_PACKETS) q.shift();
      this.held.set(peerText, q);
      this.startIke(peerText);
      return EAGAIN;
    }
    let sealed: Uint8Array;
    try {
      sealed =
        c.view.mode !== 'tunnel'
          ? c.out.seal(bytes, GRE)
          : this.nbma === IPV4_NBMA
            ? c.out.seal(this.innerIpv4(peerText, bytes), IPV4)
            : c.out.seal(this.innerIpv6(peerText, bytes), IPV6);
    } catch (err) {
      if (err instanceof EspError) this.run((now) => this.engine.rekeyChild(now, peerText));
      p.counters.sendErrors++;
      return EAGAIN;
    }
    p.counters.encaps++;
    const encap = c.view.encap;
    if (encap) {
      this.udp.get(4500)?.send(sealed, encap.peerPort, peerText);
      return bytes.length;
    }
    if (!this.esp) return -9;
    const n = this.esp.send(dst, sealed);
    if (n < 0) p.counters.sendErrors++;
    return n < 0 ? n : bytes.length;
  }

  /** The engine's timers, and the NAT keepalives. */
  tick(now: number): void {
    if (this.keepaliveAt !== undefined && now >= this.keepaliveAt) this.natKeepalives(now);
    const e = this.engine.nextDeadline();
    if (e !== undefined && e <= now) this.carryOut(this.engine.tick(now));
  }

  nextDeadline(): number | undefined {
    const e = this.engine.nextDeadline();
    const k = this.keepaliveAt;
    return e === undefined ? k : k === undefined ? e : Math.min(e, k);
  }

  /**
   * RFC 3948 4: a peer behind a NAT keeps the NAT's mapping alive with one 0xFF byte on UDP 4500, sent only
   * when no ESP went to that peer since the last keepalive time (as IOS `crypto ikev2 nat keepalive`).
   */
  private natKeepalives(now: number): void {
    const every = this.deps.natKeepaliveMs!;
    this.keepaliveAt = now + every;
    if (this.engine instanceof Ikev1Engine) return;
    for (const sa of this.engine.snapshot(now).sas) {
      if (sa.status !== 'READY' || !sa.nat.local) continue;
      const [address, port] = sa.remote.split('/');
      const p = this.sas.peer(address!);
      const sent = p.counters.encaps;
      if (this.lastEncaps.get(address!) === sent) {
        this.udp.get(4500)?.send(NAT_KEEPALIVE, Number(port), address!);
        p.counters.natKeepalives++;
      }
      this.lastEncaps.set(address!, sent);
    }
  }

  /** `show crypto ikev2 sa` data (none on an IKEv1 tunnel). */
  snapshot(): IkeSnapshot {
    if (this.engine instanceof Ikev1Engine) return { sas: [], counters: {} };
    return this.engine.snapshot(this.deps.clock());
  }

  /** `show crypto isakmp sa` data (IKEv1 tunnels only). */
  isakmpSnapshot(): IsakmpSnapshot | undefined {
    return this.engine instanceof Ikev1Engine ? this.engine.snapshot(this.deps.clock()) : undefined;
  }

  /** `clear crypto isakmp [conn-id]`: Deletes sent, ISAKMP SAs and their IPsec SAs gone (IKEv1 only). */
  clearIsakmp(connId?: number): void {
    const e = this.engine;
    if (e instanceof Ikev1Engine) this.run((now) => e.clear(now, connId));
  }

  /** Per peer SAs and counters (`show crypto ipsec sa`). */
  peers(): PeerSas[] {
    return [...this.sas.peers.values()];
  }

  /** `clear crypto session|sa [peer]`: the IKE SAs (with `peer`, or all) deleted, DELETE sent, children with them. */
  clear(peer?: string): number {
    let n = 0;
    for (const p of this.sas.peers.keys()) {
      if (peer !== undefined && p !== peer) continue;
      try {
        this.run((now) => this.engine.deleteIke(now, p));
        this.initiated.delete(p);
        n++;
      } catch {
        // no established SA with that peer
      }
    }
    return n;
  }

  close(): void {
    if (this.closed) return;
    this.clear();
    this.closed = true;
    this.esp?.close();
    for (const u of this.udp.values()) u.close();
    this.udp.clear();
  }

  /** Uses in-memory ports instead of sockets (tests): ESP out, and UDP out per local port. */
  attachPorts(esp: { send(dst: number, bytes: Uint8Array): number; close(): void }, udp: Map<number, UdpPort>): void {
    this.esp = esp;
    for (const [port, u] of udp) this.udp.set(port, u);
  }

  /** ESP (IP protocol 50, the IP header stripped) from `src`; decrypted in place (`bytes` is written over). */
  receiveEsp(src: number, bytes: Uint8Array): void {
    this.fromEsp(src, bytes, undefined);
  }

  /** Feeds the engine a datagram that came in on UDP 500 or 4500. */
  receiveUdp(port: number, bytes: Uint8Array, from: { address: string; port: number }): void {
    this.fromUdp(port, bytes, from);
  }

  /** Feeds the engine a datagram that came in on UDP 500 or 4500. */
  receiveIke(port: number, bytes: Uint8Array, from: { address: string; port: number }): void {
    this.run((now) => this.engine.receive(now, bytes, from, port));
  }

  private fromUdp(port: number, bytes: Uint8Array, rinfo: { address: string; port: number }): void {
    // the engine and the SA table know IPv6 peers by their canonical text (RFC 5952), as the book does
    const address = rinfo.address.includes(':') ? (canonicalIpv6(rinfo.address) ?? rinfo.address) : rinfo.address;
    if (port === 4500 && bytes.length >= 8 && (bytes[0] | bytes[1] | bytes[2] | bytes[3]) !== 0) {
      const src = this.nbma.number(address);
      if (src !== undefined) this.fromEsp(src, bytes, rinfo.port);
      return;
    }
    if (port === 4500 && bytes.length === 1 && bytes[0] === 0xff) return; // NAT-keepalive
    this.receiveIke(port, bytes, { address, port: rinfo.port });
  }

  /** ESP from `src` (raw IP 50, or UDP 4500 from `udpPort`): opened on its SA, GRE handed to the data plane. */
  private fromEsp(src: number, bytes: Uint8Array, udpPort: number | undefined): void {
    if (bytes.length < 8) return void this.stats.malformed++;
    const spi = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
    const found = this.sas.inbound(spi);
    const srcText = this.nbma.text(src);
    if (!found || found.peer.peer !== srcText) {
      this.sas.peer(srcText).counters.decryptFailed++;
      this.refused(
        srcText,
        'INV_SPI',
        `%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=${this.local}, ` +
          `prot=50, spi=${hex8(spi)}(${spi}), srcaddr=${srcText}`,
      );
      return;
    }
    const { peer, child } = found;
    let opened: EspOpened;
    try {
      opened = child.in.open(bytes, true);
    } catch (err) {
      const seq = ((bytes[4] << 24) | (bytes[5] << 16) | (bytes[6] << 8) | bytes[7]) >>> 0;
      const code = err instanceof EspError ? err.code : 'MALFORMED';
      if (code === 'REPLAYED') peer.counters.replayed++;
      else peer.counters.decryptFailed++;
      const text =
        code === 'REPLAYED'
          ? `%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=${child.view.spiIn >>> 0}, ` +
            `sequence number=${seq} (from ${srcText})`
          : code === 'ICV_MISMATCH'
            ? `%CRYPTO-4-RECVD_PKT_MAC_ERR: decrypt: mac verify failed for connection id=${child.view.spiIn >>> 0} ` +
              `sequence number=${seq} (from ${srcText})`
            : `%CRYPTO-4-RECVD_PKT_NOT_IPSEC: decaps: ESP from ${srcText} refused: ${(err as Error).message}`;
      this.refused(srcText, code, text);
      return;
    }
    void udpPort;
    peer.counters.decaps++;
    let gre = opened.payload;
    if (opened.nextHeader === IPV4) {
      // tunnel mode: the inner IPv4 header between the two NBMA addresses, then GRE
      const ihl = (gre[0] & 0x0f) << 2;
      if (gre.length < 20 || gre[0] >> 4 !== 4 || ihl < 20 || gre[9] !== GRE) return;
      gre = gre.subarray(ihl, Math.min(gre.length, (gre[2] << 8) | gre[3]));
    } else if (opened.nextHeader === IPV6) {
      // tunnel mode over IPv6: the inner IPv6 header (no extension headers), then GRE
      if (gre.length < 40 || gre[0] >> 4 !== 6 || gre[6] !== GRE) return;
      gre = gre.subarray(40, Math.min(gre.length, 40 + ((gre[4] << 8) | gre[5])));
    } else if (opened.nextHeader !== GRE) return;
    this.handler?.(src, gre);
  }

  /**
   * Logs a refused ESP packet IOS-style, at most once per peer and reason every LOG_EVERY_MS (the counters count
   * every one); the debug line goes out every time.
   */
  private refused(peer: string, code: string, text: string): void {
    this.deps.debug?.(`IPSEC(decaps): ${text.replace(/^%[A-Z0-9_-]+: /, '')}`);
    const key = `${peer}|${code}`;
    const now = this.deps.clock();
    const last = this.lastRefusal.get(key);
    if (last !== undefined && now - last < LOG_EVERY_MS) return;
    this.lastRefusal.set(key, now);
    this.deps.log(text);
  }

  /** Tunnel mode (RFC 4303 3.1.2): GRE in an inner IPv4 header from our NBMA address to the peer's. */
  private innerIpv4(peer: string, gre: Uint8Array): Uint8Array {
    return encodeIpv4({
      tos: 0,
      totalLength: 0,
      id: this.nextIpId(),
      flags: 0,
      fragmentOffset: 0,
      ttl: 255,
      protocol: GRE,
      checksum: 0,
      src: this.local,
      dst: peer,
      options: new Uint8Array(0),
      payload: gre,
    });
  }

  /** Tunnel mode over IPv6: GRE in an inner IPv6 header from our NBMA address to the peer's. */
  private innerIpv6(peer: string, gre: Uint8Array): Uint8Array {
    return encodeIpv6(this.local, peer, GRE, 255, gre);
  }

  private nextIpId(): number {
    this.ipId = (this.ipId + 1) & 0xffff;
    return this.ipId;
  }

  private startIke(peer: string): void {
    const now = this.deps.clock();
    const at = this.initiated.get(peer);
    if (at !== undefined && now - at < RETRY_MS) return;
    this.initiated.set(peer, now);
    try {
      this.run(() => this.engine.initiate(now, peer));
    } catch (err) {
      const v = this.ikeVersion === 1 ? 'IKEv1' : 'IKEv2';
      this.deps.log(`%CRYPTO-4-NO_PEER: cannot start ${v} with ${peer}: ${(err as Error).message}`);
    }
  }

  private run(input: (now: number) => IkeAction[]): void {
    this.carryOut(input(this.deps.clock()));
  }

  private carryOut(actions: IkeAction[]): void {
    const now = this.deps.clock();
    for (const a of actions) {
      switch (a.kind) {
        case 'send':
          this.udp.get(a.localPort)?.send(a.bytes, a.to.port, a.to.address);
          break;
        case 'childUp': {
          this.sas.install(a.peer, a.child, now);
          this.initiated.delete(a.peer);
          const q = this.held.get(a.peer);
          this.held.delete(a.peer);
          if (q) queueMicrotask(() => q.forEach((x) => this.send(x.dst, x.bytes)));
          for (const [dir, sa, dst] of [
            ['inbound', a.child.inbound, this.local],
            ['outbound', a.child.outbound, a.peer],
          ] as const)
            this.deps.debug?.(
              `IPSEC(create_sa): sa created, (sa) sa_dest= ${dst}, sa_proto= 50, sa_spi= ${hex8(sa.spi)}(${sa.spi >>> 0}), ` +
                `sa_trans= ${transformText(a.child.algorithms)} , sa_conn_id= ${a.child.spiIn >>> 0} (${dir}, ${a.child.mode})`,
            );
          this.deps.keyLog?.('esp_sa', [
            espSaUatLine(a.child.outbound, this.local, a.peer),
            espSaUatLine(a.child.inbound, a.peer, this.local),
          ]);
          break;
        }
        case 'childDown':
          this.sas.remove(a.peer, a.spiIn);
          this.deps.debug?.(
            `IPSEC(delete_sa): deleting SA, (sa) sa_dest= ${a.peer}, sa_proto= 50, sa_spi= ${hex8(a.spiOut)}(${a.spiOut >>> 0}), ` +
              `reason: ${a.reason}`,
          );
          this.deps.keyLog?.('esp_sa', [
            `# ${this.local}<->${a.peer} SPIs ${hex8(a.spiIn)}/${hex8(a.spiOut)} down: ${a.reason}`,
          ]);
          break;
        case 'ikeUp':
          if (a.keys) this.deps.keyLog?.('ikev2_decryption_table', [ikev2DecryptionLine(a.keys)]);
          break;
        case 'ikeDown': // its children went down first (childDown each)
          this.initiated.delete(a.peer);
          this.held.delete(a.peer);
          break;
        case 'log':
          this.deps.log(a.text);
          break;
        case 'event':
          this.deps.debug?.(a.text);
          break;
        default:
          break;
      }
    }
    this.deps.kick();
  }

  private sendFailed(err: Error): void {
    this.stats.sendErrors++;
    this.deps.log(`%CRYPTO-3-SEND: ${err.message}`);
  }
}
