/**
 * The running router: one config, the kernel state it implies, and a TunnelRuntime per Tunnel
 * interface. Start-up and live `configure` are the same operation, reconcile(before, after) (see
 * ./reconcile.ts); stop() undoes what the router did to the kernel.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyLines, type ApplyResult } from '../config/apply.js';
import { emptyConfig, type RouterConfig } from '../config/model.js';
import { carryOut } from './actions.js';
import { describeError, RouterError } from './errors.js';
import { EigrpHost } from './eigrp-host.js';
import { eigrpIpv4 } from './eigrp-host-ipv4.js';
import { eigrpIpv6 } from './eigrp-host-ipv6.js';
import { readSysctl, writeSysctl } from '../sys/iproute.js';
import { KernelRoutes, wantedAfter } from './kernel-routes.js';
import type { RouterLog } from './log.js';
import { reconcile, type ReconcileHost } from './reconcile.js';
import { Rib } from './rib.js';
import type { EigrpSource } from '../rib/eigrp.js';
import { Rib6 } from './rib6.js';
import { monotonicMs, Scheduler } from './scheduler.js';
import type { ShowState } from '../show/state.js';
import { buildShowState } from './snapshot.js';
import { TunnelRuntime } from './tunnel.js';
import type { IpsecSocket, KeyTable } from '../ipsec/ipsec-socket.js';
import { SharedIpsecSockets } from '../ipsec/shared-sockets.js';
import { FrrDaemons } from '../frr/daemons.js';
import { FrrRoutePoller } from '../frr/poll.js';

/** How long stop() lets the data plane carry EIGRP's goodbye before the tunnels close. */
const GOODBYE_DRAIN_MS = 250;

/** How a router runs. */
export interface RouterOptions {
  log: RouterLog;
  /** Write sysctls (ip_forward, redirects, IPv6 off on tunnels); default true. */
  sysctls?: boolean;
  /** File to append ESP SA keys to, as Wireshark `esp_sa` lines (protected tunnels); default none. */
  espKeys?: string;
  /** Folder whose `esp_sa`, `ikev1_decryption_table` and `ikev2_decryption_table` files get SA keys (Wireshark UAT). */
  keyDir?: string;
  /** Run the routing processes with FRR daemons whose files go under `stateDir`. */
  frr?: { stateDir: string };
}

/** What a live `configure` did: the parser's result, plus problems carrying it out. */
export interface ConfigureResult {
  apply: ApplyResult;
  problems: string[];
}

/** A running router. */
export class Router implements ReconcileHost {
  readonly rib = new Rib();
  readonly rib6: Rib6;
  readonly kernel: KernelRoutes;
  readonly tunnels = new Map<string, TunnelRuntime>();
  /** IPsec sockets shared by tunnels on one source (`tunnel protection ipsec profile P shared`). */
  readonly sharedIpsec = new SharedIpsecSockets();
  readonly log: RouterLog;
  readonly clock = monotonicMs;
  readonly startedAt = monotonicMs();
  /** When the configuration last changed (start-up, then each `configure` that changed something). */
  configChangedAt = { wallMs: Date.now(), monoMs: monotonicMs() };
  /** The `router eigrp` process (idle without one). */
  readonly eigrp: EigrpHost<EigrpSource>;
  /** The `ipv6 router eigrp` process (idle without one). */
  readonly eigrp6: EigrpHost;
  /** The FRR daemons of `router ospf|bgp|rip` (absent when the router runs without them). */
  readonly frr: FrrDaemons | undefined;
  /** Reads the FRR daemons' routes into the table. */
  readonly frrRoutes: FrrRoutePoller | undefined;
  config: RouterConfig = emptyConfig();
  private readonly scheduler: Scheduler;
  private readonly sysctlsOn: boolean;
  private readonly espKeys: string | undefined;
  private readonly keyDir: string | undefined;
  private readonly sysctlRestore = new Map<string, string>();
  private busy: Promise<unknown> = Promise.resolve();
  private stopping = false;

  private constructor(opts: RouterOptions) {
    this.log = opts.log;
    this.sysctlsOn = opts.sysctls ?? true;
    this.espKeys = opts.espKeys;
    this.keyDir = opts.keyDir;
    this.frr = opts.frr ? new FrrDaemons({ stateDir: opts.frr.stateDir, log: (l) => this.log.info(l) }) : undefined;
    this.frrRoutes = this.frr ? new FrrRoutePoller(this.frr, () => this.config, this.clock) : undefined;
    if (this.frrRoutes) for (const s of Object.values(this.frrRoutes.sources)) this.rib.addSource(s);
    this.kernel = new KernelRoutes((l) => this.log.info(l));
    this.rib6 = new Rib6((l) => this.log.info(l));
    // OSPFv3, BGP IPv6 and RIPng routes join the IPv6 table (zebra installs them in the kernel itself)
    const frr6 = this.frrRoutes?.sources6;
    if (frr6) {
      const update = () => this.rib6.setProtocolRoutes(Object.values(frr6).flatMap((s) => s.routes()));
      for (const s of Object.values(frr6)) s.attach(update);
    }
    // The kernel follows the table: every prefix a change touched gets its routes again.
    this.rib.onChange((changes) => void this.kernel.apply(wantedAfter(changes, (n) => this.rib.kind(n))));
    this.scheduler = new Scheduler(
      this.clock,
      () => this.nextDeadline(),
      (now) => this.tick(now),
    );
    const eigrpDeps = {
      clock: this.clock,
      info: (l: string) => this.log.info(l),
      debug: (l: string) => this.log.debug(l),
      kick: () => this.scheduler.kick(),
    };
    this.eigrp = new EigrpHost(eigrpIpv4(this.clock), eigrpDeps);
    this.rib.addSource(this.eigrp.routes);
    this.eigrp6 = new EigrpHost(
      eigrpIpv6((routes, device) => this.rib6.setEigrpRoutes(routes, device)),
      eigrpDeps,
    );
  }

  /** Builds the node from `config`; throws RouterError TUNNEL_FAILED or SysError KERNEL_FAILED when it cannot. */
  static async start(config: RouterConfig, opts: RouterOptions): Promise<{ router: Router; problems: string[] }> {
    const router = new Router(opts);
    try {
      const problems = await reconcile(router, emptyConfig(), config, { initial: true });
      problems.push(...router.eigrp.sync(router.config));
      problems.push(...router.eigrp6.sync(router.config));

      problems.push(...(await router.applyRouting()));
      return { router, problems };
    } catch (err) {
      await router.stop().catch(() => undefined);
      throw err;
    }
  }

  /** Applies `configure` lines live; refused lines are skipped, the others take effect. */
  configure(lines: readonly string[]): Promise<ConfigureResult> {
    return this.exclusive(async () => {
      if (this.stopping) throw new RouterError('STOPPED', 'the router is stopping');
      const apply = applyLines(this.config, lines, 'configure');
      const before = this.config;
      for (const c of apply.changes) this.log.info(`%SYS-5-CONFIG_I: ${describeChange(c)}`);
      const problems = apply.changes.length > 0 ? await reconcile(this, before, apply.config, { initial: false }) : [];
      if (apply.changes.length > 0) {
        this.configChangedAt = { wallMs: Date.now(), monoMs: this.clock() };
        problems.push(...this.eigrp.sync(this.config));
        problems.push(...this.eigrp6.sync(this.config));
        problems.push(...(await this.applyRouting()));
      }
      return { apply, problems };
    });
  }

  /** `clear ip nhrp`: every engine drops its non-static entries. */
  clearNhrp(): void {
    const now = this.clock();
    for (const t of this.tunnels.values()) {
      t.run((e) => e.clear(now));
      t.run6((e) => e.clear(now));
    }
    this.scheduler.kick();
  }

  /** `clear crypto isakmp`: every IKEv1 SA deleted, Deletes sent, IPsec SAs with them. */
  clearIsakmp(): void {
    for (const s of this.ipsecSockets()) s.clearIsakmp();
    this.scheduler.kick();
  }

  /** `clear crypto sa|ikev2 sa|session [peer]`: IKE SAs deleted with their ESP SAs; returns how many. */
  clearCrypto(peer?: string): number {
    let n = 0;
    for (const s of this.ipsecSockets()) n += s.clear(peer);
    this.scheduler.kick();
    return n;
  }

  /** The protected tunnels' IPsec sockets, each once (a shared one serves several tunnels). */
  private ipsecSockets(): Set<IpsecSocket> {
    const out = new Set<IpsecSocket>();
    for (const t of this.tunnels.values()) if (t.ipsec) out.add(t.ipsec);
    return out;
  }

  /** Everything show commands read. */
  showState(): ShowState {
    return buildShowState(this);
  }

  /** Stops: engines shut down (deregistration goes out), routes removed, TAPs closed, sysctls restored. */
  stop(): Promise<void> {
    if (this.stopping) return this.busy.then(() => undefined);
    this.stopping = true;
    return this.exclusive(async () => {
      this.frrRoutes?.stop();
      await this.frr?.stop().catch((err: unknown) => this.log.info(`%FRR-3-STOP: ${describeError(err)}`));
      this.scheduler.stop();
      // EIGRP's goodbye leaves through the tunnels' TAPs: give the data plane a moment to carry it.
      const goodbye6 = this.eigrp6.close();
      if (this.eigrp.close() || goodbye6) await sleep(GOODBYE_DRAIN_MS);
      for (const t of this.tunnels.values()) this.closeTunnel(t);
      this.tunnels.clear();
      await this.kernel.removeAll();
      await this.rib6.removeAll();
      for (const [path, value] of this.sysctlRestore) {
        try {
          writeSysctl(path, value);
        } catch {
          // The namespace may be gone already.
        }
      }
      this.sysctlRestore.clear();
    });
  }

  // ReconcileHost: what reconcile() uses.

  /** Opens a tunnel's TAP and keeps it. */
  openTunnel(plan: TunnelRuntime['plan']): TunnelRuntime {
    const t = TunnelRuntime.open(plan, {
      clock: this.clock,
      routes: this.rib.lookupFor(plan.linuxName),
      routes6: this.rib6.lookupFor(plan.linuxName),
      onActions: (tun, actions, family) => {
        const cfg = (family === 'ipv6' ? tun.engine6 : tun.engine)?.config;
        carryOut(
          this,
          {
            name: tun.name,
            linuxName: tun.linuxName,
            ...(cfg ? { self: { protocol: cfg.protocolAddress, nbma: cfg.nbmaAddress } } : {}),
          },
          actions,
        );
      },
      log: (l) => this.log.info(l),
      debug: (l) => this.log.debug(l),
      kick: () => this.scheduler.kick(),
      sharedIpsec: this.sharedIpsec,
      ...(this.espKeys || this.keyDir
        ? { keyLog: (table: KeyTable, lines: string[]) => this.writeKeys(table, lines) }
        : {}),
    });
    this.tunnels.set(plan.name, t);
    return t;
  }

  /** Shuts a tunnel's engine down and closes its TAP (the kernel drops its routes with it). */
  closeTunnel(t: TunnelRuntime): void {
    try {
      t.close();
    } catch (err) {
      this.log.info(`%TUN-3-CLOSE: ${t.name}: ${describeError(err)}`);
    }
    this.kernel.forgetDevice(t.linuxName);
    this.tunnels.delete(t.name);
  }

  /** Sets a sysctl, remembering the first old value to restore at stop. */
  setSysctl(path: string, value: string): void {
    if (!this.sysctlsOn) return;
    const old = readSysctl(path);
    if (old === undefined || old === value) return;
    writeSysctl(path, value);
    if (!this.sysctlRestore.has(path)) this.sysctlRestore.set(path, old);
  }

  /** Appends SA key lines to the --esp-keys file and the --key-dir table (a failure is logged, the SA stays up). */
  private writeKeys(table: KeyTable, lines: string[]): void {
    const files = [
      ...(table === 'esp_sa' && this.espKeys ? [this.espKeys] : []),
      ...(this.keyDir ? [join(this.keyDir, table)] : []),
    ];
    for (const f of files) {
      try {
        if (f !== this.espKeys) mkdirSync(this.keyDir!, { recursive: true });
        appendFileSync(f, `${lines.join('\n')}\n`, { mode: 0o600 });
      } catch (err) {
        this.log.info(`%CRYPTO-4-KEYFILE: ${f}: ${describeError(err)}`);
      }
    }
  }

  /** Starts, restarts or stops the FRR daemons for the routing processes of the config in force. */
  async applyRouting(): Promise<string[]> {
    if (!this.frr) return [];
    try {
      const problems = await this.frr.apply(this.config);
      this.frrRoutes?.follow();
      return problems;
    } catch (err) {
      return [`routing daemons: ${describeError(err)}`];
    }
  }

  /** Re-reads deadlines after an input that did not come through a tunnel. */
  kick(): void {
    this.scheduler.kick();
  }

  private nextDeadline(): number | undefined {
    let min = this.eigrp.nextDeadline();
    const d6 = this.eigrp6.nextDeadline();
    if (d6 !== undefined && (min === undefined || d6 < min)) min = d6;
    for (const t of this.tunnels.values()) {
      const d = t.nextDeadline();
      if (d !== undefined && (min === undefined || d < min)) min = d;
    }
    return min;
  }

  private tick(now: number): void {
    try {
      const d = this.eigrp.nextDeadline();
      if (d !== undefined && d <= now) this.eigrp.tick(now);
      const d6 = this.eigrp6.nextDeadline();
      if (d6 !== undefined && d6 <= now) this.eigrp6.tick(now);
    } catch (err) {
      this.log.info(`%EIGRP-3-TIMER: ${describeError(err)}`);
    }
    for (const t of this.tunnels.values()) {
      try {
        const d = t.nextDeadline();
        if (d !== undefined && d <= now) t.tick(now);
      } catch (err) {
        this.log.info(`%NHRP-3-TIMER: ${t.name}: ${describeError(err)}`);
      }
    }
  }

  /** Runs `fn` after every earlier configure/stop has finished. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.busy.then(fn, fn);
    this.busy = run.catch(() => undefined);
    return run;
  }
}

function describeChange(c: ApplyResult['changes'][number]): string {
  switch (c.kind) {
    case 'hostname':
      return `hostname ${c.to}`;
    case 'interface-added':
    case 'interface-removed':
      return `${c.iface} ${c.kind === 'interface-added' ? 'added' : 'removed'}`;
    case 'routes':
      return `static routes: ${c.added.length} added, ${c.removed.length} removed`;
    case 'routing':
      return 'routing processes changed';
    case 'crypto':
      return `crypto ${c.field} changed`;
    case 'access':
      return 'users, enable secret or vty lines changed';
    default:
      if (c.kind === 'interface' && c.field === 'shutdown')
        return `Interface ${c.iface}, changed state to ${c.to ? 'administratively down' : 'up'}`;
      if (c.kind === 'eigrp') return 'router eigrp changed';
      return `${c.iface}: ${c.kind === 'nhrp' ? 'ip nhrp ' : c.kind === 'tunnel' ? 'tunnel ' : ''}${String(c.field)} changed`;
  }
}
