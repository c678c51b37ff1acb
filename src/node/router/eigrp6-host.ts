/**
 * EIGRP for IPv6 in dmvpnd: one EigrpEngine (family ipv6) for the first `ipv6 router eigrp` process,
 * its timers run by the router's scheduler, its routes handed to the IPv6 table (./rib6.ts) as D / EX.
 *
 * Sockets, the same for Ethernet and Tunnel interfaces (as IPv4 EIGRP's): per interface a packet
 * socket reading next header 88 (the source is the neighbor's link-local address), and one raw IPv6
 * socket that sends to FF02::A or a neighbor scoped to the interface. On a tunnel the kernel sends
 * FF02::A out of the TAP and the data plane replicates it along the `ipv6 nhrp map multicast`
 * entries, as for OSPFv3's FF02::5; EIGRP inside GRE arrives written into the TAP.
 */
import { EIGRP_IPV6, EigrpEngine, type Action, type EigrpConfigInput, type EigrpRoute } from '../../eigrp/index.js';
import type { RouterConfig } from '../config/model.js';
import type { EigrpView } from '../show/eigrp.js';
import { Ip6ProtocolLink, Ip6SendSocket } from '../sys/ip6-socket.js';
import { kernelLinkLocal } from '../sys/link-local.js';
import { eigrp6Input } from './eigrp6-config.js';
import { describeError } from './errors.js';

const PROTO_EIGRP = 88;
/** How soon to look again for a link-local address that is not there yet. */
const RETRY_MS = 1000;

/** What the host needs from the router. */
export interface Eigrp6HostDeps {
  clock: () => number;
  info: (line: string) => void;
  debug: (line: string) => void;
  /** Re-read deadlines (the scheduler). */
  kick: () => void;
  /** The engine's routes now (replacing the previous set), with each interface's Linux device. */
  routes: (routes: readonly EigrpRoute[], device: (iface: string) => string | undefined) => void;
  /** The link-local address of a device (default: the kernel's). */
  linkLocal?: (device: string) => string | undefined;
}

/** The EIGRP for IPv6 process of a router and its sockets. */
export class Eigrp6Host {
  private engine: EigrpEngine | undefined;
  private tx: Ip6SendSocket | undefined;
  /** Interface name → its link (keyed also by the link-local it was opened for). */
  private readonly links = new Map<string, { key: string; link: Ip6ProtocolLink }>();
  private readonly installed = new Map<string, EigrpRoute>();
  private devices = new Map<string, string>();
  /** Re-sync while an interface's link-local address is not there yet (a device just created). */
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: Eigrp6HostDeps) {}

  /** Starts, reconfigures or stops the engine for `config`; returns problems to report. */
  sync(config: RouterConfig): string[] {
    this.devices = new Map(Object.values(config.interfaces).map((i) => [i.name, i.linuxName]));
    clearTimeout(this.retry);
    this.retry = undefined;
    const waiting: string[] = [];
    const input = eigrp6Input(config, this.deps.linkLocal ?? kernelLinkLocal, waiting);
    if (input && waiting.length > 0) {
      this.retry = setTimeout(() => {
        for (const p of this.sync(config)) this.deps.info(p);
      }, RETRY_MS);
      this.retry.unref?.();
    }
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
    const now = this.deps.clock();
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

  /** What `show ipv6 eigrp …` reads; undefined when no process runs. */
  view(now: number): EigrpView | undefined {
    const e = this.engine;
    return e ? { snapshot: e.snapshot(now), config: e.config } : undefined;
  }

  /** Says goodbye (as `shutdown`), closes the sockets, withdraws every route; true when a process ran. */
  close(): boolean {
    clearTimeout(this.retry);
    this.retry = undefined;
    const e = this.engine;
    if (e) {
      try {
        this.run(e.configure(this.deps.clock(), { ...e.config, shutdown: true }));
      } catch (err) {
        this.deps.info(`%EIGRP-3-STOP: ${describeError(err)}`);
      }
    }
    this.engine = undefined;
    for (const l of this.links.values()) l.link.close();
    this.links.clear();
    this.tx?.close();
    this.tx = undefined;
    if (this.installed.size > 0) {
      this.installed.clear();
      this.deps.routes([], (i) => this.devices.get(i));
    }
    return e !== undefined;
  }

  private openSockets(input: EigrpConfigInput, problems: string[]): void {
    this.tx ??= new Ip6SendSocket(PROTO_EIGRP);
    const tx = this.tx;
    const wanted = new Set<string>();
    for (const i of input.interfaces) {
      const device = this.devices.get(i.name);
      if (!device) continue;
      const key = `${device}|${i.address}`;
      wanted.add(i.name);
      const old = this.links.get(i.name);
      if (old?.key === key) continue;
      old?.link.close();
      this.links.delete(i.name);
      try {
        const link = new Ip6ProtocolLink(tx, device, PROTO_EIGRP, [EIGRP_IPV6.multicast]);
        link.onPacket((p) => this.onPacket(i.name, i.address, p.source, p.payload));
        this.links.set(i.name, { key, link });
      } catch (err) {
        problems.push(`%EIGRP-4-SOCKET: ${i.name}: ${describeError(err)}`);
      }
    }
    for (const [name, l] of this.links) {
      if (wanted.has(name)) continue;
      l.link.close();
      this.links.delete(name);
    }
  }

  private onPacket(iface: string, own: string, source: string, bytes: Uint8Array): void {
    const engine = this.engine;
    if (!engine || source === own) return;
    this.run(engine.receive(this.deps.clock(), { interface: iface, source, bytes }));
    this.deps.kick();
  }

  private run(actions: Action[]): void {
    let routes = false;
    for (const a of actions) {
      switch (a.kind) {
        case 'send':
          this.links.get(a.interface)?.link.send(a.destination, a.bytes);
          break;
        case 'route':
          if (a.op === 'add') this.installed.set(`${a.route.prefix}/${a.route.prefixLength}`, a.route);
          else this.installed.delete(`${a.prefix}/${a.prefixLength}`);
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
    if (routes) this.deps.routes([...this.installed.values()], (i) => this.devices.get(i));
  }
}
