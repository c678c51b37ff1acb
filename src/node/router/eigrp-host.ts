/**
 * EIGRP in dmvpnd: one EigrpEngine for the router's `router eigrp` process, fed by raw IPv4 sockets
 * for protocol 88 in the router's namespace, its timers run by the router's scheduler, its routes a
 * RouteSource of the routing table.
 *
 * Sockets, the same for Ethernet and Tunnel interfaces (a tunnel is a TAP device: the kernel sends
 * 224.0.0.10 out tunN like any multicast, and the data plane replicates it along the
 * `ip nhrp map multicast` entries; EIGRP inside GRE arrives written into the TAP):
 * - one unbound receive socket, a member of 224.0.0.10 on every interface EIGRP speaks on; the
 *   interface of a packet is the one whose subnet holds its source;
 * - one send socket per interface, bound to the interface address: the kernel sends multicast out
 *   the interface that owns a bound source (TTL 1), unicast by the route to the neighbor.
 */
import { EIGRP_MULTICAST, EigrpEngine, type Action, type EigrpConfigInput } from '../../eigrp/index.js';
import { networkBits, parseIpv4, formatIpv4 } from '../../wire/ipv4-addr.js';
import type { RouterConfig } from '../config/model.js';
import { EigrpSource } from '../rib/eigrp.js';
import type { EigrpView } from '../show/eigrp.js';
import { joinGroup } from '../sys/native.js';
import { RawSocket } from '../sys/raw-socket.js';
import { eigrpInput } from './eigrp-config.js';
import { describeError } from './errors.js';

const PROTO_EIGRP = 88;

/** What the host needs from the router. */
export interface EigrpHostDeps {
  clock: () => number;
  info: (line: string) => void;
  debug: (line: string) => void;
  /** Re-read deadlines (the scheduler). */
  kick: () => void;
}

interface Link {
  name: string;
  address: string;
  net: number;
  prefixLength: number;
  tx: RawSocket;
}

/** The EIGRP process of a router and its sockets. */
export class EigrpHost {
  readonly source: EigrpSource;
  private engine: EigrpEngine | undefined;
  private rx: RawSocket | undefined;
  private readonly links = new Map<string, Link>();
  private readonly joined = new Set<string>();
  private devices = new Map<string, string>();

  constructor(private readonly deps: EigrpHostDeps) {
    this.source = new EigrpSource((i) => this.devices.get(i), deps.clock);
  }

  /** Starts, reconfigures or stops the engine for `config`; returns problems to report. */
  sync(config: RouterConfig): string[] {
    this.devices = new Map(Object.values(config.interfaces).map((i) => [i.name, i.linuxName]));
    const input = eigrpInput(config);
    const now = this.deps.clock();
    if (!input) {
      this.close();
      return [];
    }
    const problems: string[] = [];
    try {
      this.openSockets(input, problems);
    } catch (err) {
      this.close();
      return [`%EIGRP-3-SOCKET: ${describeError(err)}`];
    }
    if (!this.engine) {
      this.engine = new EigrpEngine(input);
      this.run(this.engine.tick(now));
    } else this.run(this.engine.configure(now, input));
    this.deps.kick();
    return problems;
  }

  nextDeadline(): number | undefined {
    return this.engine?.nextDeadline();
  }

  tick(now: number): void {
    if (this.engine) this.run(this.engine.tick(now));
  }

  /** What `show ip eigrp …` reads; undefined when no process runs. */
  view(now: number): EigrpView | undefined {
    const e = this.engine;
    return e ? { snapshot: e.snapshot(now), config: e.config } : undefined;
  }

  /**
   * Says goodbye to the neighbors (as `shutdown` does), closes the sockets and withdraws every route;
   * true when an engine was running (a goodbye went out).
   */
  close(): boolean {
    const e = this.engine;
    if (e) {
      try {
        this.run(e.configure(this.deps.clock(), { ...e.config, shutdown: true }));
      } catch (err) {
        this.deps.info(`%EIGRP-3-STOP: ${describeError(err)}`);
      }
    }
    this.engine = undefined;
    this.rx?.close();
    this.rx = undefined;
    for (const l of this.links.values()) l.tx.close();
    this.links.clear();
    this.joined.clear();
    this.source.clear();
    this.source.commit();
    return e !== undefined;
  }

  private openSockets(input: EigrpConfigInput, problems: string[]): void {
    if (!this.rx) {
      const rx = RawSocket.open({ protocol: PROTO_EIGRP, batchSends: false, bufferBytes: 1 << 20 });
      this.rx = rx;
      rx.onPacket((src, payload) => this.onPacket(src, payload));
    }
    const wanted = new Set<string>();
    for (const i of input.interfaces) {
      const key = `${i.name}|${i.address}/${i.prefixLength}`;
      wanted.add(i.name);
      const old = this.links.get(i.name);
      if (old && `${old.name}|${old.address}/${old.prefixLength}` === key) continue;
      old?.tx.close();
      this.links.delete(i.name);
      let tx: RawSocket;
      try {
        tx = RawSocket.open({ protocol: PROTO_EIGRP, bind: i.address, batchSends: false, bufferBytes: 1 << 20 });
      } catch (err) {
        // The address is not on the device (a tunnel whose TAP failed): EIGRP stays off that interface.
        problems.push(`%EIGRP-4-SOCKET: ${i.name}: ${describeError(err)}`);
        continue;
      }
      const net = networkBits(parseIpv4(i.address)!, i.prefixLength);
      this.links.set(i.name, { name: i.name, address: i.address, net, prefixLength: i.prefixLength, tx });
    }
    for (const [name, l] of this.links) {
      if (wanted.has(name)) continue;
      l.tx.close();
      this.links.delete(name);
    }
    for (const l of this.links.values()) {
      const key = `${l.name}|${l.address}`;
      if (this.joined.has(key)) continue;
      try {
        joinGroup(this.rx.fd, parseIpv4(EIGRP_MULTICAST)!, parseIpv4(l.address)!);
        this.joined.add(key);
      } catch (err) {
        problems.push(`%EIGRP-4-JOIN: ${l.name}: ${describeError(err)}`);
      }
    }
  }

  private onPacket(src: number, payload: Uint8Array): void {
    const engine = this.engine;
    if (!engine) return;
    let link: Link | undefined;
    for (const l of this.links.values()) {
      if (parseIpv4(l.address) === src) return; // our own multicast
      if (networkBits(src, l.prefixLength) === l.net && (!link || l.prefixLength > link.prefixLength)) link = l;
    }
    if (!link) return;
    const bytes = Uint8Array.from(payload);
    this.run(engine.receive(this.deps.clock(), { interface: link.name, source: formatIpv4(src), bytes }));
    this.deps.kick();
  }

  private run(actions: Action[]): void {
    let routes = false;
    for (const a of actions) {
      switch (a.kind) {
        case 'send': {
          const l = this.links.get(a.interface);
          if (l) l.tx.send(parseIpv4(a.destination)!, a.bytes);
          break;
        }
        case 'route':
          if (a.op === 'add') this.source.add(a.route);
          else this.source.withdraw(a.prefix, a.prefixLength);
          routes = true;
          break;
        case 'log':
          this.deps.info(a.text);
          break;
        case 'event':
          this.deps.debug(a.text);
          break;
      }
    }
    if (routes) this.source.commit();
  }
}
