/**
 * One Tunnel interface at run time: its TAP device, its raw GRE socket bound to the tunnel source,
 * its TunnelDataplane and its NhrpEngine, wired together. `apply(plan)` brings it to a new plan live:
 * the socket is reopened when the source changes, the data plane rebuilt when its settings change
 * (its counters start again), the engine reconfigured (or recreated when its addresses change).
 * NHRP `send` actions are carried out here; every other action goes to the router.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Action } from '../../nhrp/actions.js';
import type { NhrpEngineConfig } from '../../nhrp/config.js';
import { NhrpEngine } from '../../nhrp/engine.js';
import type { RouteLookup } from '../../nhrp/routes.js';
import type { NhrpHooks } from '../dataplane/ports.js';
import type { Nhrp6Hooks } from '../dataplane/ipv6-link.js';
import { TunnelDataplane } from '../dataplane/tunnel.js';
import { RawSocket } from '../sys/raw-socket.js';
import { RawSocket6 } from '../sys/raw-socket6.js';
import { Ipv6NbmaBook } from '../dataplane/nbma-book.js';
import { TapDevice } from '../sys/tap.js';
import type { TunnelPlan } from './engine-config.js';
import { describeError, RouterError } from './errors.js';
import { SwitchedSocket, SwitchedTap, type PortFaults } from '../sys/switched-ports.js';
import { IpsecSocket, type KeyTable } from '../ipsec/ipsec-socket.js';
import { IpsecLease, type SharedIpsecSockets } from '../ipsec/shared-sockets.js';

/** What a tunnel needs from the router. */
export interface TunnelDeps {
  /** Monotonic milliseconds (the engine's and the data plane's clock). */
  clock: () => number;
  routes: RouteLookup;
  /** The IPv6 engine's route lookup (absent: every IPv6 destination is unrouted). */
  routes6?: RouteLookup;
  /** Every action other than `send`, in order, and the address family of the engine that asked. */
  onActions: (tunnel: TunnelRuntime, actions: Action[], family: 'ipv4' | 'ipv6') => void;
  log: (line: string) => void;
  /** Called after every engine input: its deadlines may have moved. */
  kick: () => void;
  /** Wireshark `esp_sa` lines of protected tunnels' SAs, as they come up. */
  /** Debug lines (`debug crypto ikev2|ipsec`), shown to debug subscribers. */
  debug?: (line: string) => void;
  keyLog?: (table: KeyTable, lines: string[]) => void;
  /** The router's IPsec sockets shared by tunnels with `tunnel protection … shared` on one source. */
  sharedIpsec?: SharedIpsecSockets;
}

/** A running tunnel interface. */
export class TunnelRuntime {
  readonly faults: PortFaults = { tap: 0, socket: 0 };
  private readonly tap: SwitchedTap;
  private readonly socket: SwitchedSocket;
  private boundTo: string | undefined;
  private dataplane: TunnelDataplane | undefined;
  private engineCfg: NhrpEngineConfig | undefined;
  private engineRef: NhrpEngine | undefined;
  private engine6Cfg: NhrpEngineConfig | undefined;
  private engine6Ref: NhrpEngine | undefined;
  private readonly hooks6: Nhrp6Hooks;
  /** NBMA address → tunnel address of learned host bindings (the data plane's reverse lookup). */
  private readonly reverse = new Map<string, string>();
  /** NBMA address → NHRP group of registered spokes (selects their QoS policy). */
  private readonly groups = new Map<string, string>();
  private readonly hooks: NhrpHooks;
  /** Handles of IPv6 NBMA peers, shared by the data plane and the raw IPv6 socket (IPv6 NBMA only). */
  private readonly book6 = new Ipv6NbmaBook();
  private lastFault = 0;

  private constructor(
    public plan: TunnelPlan,
    device: TapDevice,
    private readonly deps: TunnelDeps,
  ) {
    const fault = (err: unknown): void => this.fault(err);
    this.tap = new SwitchedTap(device, this.faults, fault);
    this.socket = new SwitchedSocket(this.faults, fault);
    const now = (n?: number): number => n ?? deps.clock();
    this.hooks = {
      nbmaFor: (a) => this.engineRef?.nbmaFor(a),
      nhsNbma: () => this.engineRef?.nhsNbma(),
      multicastTargets: () => this.engineRef?.multicastTargets() ?? [],
      tunnelAddrFor: (nbma) => this.reverse.get(nbma),
      // one engine per address family: ar$pro.type picks it (an IPv6 packet reaches the IPv4
      // engine only when the tunnel runs no IPv6 NHRP, and is counted there as unsupported)
      nhrpPacket: (src, bytes) =>
        bytes.length >= 4 && bytes[2] === 0x86 && bytes[3] === 0xdd && this.engine6Ref
          ? this.run6((e) => e.receive(now(), bytes, src))
          : this.run((e) => e.receive(now(), bytes, src)),
      nextHopUnknown: (t, addr) => this.run((e) => e.nextHopUnknown(now(t), addr)),
      hairpin: (t, ev) => this.run((e) => e.hairpin(now(t), ev)),
      used: (t, addr) => this.run((e) => e.used(now(t), addr)),
    };
    this.hooks6 = {
      nbmaFor: (a) => this.engine6Ref?.nbmaFor(a),
      nhsNbma: () => this.engine6Ref?.nhsNbma(),
      multicastTargets: () => this.engine6Ref?.multicastTargets() ?? [],
      nextHopUnknown: (t, addr) => this.run6((e) => e.nextHopUnknown(now(t), addr)),
      hairpin: (t, ev) => this.run6((e) => e.hairpin(now(t), ev)),
      used: (t, addr) => this.run6((e) => e.used(now(t), addr)),
    };
  }

  /**
   * Opens the TAP device for `plan` (created down; the router addresses it and brings it up).
   * `offload`: merge received TCP segments for the kernel and take its TCP GSO frames (TapOptions.offload;
   * default true); `tso`: the latter alone (TapOptions.tso; default true).
   */
  static open(plan: TunnelPlan, deps: TunnelDeps, opts: { offload?: boolean; tso?: boolean } = {}): TunnelRuntime {
    let device: TapDevice;
    try {
      device = TapDevice.open(plan.linuxName, { offload: opts.offload ?? true, tso: opts.tso ?? true });
    } catch (cause) {
      throw new RouterError(
        'TUNNEL_FAILED',
        `${plan.name}: cannot open TAP device ${plan.linuxName}: ${describeError(cause)}`,
        { cause },
      );
    }
    return new TunnelRuntime(plan, device, deps);
  }

  /** IOS interface name (Tunnel0). */
  get name(): string {
    return this.plan.name;
  }

  /** TAP device name (tun0). */
  get linuxName(): string {
    return this.plan.linuxName;
  }

  /** The engine, when the tunnel has an address and a source. */
  get engine(): NhrpEngine | undefined {
    return this.engineRef;
  }

  /** The IPv6 NHRP engine, when the tunnel runs `ipv6 nhrp`. */
  get engine6(): NhrpEngine | undefined {
    return this.engine6Ref;
  }

  /** Brings the socket, data plane and engine to `plan`. */
  apply(plan: TunnelPlan): void {
    const old = this.plan;
    this.plan = plan;
    const protectionChanged = !isDeepStrictEqual(old.protection, plan.protection);
    if (plan.sourceAddress !== this.boundTo || this.socket.current === undefined || protectionChanged) {
      this.rebind(plan.sourceAddress);
    }
    if (!isDeepStrictEqual(old.dataplane, plan.dataplane) || (plan.dataplane && !this.dataplane))
      this.rebuildDataplane();
    else if (!isDeepStrictEqual(old.qos, plan.qos)) this.applyQos();
    this.reconfigureEngine(plan.engine);
    this.reconfigureEngine6(plan.engine6);
  }

  /** Runs the engines' timers that are due (NHRP, and IKEv2 on a protected tunnel). */
  tick(now: number): void {
    const ike = this.ipsec?.nextDeadline();
    if (ike !== undefined && ike <= now) this.ipsec!.tick(now);
    const nhrp = this.engineRef?.nextDeadline();
    if (nhrp !== undefined && nhrp <= now) this.run((e) => e.tick(now));
    const nhrp6 = this.engine6Ref?.nextDeadline();
    if (nhrp6 !== undefined && nhrp6 <= now) this.run6((e) => e.tick(now));
  }

  /** When the engines next need tick(). */
  nextDeadline(): number | undefined {
    const all = [this.engineRef?.nextDeadline(), this.engine6Ref?.nextDeadline(), this.ipsec?.nextDeadline()];
    const due = all.filter((d): d is number => d !== undefined);
    return due.length === 0 ? undefined : Math.min(...due);
  }

  /** The IPsec layer of a protected tunnel (`tunnel protection ipsec profile`), when running. */
  get ipsec(): IpsecSocket | undefined {
    const s = this.socket.current;
    return s instanceof IpsecSocket ? s : s instanceof IpsecLease ? s.socket : undefined;
  }

  /** Feeds an engine input and carries out the actions it returns. */
  run(input: (engine: NhrpEngine) => Action[]): void {
    const e = this.engineRef;
    if (!e) return;
    this.carryOut(input(e));
    this.deps.kick();
  }

  /** Feeds an input to the IPv6 engine and carries out the actions it returns. */
  run6(input: (engine: NhrpEngine) => Action[]): void {
    const e = this.engine6Ref;
    if (!e) return;
    this.carryOut(input(e), 'ipv6');
    this.deps.kick();
  }

  /** Counters of the data plane, TAP and socket (undefined parts are not running). */
  stats(): {
    dataplane?: ReturnType<TunnelDataplane['stats']>;
    tap: TapDevice['stats'];
    socket?: RawSocket['stats'];
    bound?: string;
    faults: PortFaults;
  } {
    return {
      ...(this.dataplane ? { dataplane: this.dataplane.stats() } : {}),
      tap: { ...this.tap.device.stats },
      ...(this.socket.current ? { socket: { ...this.socket.current.stats } } : {}),
      ...(this.boundTo !== undefined && this.socket.current ? { bound: this.boundTo } : {}),
      faults: { ...this.faults },
    };
  }

  /** Shuts the engine down (its deregistration and purges go out first), then closes socket and TAP. */
  close(): void {
    this.reconfigureEngine(undefined);
    this.dataplane?.stop();
    this.reconfigureEngine6(undefined);
    this.socket.close();
    this.tap.device.close();
  }

  private carryOut(actions: Action[], family: 'ipv4' | 'ipv6' = 'ipv4'): void {
    const rest: Action[] = [];
    for (const a of actions) {
      if (a.kind === 'send') {
        this.dataplane?.sendNhrp(a.nbma, a.bytes);
        continue;
      }
      if (a.kind === 'cacheAdd' || a.kind === 'cacheRemove') this.learn(a);
      rest.push(a);
    }
    if (rest.length > 0) this.deps.onActions(this, rest, family);
  }

  private learn(a: Extract<Action, { kind: 'cacheAdd' | 'cacheRemove' }>): void {
    const e = a.entry;
    if (e.nbma === '' || e.prefixLength !== 32) return;
    if (a.kind === 'cacheAdd' && (e.type === 'static' || e.type === 'dynamic')) this.reverse.set(e.nbma, e.protocol);
    else if (this.reverse.get(e.nbma) === e.protocol) this.reverse.delete(e.nbma);
    if (!e.flags.includes('registered')) return;
    const before = this.groups.get(e.nbma);
    if (a.kind === 'cacheAdd' && e.group !== undefined) this.groups.set(e.nbma, e.group);
    else this.groups.delete(e.nbma);
    if (this.groups.get(e.nbma) !== before) this.applyPeerQos(e.nbma);
  }

  /** Applies the plan's policies: the tunnel's own, and each registered spoke's group policy. */
  private applyQos(): void {
    const dp = this.dataplane;
    if (!dp) return;
    dp.setTunnelPolicy(this.plan.qos?.output);
    for (const s of dp.qosStats())
      if (s.nbma !== undefined && !this.groups.has(s.nbma)) dp.setPeerPolicy(s.nbma, undefined);
    for (const nbma of this.groups.keys()) this.applyPeerQos(nbma);
  }

  private applyPeerQos(nbma: string): void {
    const group = this.groups.get(nbma);
    const policy = group === undefined ? undefined : this.plan.qos?.groups[group];
    this.dataplane?.setPeerPolicy(nbma, policy, group);
  }

  private rebind(address: string | undefined): void {
    this.boundTo = address;
    if (address === undefined) return this.socket.attach(undefined);
    const prot = this.plan.protection;
    if (prot) {
      this.socket.attach(undefined);
      const open = (): IpsecSocket => {
        const s = this.ipsecSocket(address, prot);
        try {
          s.open();
        } catch (cause) {
          s.close();
          throw cause;
        }
        return s;
      };
      try {
        const shared = prot.shared
          ? this.deps.sharedIpsec?.acquire(address, prot, this.name, () => this.plan.dataplane?.key, open)
          : undefined;
        this.socket.attach(shared ?? open());
      } catch (cause) {
        this.deps.log(
          `%TUN-3-SOCKET: ${this.name}: cannot open the ESP socket on ${address}: ${describeError(cause)}; the tunnel cannot send`,
        );
      }
      return;
    }
    try {
      this.socket.attach(
        address.includes(':')
          ? RawSocket6.open({ protocol: 47, bind: address, book: this.book6 })
          : RawSocket.open({ protocol: 47, bind: address }),
      );
    } catch (cause) {
      this.socket.attach(undefined);
      this.deps.log(
        `%TUN-3-SOCKET: ${this.name}: cannot open a GRE socket on ${address}: ${describeError(cause)}; the tunnel cannot send`,
      );
    }
  }

  private ipsecSocket(address: string, prot: NonNullable<TunnelPlan['protection']>): IpsecSocket {
    return new IpsecSocket(
      address,
      prot.ike,
      {
        clock: this.deps.clock,
        log: this.deps.log,
        ...(this.deps.debug ? { debug: this.deps.debug } : {}),
        kick: this.deps.kick,
        ...(this.deps.keyLog ? { keyLog: this.deps.keyLog } : {}),
        ...(prot.natKeepalive ? { natKeepaliveMs: prot.natKeepalive * 1000 } : {}),
        ...(address.includes(':') ? { book: this.book6 } : {}),
      },
      prot.ikev1 ? { ...prot.ikev1, localAddress: address } : undefined,
    );
  }

  private rebuildDataplane(): void {
    const cfg = this.plan.dataplane;
    this.dataplane?.stop();
    this.dataplane = undefined;
    if (!cfg) return;
    const dp = new TunnelDataplane({
      config: cfg,
      tap: this.tap,
      socket: this.socket,
      hooks: this.hooks,
      hooks6: this.hooks6,
      ...(cfg.nbmaFamily === 'ipv6' ? { nbma: this.book6 } : {}),
      clock: this.deps.clock,
    });
    dp.start();
    this.dataplane = dp;
    this.applyQos();
  }

  private reconfigureEngine(cfg: NhrpEngineConfig | undefined): void {
    const now = this.deps.clock();
    const old = this.engineCfg;
    if (isDeepStrictEqual(old, cfg)) return;
    this.engineCfg = cfg;
    if (old && cfg && sameAddresses(old, cfg)) return this.run((e) => e.configure(now, cfg));
    if (this.engineRef && old) this.run((e) => e.configure(now, { ...old, shutdown: true }));
    this.engineRef = cfg ? new NhrpEngine(cfg, { routes: this.deps.routes }) : undefined;
    this.reverse.clear();
    // registrations start again with the new engine: spokes are shaped again as they re-register
    this.groups.clear();
    this.applyQos();
  }

  /** The IPv6 engine to `cfg`: configured live, or recreated when its addresses change. */
  private reconfigureEngine6(cfg: NhrpEngineConfig | undefined): void {
    const now = this.deps.clock();
    const old = this.engine6Cfg;
    if (isDeepStrictEqual(old, cfg)) return;
    this.engine6Cfg = cfg;
    if (old && cfg && sameAddresses(old, cfg)) return this.run6((e) => e.configure(now, cfg));
    if (this.engine6Ref && old) this.run6((e) => e.configure(now, { ...old, shutdown: true }));
    this.engine6Ref = cfg ? new NhrpEngine(cfg, { routes: this.deps.routes6 ?? (() => undefined) }) : undefined;
  }

  private fault(err: unknown): void {
    this.faults.lastError = describeError(err);
    const now = this.deps.clock();
    if (now - this.lastFault < 10_000) return;
    this.lastFault = now;
    this.deps.log(`%TUN-3-FAULT: ${this.name}: packet handling failed (dropped, counted): ${this.faults.lastError}`);
  }
}

/** Whether an engine can take `b` live: the same tunnel address, prefix and NBMA address as `a`. */
function sameAddresses(a: NhrpEngineConfig, b: NhrpEngineConfig): boolean {
  return (
    a.protocolAddress === b.protocolAddress && a.prefixLength === b.prefixLength && a.nbmaAddress === b.nbmaAddress
  );
}
