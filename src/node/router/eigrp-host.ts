/**
 * EIGRP in dmvpnd, for either address family: one EigrpEngine for the router's first `router eigrp`
 * (IPv4) or `ipv6 router eigrp` (IPv6) process, its timers run by the router's scheduler, fed by the
 * family's sockets, its routes handed to the family's table. What differs by family is an
 * EigrpHostFamily: ./eigrp-host-ipv4.ts, ./eigrp-host-ipv6.ts.
 */
import {
  EigrpEngine,
  type Action,
  type EigrpConfigInput,
  type EigrpInterfaceInput,
  type EigrpRoute,
} from '../../eigrp/index.js';
import type { RouterConfig } from '../config/model.js';
import type { EigrpView } from '../show/eigrp.js';
import { describeError } from './errors.js';

/** How soon to look again for an interface address that is not there yet (a device just created). */
const RETRY_MS = 1000;

/** Hands a received packet to the host: the interface, the sender's address, the EIGRP bytes. */
export type EigrpReceive = (iface: string, source: string, bytes: Uint8Array) => void;

/** A family's sockets: opened lazily by `update`, reopened after `close`. */
export interface EigrpSockets {
  /**
   * Opens the sockets `interfaces` need and closes the others; an interface that cannot get one is a
   * problem. Throws when the family's shared socket cannot open.
   */
  update(interfaces: readonly EigrpInterfaceInput[], devices: ReadonlyMap<string, string>, problems: string[]): void;
  /** Sends `bytes` out of `iface` to `destination` (an address of the family). */
  send(iface: string, destination: string, bytes: Uint8Array): void;
  close(): void;
}

/** Where the engine's routes go: added and withdrawn one by one, told to the table at `commit`. */
export interface EigrpRouteSink {
  add(route: EigrpRoute): void;
  withdraw(prefix: string, prefixLength: number): void;
  clear(): void;
  commit(): void;
}

/** What differs between EIGRP for IPv4 and for IPv6 in the router. */
export interface EigrpHostFamily<R extends EigrpRouteSink> {
  /** The engine input of the family's process; an interface whose address is not known yet is named in `waiting`. */
  input(config: RouterConfig, waiting: string[]): EigrpConfigInput | undefined;
  sockets(receive: EigrpReceive): EigrpSockets;
  /** The route sink; `device` maps an IOS interface name to its Linux device. */
  routes(device: (iface: string) => string | undefined): R;
}

/** What the host needs from the router. */
export interface EigrpHostDeps {
  clock: () => number;
  info: (line: string) => void;
  debug: (line: string) => void;
  /** Re-read deadlines (the scheduler). */
  kick: () => void;
}

/** The EIGRP process of a router for one address family, and its sockets. */
export class EigrpHost<R extends EigrpRouteSink = EigrpRouteSink> {
  /** The engine's routes (for IPv4, a RouteSource of the routing table). */
  readonly routes: R;
  private engine: EigrpEngine | undefined;
  private readonly sockets: EigrpSockets;
  private devices = new Map<string, string>();
  /** Re-sync while an interface's address is not there yet. */
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly family: EigrpHostFamily<R>,
    private readonly deps: EigrpHostDeps,
  ) {
    this.routes = family.routes((i) => this.devices.get(i));
    this.sockets = family.sockets((iface, source, bytes) => this.receive(iface, source, bytes));
  }

  /** Starts, reconfigures or stops the engine for `config`; returns problems to report. */
  sync(config: RouterConfig): string[] {
    this.devices = new Map(Object.values(config.interfaces).map((i) => [i.name, i.linuxName]));
    clearTimeout(this.retry);
    this.retry = undefined;
    const waiting: string[] = [];
    const input = this.family.input(config, waiting);
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
      this.sockets.update(input.interfaces, this.devices, problems);
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

  /** What `show ip eigrp …` / `show ipv6 eigrp …` read; undefined when no process runs. */
  view(now: number): EigrpView | undefined {
    const e = this.engine;
    return e ? { snapshot: e.snapshot(now), config: e.config } : undefined;
  }

  /**
   * Says goodbye to the neighbors (as `shutdown` does), closes the sockets and withdraws every route;
   * true when an engine was running (a goodbye went out).
   */
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
    this.sockets.close();
    this.routes.clear();
    this.routes.commit();
    return e !== undefined;
  }

  private receive(iface: string, source: string, bytes: Uint8Array): void {
    const engine = this.engine;
    if (!engine) return;
    this.run(engine.receive(this.deps.clock(), { interface: iface, source, bytes }));
    this.deps.kick();
  }

  private run(actions: Action[]): void {
    let routes = false;
    for (const a of actions) {
      switch (a.kind) {
        case 'send':
          this.sockets.send(a.interface, a.destination, a.bytes);
          break;
        case 'route':
          if (a.op === 'add') this.routes.add(a.route);
          else this.routes.withdraw(a.prefix, a.prefixLength);
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
    if (routes) this.routes.commit();
  }
}
