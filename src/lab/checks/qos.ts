/**
 * qos: per-spoke QoS on a hub (`nhrp map group G service-policy output P`, spokes `nhrp group G`).
 * Each spoke registers with its group (the Cisco Vendor-Private extension of its Registration Request,
 * cited from the pcap); the hub applies the group's policy to that spoke (`show policy-map multipoint`);
 * and iperf3 from a host behind the hub to a host behind the spoke measures about the shape rate.
 * iperf3 sends UDP at 1.5 times the rate; accuracy = UDP payload rate at the receiver / configured shape
 * rate, passing within 0.85-1.10 (the shaper counts the UDP, IP and GRE headers too, so a perfect shaper
 * gives about 0.96 with 1300-byte datagrams; `wireAccuracy` adds the headers back).
 */
import { controlJson } from '../../node/api/index.js';
import type { PolicyMapMultipointJson } from '../../node/api/schema/qos.js';
import type { RunningConfigJson } from '../../node/api/schema/running-config.js';
import { capturedPackets, type Check, type CheckContext } from './context.js';
import { cite, nhrpOf, NhrpType, where } from './evidence.js';
import { result, type CheckResult } from './model.js';
import type { Packet } from './packets.js';
import type { HostView, RouterView } from './view.js';

/** Accepted accuracy (measured / configured). */
export const QOS_ACCURACY = { min: 0.85, max: 1.1 } as const;

/** iperf3 run length, seconds. */
const IPERF_SECONDS = 3;

/** A spoke whose group the hub maps to a policy, and the rate that policy shapes to. */
export interface QosTarget {
  hub: RouterView;
  spoke: RouterView;
  group: string;
  policy: string;
  shapeBps: number | undefined;
}

/** The parent shape rate of policy-map `name` (bits/s), when it shapes. */
export function shapeRate(cfg: RunningConfigJson, name: string): number | undefined {
  return cfg.qos?.policyMaps[name]?.classes.find((c) => c.shape !== undefined)?.shape?.averageBps;
}

/** Spokes that register with a group some hub maps to a QoS policy. */
export function qosTargets(hubs: RouterView[], spokes: RouterView[]): QosTarget[] {
  const out: QosTarget[] = [];
  for (const hub of hubs) {
    const maps = Object.values(hub.config.interfaces).flatMap((i) => i.nhrp?.groupPolicies ?? []);
    for (const spoke of spokes) {
      const group = Object.values(spoke.config.interfaces).find((i) => i.nhrp?.group !== undefined)?.nhrp?.group;
      const m = maps.find((x) => x.group === group);
      if (!m || group === undefined) continue;
      out.push({ hub, spoke, group, policy: m.policy, shapeBps: shapeRate(hub.config, m.policy) });
    }
  }
  return out;
}

/** The Registration Request from `nbma` carrying the Cisco group extension with `group`. */
function groupRequest(ps: Packet[], nbma: string | undefined, group: string): Packet | undefined {
  const want = new TextEncoder().encode(group);
  return nhrpOf(ps, NhrpType.RegistrationRequest, nbma === undefined ? {} : { src: nbma }).find((p) =>
    p.nhrp!.extensions.some(
      (e) =>
        e.type === 'vendorPrivate' &&
        e.oui === 0x00000c &&
        e.data[0] === 1 &&
        e.data[1] === want.length &&
        want.every((b, i) => e.data[2 + i] === b),
    ),
  );
}

/** What iperf3 measured at the receiver while the sender sent (the queue's drain afterwards left out). */
export interface IperfRate {
  /** UDP payload bits/s. */
  goodputBps: number;
  /** The same datagrams as the shaper counts them (UDP, inner IPv4, GRE and outer IPv4 headers added), bits/s. */
  wireBps: number;
  seconds: number;
  lostPercent: number | null;
}

/** UDP datagram payload: fits the lab tunnels' ip mtu 1400 with its UDP and IPv4 headers. */
export const IPERF_DATAGRAM = 1300;

/**
 * Reads `iperf3 -u -J --get-server-output` (server started with -J): the receiver's intervals up to the
 * sender's end. `overhead`: bytes the shaper counts on top of each datagram's payload.
 */
export function parseIperf(stdout: string, overhead: number): IperfRate | undefined {
  let j: {
    server_output_json?: {
      intervals?: Array<{ sum?: { start: number; end: number; bytes: number } }>;
      end?: { sum?: { lost_percent?: number } };
    };
  };
  try {
    j = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  const iv = (j.server_output_json?.intervals ?? [])
    .map((x) => x.sum)
    .filter(
      (x): x is { start: number; end: number; bytes: number } => x !== undefined && x.end <= IPERF_SECONDS + 0.05,
    );
  const seconds = iv.reduce((n, x) => n + (x.end - x.start), 0);
  const bytes = iv.reduce((n, x) => n + x.bytes, 0);
  if (seconds <= 0) return undefined;
  const goodputBps = (bytes * 8) / seconds;
  return {
    goodputBps,
    wireBps: goodputBps * ((IPERF_DATAGRAM + overhead) / IPERF_DATAGRAM),
    seconds,
    lostPercent: j.server_output_json?.end?.sum?.lost_percent ?? null,
  };
}

/**
 * UDP iperf3 from `from` to `to` at 1.5 times the shape rate for IPERF_SECONDS (server started one-off on
 * `to`): the shaper's output, not TCP's reaction to drops, is what the receiver measures.
 */
async function iperf(
  ctx: CheckContext,
  from: HostView,
  to: HostView,
  shapeBps: number,
  overhead: number,
): Promise<{ rate?: IperfRate; error?: string; missing?: string }> {
  const srv = await ctx.runtime
    .exec(to.namespace, ['iperf3', '-s', '-1', '-D', '-J', '-B', to.address], { timeoutMs: 5000 })
    .catch((e: Error) => ({ exitCode: 127, stdout: '', stderr: e.message }));
  if (srv.exitCode === 127 || /ENOENT|not found/.test(srv.stderr)) return { missing: to.name };
  if (srv.exitCode !== 0) return { error: `iperf3 server on ${to.name}: ${srv.stderr.trim() || srv.stdout.trim()}` };
  await new Promise((r) => setTimeout(r, 300));
  const argv = [
    'iperf3',
    '-c',
    to.address,
    '-u',
    '-b',
    String(Math.round(shapeBps * 1.5)),
    '-l',
    String(IPERF_DATAGRAM),
  ];
  const r = await ctx.runtime.exec(
    from.namespace,
    [...argv, '-t', String(IPERF_SECONDS), '-J', '--get-server-output'],
    { timeoutMs: (IPERF_SECONDS + 15) * 1000 },
  );
  const rate = parseIperf(r.stdout, overhead);
  if (!rate)
    return { error: `iperf3 ${from.name} -> ${to.name} failed: ${(r.stderr || r.stdout).trim().slice(0, 200)}` };
  return { rate };
}

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

async function checkOne(ctx: CheckContext, t: QosTarget, ps: Packet[]): Promise<CheckResult> {
  const { hub, spoke, group, policy } = t;
  const nodes = [hub.name, spoke.name];
  const req = groupRequest(ps, spoke.nbma, group);
  const evidence = cite(`Registration Request from ${spoke.name} with NHRP group ${group} (Vendor-Private)`, [req]);
  const fail = (why: string, figures: Record<string, number | string | null> = {}) =>
    result('qos', nodes, 'fail', why, { step: `${spoke.name} group ${group}`, figures, evidence });
  if (t.shapeBps === undefined) return fail(`policy ${policy} of group ${group} has no shape average`);
  const src = ctx.view.hosts.find((h) => h.router === hub.name);
  const dst = ctx.view.hosts.find((h) => h.router === spoke.name);
  if (!src || !dst)
    return result('qos', nodes, 'skip', `needs a host behind ${hub.name} and one behind ${spoke.name}`, {
      step: `${spoke.name} group ${group}`,
    });
  // UDP 8 + inner IPv4 20 + GRE (4, 8 with a key) + outer IPv4 20
  const key = Object.values(hub.config.interfaces).find((i) => i.nhrp?.groupPolicies?.length)?.tunnel?.key;
  const run = await iperf(ctx, src, dst, t.shapeBps, 8 + 20 + (key === undefined ? 4 : 8) + 20);
  if (run.missing)
    return result('qos', nodes, 'skip', `iperf3 is not installed in ${run.missing}`, {
      step: `${spoke.name} group ${group}`,
      evidence,
    });
  const pm = (await controlJson(
    hub.control,
    `show policy-map multipoint ${hub.tunnel?.name ?? 'Tunnel0'} ${spoke.nbma ?? ''}`.trim(),
    3000,
  ).catch(() => undefined)) as PolicyMapMultipointJson | undefined;
  const peer = pm?.interfaces.flatMap((i) => i.peers).find((p) => p.nbma === spoke.nbma);
  const figures: Record<string, number | string | null> = {
    group,
    policy,
    configuredBps: t.shapeBps,
    hubShaperBps: peer?.shapeBps ?? null,
    hubShaperGroup: peer?.group ?? null,
    hubSentPackets: peer?.sentPackets ?? null,
    hubDelayedPackets: peer?.delayedPackets ?? null,
    hubQueueDrops: peer ? peer.classes.reduce((n, c) => n + c.queueDrops, 0) : null,
  };
  if (!run.rate) return fail(run.error ?? 'iperf3 failed', figures);
  const accuracy = run.rate.goodputBps / t.shapeBps;
  Object.assign(figures, {
    offeredBps: Math.round(t.shapeBps * 1.5),
    measuredBps: Math.round(run.rate.goodputBps),
    accuracy: round(accuracy),
    wireBps: Math.round(run.rate.wireBps),
    wireAccuracy: round(run.rate.wireBps / t.shapeBps),
    lostPercent: run.rate.lostPercent === null ? null : round(run.rate.lostPercent, 1),
    tolerance: `${QOS_ACCURACY.min}-${QOS_ACCURACY.max}`,
  });
  const rateText =
    `${(run.rate.goodputBps / 1e6).toFixed(3)} Mbit/s (UDP payload; ${(run.rate.wireBps / 1e6).toFixed(3)} with headers) ` +
    `for ${(t.shapeBps / 1e6).toFixed(3)} Mbit/s configured`;
  if (!peer)
    return fail(`${hub.name} shows no shaper for ${spoke.name} (${spoke.nbma}); iperf3 measured ${rateText}`, figures);
  if (peer.group !== group || peer.shapeBps !== t.shapeBps)
    return fail(
      `${hub.name} shapes ${spoke.name} by group ${peer.group} at ${peer.shapeBps} bit/s, expected group ${group} at ${t.shapeBps}`,
      figures,
    );
  if (!req)
    return fail(`no Registration Request from ${spoke.name} carries NHRP group ${group} in the captures`, figures);
  if (accuracy < QOS_ACCURACY.min || accuracy > QOS_ACCURACY.max)
    return fail(
      `iperf3 ${src.name} -> ${dst.name} measured ${rateText}: accuracy ${round(accuracy)} outside ${figures.tolerance}`,
      figures,
    );
  return result(
    'qos',
    nodes,
    'pass',
    `${spoke.name} registered with group ${group} (${where(req)}); ${hub.name} shapes it by ${policy}; iperf3 ` +
      `${src.name} -> ${dst.name} measured ${rateText} (accuracy ${round(accuracy)}, ${peer.delayedPackets} packets delayed, ` +
      `${figures.hubQueueDrops} dropped)`,
    { step: `${spoke.name} group ${group}`, figures, evidence },
  );
}

/** The qos check. */
export const qosCheck: Check = {
  name: 'qos',
  summary: 'spokes in an NHRP group are shaped by the hub to the group policy rate (iperf3 from the hub side)',
  notApplicable: (view) =>
    qosTargets(view.hubs, view.spokes).length > 0
      ? undefined
      : 'no spoke registers with an NHRP group its hub maps to a QoS policy',
  async run(ctx) {
    const ps = await capturedPackets(ctx.pcaps);
    const out: CheckResult[] = [];
    for (const t of qosTargets(ctx.view.hubs, ctx.view.spokes)) out.push(await checkOne(ctx, t, ps));
    return out;
  },
};
