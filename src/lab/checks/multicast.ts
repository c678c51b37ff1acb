/**
 * multicast: where routers run PIM (`ip multicast-routing`, `ip pim sparse-mode` on their LANs), a
 * stream from a host behind one spoke to a group is received by every host behind the other PIM
 * routers (hub and spokes), each joined with IGMP; and the hub replicates it: the capture of the
 * hub's NBMA link shows the spoke's copy coming in and one GRE copy going out to each spoke with a
 * receiver. Spoke-to-spoke needs `ip pim nbma-mode` on the hub tunnel (docs/multicast.md).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { controlJson } from '../../node/api/index.js';
import type { IgmpGroupsJson, MrouteJson } from '../../node/api/index.js';
import { capturedPackets, pollUntil, type Check, type CheckContext } from './context.js';
import { cite, dataOf } from './evidence.js';
import { result, type CheckResult } from './model.js';
import { parseReceiver, RECEIVER, SENDER, STOPPER } from './multicast-programs.js';
import { publicNbma, type HostView, type LabView, type RouterView } from './view.js';

/** The group, port and stream of the check. */
export const MULTICAST_GROUP = '239.1.1.1';
const PORT = 50001;
const COUNT = 50;
const GAP_MS = 20;
/** Share of the stream a receiver must get (the first packets may go while the tree is built). */
const ENOUGH = 0.8;

function runsPim(r: RouterView): boolean {
  const c = r.config;
  return c.multicast?.routing === true && Object.values(c.interfaces).some((i) => i.pim?.mode !== undefined);
}

/** Hosts behind routers that run PIM: the source (behind a spoke) and the receivers (the others). */
function roles(view: LabView): { source: HostView; receivers: HostView[] } | undefined {
  const pim = new Set(view.routers.filter(runsPim).map((r) => r.name));
  const hosts = view.hosts.filter((h) => h.router !== undefined && pim.has(h.router));
  const source = hosts.find((h) => view.spokes.some((s) => s.name === h.router));
  if (!source) return undefined;
  const receivers = hosts.filter((h) => h !== source);
  return receivers.length > 0 ? { source, receivers } : undefined;
}

const routerOf = (view: LabView, h: HostView): RouterView | undefined => view.routers.find((r) => r.name === h.router);

/** Waits until each receiver's router lists the group and the hub forwards it to every spoke with one. */
async function joinsIn(view: LabView, receivers: HostView[], timeoutMs: number): Promise<boolean> {
  const routers = [...new Set(receivers.map((h) => routerOf(view, h)).filter((r) => r !== undefined))];
  const spokes = routers.filter((r) => view.spokes.includes(r)).length;
  const hub = view.hubs.find(runsPim);
  const ok = await pollUntil(
    async () => {
      for (const r of routers) {
        const j = (await controlJson(r.control, 'show ip igmp groups', 3000)) as IgmpGroupsJson;
        if (!j.groups.some((g) => g.group === MULTICAST_GROUP)) return undefined;
      }
      if (!hub || spokes === 0) return true;
      const m = (await controlJson(hub.control, `show ip mroute ${MULTICAST_GROUP}`, 3000)) as MrouteJson;
      const star = m.entries.find((e) => e.source === '*');
      const tunnel = star?.outgoing.filter((o) => o.interface.startsWith('Tunnel')) ?? [];
      // nbma-mode lists one entry per joined spoke; otherwise the tunnel once
      const need = tunnel.some((o) => o.nextHop !== null) ? spokes : 1;
      return tunnel.length >= need ? true : undefined;
    },
    timeoutMs,
    250,
  );
  return ok === true;
}

async function run(ctx: CheckContext): Promise<CheckResult[]> {
  const view = ctx.view;
  const r = roles(view)!;
  const node = ctx.runtime.name === 'netns' ? process.execPath : 'node';
  const listenMs = 40_000;
  const receiving = r.receivers.map((h) =>
    ctx.runtime
      .exec(h.namespace, [node, '-e', RECEIVER, MULTICAST_GROUP, String(PORT), h.address, String(listenMs)], {
        timeoutMs: listenMs + 10_000,
      })
      .then((x) => parseReceiver(x.stdout)),
  );
  ctx.progress(`multicast: ${r.receivers.length} receivers join ${MULTICAST_GROUP}, waiting for the tree`);
  const joined = await joinsIn(view, r.receivers, 25_000);
  await sleep(500);
  const startedAt = Date.now();
  await ctx.runtime.exec(
    r.source.namespace,
    [node, '-e', SENDER, MULTICAST_GROUP, String(PORT), r.source.address, String(COUNT), String(GAP_MS)],
    { timeoutMs: 20_000 },
  );
  // receivers that got the stream stop 1.5 s after it; those that did not are told to stop now
  await sleep(2000);
  await Promise.all(
    r.receivers.map((h) =>
      ctx.runtime.exec(h.namespace, [node, '-e', STOPPER, String(PORT)], { timeoutMs: 5000 }).catch(() => undefined),
    ),
  );
  const got = await Promise.all(receiving);
  const out: CheckResult[] = got.map((g, i) => {
    const h = r.receivers[i]!;
    const received = g?.distinct ?? 0;
    const pass = received >= Math.ceil(ENOUGH * COUNT);
    const reason = pass
      ? `${h.name} received ${received} of ${COUNT} datagrams to ${MULTICAST_GROUP} from ${r.source.name}`
      : `${h.name} received ${received} of ${COUNT} datagrams to ${MULTICAST_GROUP} from ${r.source.name}` +
        (joined ? '' : ' (the joins had not reached the hub)');
    return result('multicast', [r.source.name, h.name], pass ? 'pass' : 'fail', reason, {
      figures: { sent: COUNT, received, group: MULTICAST_GROUP },
    });
  });
  out.push(await replication(ctx, r, startedAt));
  return out;
}

/** The hub's NBMA capture: the source spoke's copy in, one copy out per spoke with a receiver. */
async function replication(
  ctx: CheckContext,
  r: { source: HostView; receivers: HostView[] },
  from: number,
): Promise<CheckResult> {
  const view = ctx.view;
  const hub = view.hubs.find(runsPim);
  const src = routerOf(view, r.source);
  const hubNbma = hub ? publicNbma(hub) : undefined;
  if (!hub || !src || hubNbma === undefined)
    return result('multicast', [hub?.name ?? '-'], 'skip', 'no hub runs PIM: no replication to see');
  const pcap = ctx.pcaps.find((p) => p.split('/').pop()?.startsWith(`${hub.name}-`));
  if (!pcap) return result('multicast', [hub.name], 'skip', "the hub's NBMA link was not captured");
  const ps = (await capturedPackets([pcap])).filter((p) => p.timeMs >= from - 1000);
  const spokes = [
    ...new Set(r.receivers.map((h) => routerOf(view, h)).filter((x) => x && view.spokes.includes(x))),
  ] as RouterView[];
  const inbound = dataOf(ps, { src: publicNbma(src), dst: hubNbma, innerDst: MULTICAST_GROUP });
  const figures: Record<string, number> = { fromSource: inbound.length };
  const evidence = [...cite(`${src.name}'s stream to ${MULTICAST_GROUP}, into the hub`, inbound.slice(0, 3))];
  const short: string[] = [];
  for (const s of spokes) {
    const copies = dataOf(ps, { src: hubNbma, dst: publicNbma(s), innerDst: MULTICAST_GROUP });
    figures[s.name] = copies.length;
    if (copies.length < Math.ceil(ENOUGH * COUNT)) short.push(`${s.name} ${copies.length}`);
    evidence.push(...cite(`the hub's copy to ${s.name}`, copies.slice(0, 3)));
  }
  const list = spokes.map((s) => `${figures[s.name]} to ${s.name}`).join(', ');
  if (short.length > 0)
    return result('multicast', [hub.name], 'fail', `the hub did not replicate the stream: ${list} (of ${COUNT})`, {
      figures,
      evidence,
    });
  return result(
    'multicast',
    [hub.name],
    'pass',
    `the hub replicated ${src.name}'s stream, one GRE copy per spoke: ${inbound.length} in, ${list || 'no spoke receivers'}`,
    { figures, evidence },
  );
}

export const multicastCheck: Check = {
  name: 'multicast',
  summary:
    'a multicast stream from a host behind a spoke reaches every host behind the other PIM routers; the hub replicates it',
  notApplicable(view: LabView) {
    if (!view.routers.some(runsPim)) return 'no router runs PIM (ip multicast-routing and ip pim sparse-mode)';
    if (!roles(view)) return 'needs a host behind a PIM spoke and another behind a PIM router';
    return undefined;
  },
  run,
};
