/**
 * Takes a running router from one config to another — the start-up (from an empty config) and every
 * live `configure` alike:
 *   1. tunnels that went away are shut down and their TAPs closed; new ones get a TAP (created down)
 *      and their per-device sysctls;
 *   2. one `ip -batch` brings interfaces, addresses, MTUs and link states to the new config; links
 *      it brought up are waited for (operationally up) before NHRP sends on them;
 *   3. the route table is rebuilt from the config (shortcuts kept);
 *   4. each tunnel gets its plan: GRE socket on the tunnel source, data plane, engine (NHRP changes
 *      such as redirect, shortcut, a new NHS or `shutdown` reach the engine as configure());
 *   5. the kernel's routes are checked against the table (it follows the table's changes as they
 *      happen; this retries what failed): at start-up before step 4, so that the first Registration
 *      Request finds its route to the NHS; on a live change after it.
 * Problems that do not stop the router are returned as text lines (and logged).
 */
import type { RouterConfig } from '../config/model.js';
import { nhsByPriority, planTunnel, type TunnelPlan } from './engine-config.js';
import { describeError, RouterError } from './errors.js';
import { interfaceCommands, ipv6Sysctls, ROUTER_SYSCTLS, tunnelSysctls } from './interfaces.js';
import { hasIpv6 } from './engine6-config.js';
import type { Rib6 } from './rib6.js';
import { ipBatch } from '../sys/iproute.js';
import { waitLinksUp } from './link-ready.js';
import { wantedRoutes, type KernelRoutes } from './kernel-routes.js';
import type { RouterLog } from './log.js';
import type { Rib, TunnelInfo } from './rib.js';
import type { TunnelRuntime } from './tunnel.js';

/** What reconcile needs from the router. */
export interface ReconcileHost {
  config: RouterConfig;
  readonly tunnels: Map<string, TunnelRuntime>;
  readonly rib: Rib;
  readonly rib6: Rib6;
  readonly kernel: KernelRoutes;
  readonly log: RouterLog;
  openTunnel(plan: TunnelPlan): TunnelRuntime;
  closeTunnel(t: TunnelRuntime): void;
  setSysctl(path: string, value: string): void;
  kick(): void;
}

/** Brings the router from `before` to `after`; returns the problems met (also logged). */
export async function reconcile(
  host: ReconcileHost,
  before: RouterConfig,
  after: RouterConfig,
  opts: { initial: boolean },
): Promise<string[]> {
  const problems: string[] = [];
  const problem = (line: string): void => {
    problems.push(line);
    host.log.info(line);
  };
  const plans = new Map<string, TunnelPlan>();
  for (const i of Object.values(after.interfaces)) if (i.kind === 'tunnel') plans.set(i.name, planTunnel(after, i));

  for (const t of [...host.tunnels.values()]) if (!plans.has(t.name)) host.closeTunnel(t);
  if (opts.initial) for (const [path, value] of ROUTER_SYSCTLS) trySysctl(host, path, value, problem);
  for (const plan of plans.values()) {
    if (host.tunnels.has(plan.name)) continue;
    try {
      host.openTunnel(plan);
    } catch (err) {
      if (opts.initial) throw err;
      problem(`%TUN-3-OPEN: ${describeError(err)}`);
      continue;
    }
    for (const [path, value] of tunnelSysctls(plan.linuxName, hasIpv6(after.interfaces[plan.name]!)))
      trySysctl(host, path, value, problem);
  }
  // IPv6 on where the config has IPv6 addresses (before the addresses go in), forwarding with
  // `ipv6 unicast-routing` (labs start every node with IPv6 off)
  for (const i of Object.values(after.interfaces)) {
    if (!hasIpv6(i) || i.kind === 'loopback' || (i.kind === 'tunnel' && !host.tunnels.has(i.name))) continue;
    for (const [path, value] of ipv6Sysctls(i.linuxName, i.kind === 'tunnel')) trySysctl(host, path, value, problem);
  }
  if (after.ipv6?.unicastRouting) trySysctl(host, 'net/ipv6/conf/all/forwarding', '1', problem);

  // Interfaces of tunnels that could not be opened are left out of the kernel commands.
  const cmds = interfaceCommands(opts.initial ? undefined : before, after).filter((c) => {
    const i = after.interfaces[c.iface];
    return i?.kind !== 'tunnel' || host.tunnels.has(c.iface);
  });
  const outcomes = await ipBatch(cmds.map((c) => c.args));
  outcomes.forEach((o, k) => {
    if (o === undefined) return;
    const c = cmds[k];
    const dev = after.interfaces[c.iface]?.linuxName ?? before.interfaces[c.iface]?.linuxName ?? c.iface;
    problem(`%LINK-4-CONFIG: ${c.iface} (${dev}): ip ${c.args.join(' ')}: ${o}`);
  });
  host.config = after;
  // NHRP starts once the links just brought up carry packets (see ./link-ready.ts).
  const raised = Object.values(after.interfaces).filter((i) => {
    const old = opts.initial ? undefined : before.interfaces[i.name];
    return i.kind === 'ethernet' && !i.shutdown && (old === undefined || old.shutdown);
  });
  if (raised.length > 0) await waitLinksUp(raised.map((i) => i.linuxName));

  const infos = new Map<string, TunnelInfo>();
  for (const p of plans.values()) {
    const list = nhsByPriority(p);
    infos.set(p.name, {
      device: p.linuxName,
      multipoint: p.dataplane?.destination === undefined,
      ...(list.length > 0 ? { nhs: list[0], nhsList: list } : {}),
    });
  }
  host.rib.setConfig(after, infos);
  const infos6 = new Map(
    [...plans.values()].map((p) => [p.name, { device: p.linuxName, nhs: p.engine6?.nhs[0]?.protocol }]),
  );
  host.rib6.setConfig(after, infos6);
  void host.rib6.sync();
  // At start-up the routes go in before NHRP starts: an NHS reached through a static route (a
  // default route to the Internet) would otherwise not be routable for the first Registration Request.
  if (opts.initial) await host.kernel.syncAll(wantedRoutes(host.rib));

  for (const plan of plans.values()) {
    const t = host.tunnels.get(plan.name);
    if (!t) continue;
    const oldNotes = opts.initial ? [] : t.plan.notes;
    try {
      t.apply(plan);
    } catch (err) {
      if (opts.initial) throw new RouterError('TUNNEL_FAILED', `${plan.name}: ${describeError(err)}`, { cause: err });
      problem(`%TUN-3-CONFIG: ${plan.name}: ${describeError(err)}`);
    }
    for (const n of plan.notes) if (!oldNotes.includes(n)) problem(`%TUN-4-CONFIG: ${plan.name}: ${n}`);
  }
  host.kick();

  if (!opts.initial) await host.kernel.syncAll(wantedRoutes(host.rib));
  return problems;
}

function trySysctl(host: ReconcileHost, path: string, value: string, problem: (l: string) => void): void {
  try {
    host.setSysctl(path, value);
  } catch (err) {
    problem(`%SYS-4-SYSCTL: ${describeError(err)}`);
  }
}
