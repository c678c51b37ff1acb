/**
 * registration: every spoke is registered with each of its NHSs (on each of its tunnels: dual cloud), and each hub's cache lists the spoke
 * at the right NBMA address (the NAT outside address for a spoke behind NAT). Evidence: the
 * Registration Request and its Reply, or the hub's Error Indication.
 */
import { errorCodeName, cieCodeName } from '../../wire/index.js';
import { capturedPackets, pollUntil, type Check } from './context.js';
import { spokeHubProblems, withProblems } from './diagnose.js';
import { cite, gapMs, nhrpOf, NhrpType, where } from './evidence.js';
import { result, type CheckResult } from './model.js';
import type { Packet } from './packets.js';
import { readCache, readNhs, type CacheRow, type NhsRow } from './routers.js';
import { tunnelSourceAddress, type TunnelFacts } from './config-facts.js';
import { hubByAddress, publicNbma, type LabView, type RouterView } from './view.js';
import { ipv6Registrations } from './registration6.js';

/** Registration Request from the spoke and the Reply to it, and any Error Indication from the hub. */
function registrationFrames(ps: Packet[], from: string | undefined, hubNbma: string | undefined) {
  const requests = nhrpOf(ps, NhrpType.RegistrationRequest, {
    ...(from ? { src: from } : {}),
    ...(hubNbma ? { dst: hubNbma } : {}),
  });
  const replies = nhrpOf(ps, NhrpType.RegistrationReply, {
    ...(hubNbma ? { src: hubNbma } : {}),
    ...(from ? { dst: from } : {}),
  });
  const answered = requests
    .map((q) => ({ q, r: replies.find((r) => r.nhrp!.requestId === q.nhrp!.requestId && r.timeMs >= q.timeMs) }))
    .find((x) => x.r);
  const errors = nhrpOf(ps, NhrpType.ErrorIndication, {
    ...(hubNbma ? { src: hubNbma } : {}),
    ...(from ? { dst: from } : {}),
  });
  return { request: answered?.q ?? requests[0], reply: answered?.r, requests, errors };
}

async function hubCache(cache: Map<string, Promise<CacheRow[] | Error>>, hub: RouterView): Promise<CacheRow[] | Error> {
  if (!cache.has(hub.name))
    cache.set(
      hub.name,
      readCache(hub.control).catch((e: Error) => e),
    );
  return cache.get(hub.name)!;
}

/** One NHRP tunnel of a spoke that registers (dual cloud: one per cloud): its address and NBMA address seen. */
interface SpokeTunnel {
  tunnel: TunnelFacts;
  address?: string;
  nbma?: string;
}

/** The spoke's tunnels with an NHS, not shut down: its NHRP tunnel first, then the others (dual cloud). */
function registeringTunnels(spoke: RouterView): SpokeTunnel[] {
  const main = spoke.tunnel!;
  const others = spoke.facts.tunnels.filter((t) => t !== main && t.name !== main.name && t.nhs.length > 0);
  return [main, ...others]
    .filter((t) => !t.shutdown)
    .map((t) => {
      const nbma = t === main ? publicNbma(spoke) : tunnelSourceAddress(spoke.facts, t);
      return {
        tunnel: t,
        ...(t.address !== undefined ? { address: t.address } : {}),
        ...(nbma !== undefined ? { nbma } : {}),
      };
    });
}

async function onePair(
  view: LabView,
  ps: Packet[],
  spoke: RouterView,
  own: SpokeTunnel,
  nhs: { protocol: string; nbma?: string },
  rows: NhsRow[] | Error,
  caches: Map<string, Promise<CacheRow[] | Error>>,
): Promise<CheckResult> {
  const hub = hubByAddress(view, nhs.protocol);
  const nodes = [spoke.name, hub?.name ?? nhs.protocol];
  const problems = spokeHubProblems(view, spoke, nhs);
  const expected = own.nbma;
  const f = registrationFrames(ps, expected, hub?.nbma ?? nhs.nbma);
  const evidence = [
    ...cite('Registration Request', [f.request]),
    ...cite('Registration Reply', [f.reply]),
    ...cite('Error Indication from the NHS', f.errors.slice(0, 1)),
  ];
  const row = rows instanceof Error ? undefined : rows.find((r) => r.address === nhs.protocol);
  const figures = {
    nhsState: row?.state ?? null,
    requestsSent: row?.requestsSent ?? f.requests.length,
    repliesReceived: row?.repliesReceived ?? null,
    registrationRttMs: gapMs(f.request, f.reply),
  };
  const fail = (why: string) =>
    result('registration', nodes, 'fail', withProblems(why, problems), { figures, evidence });
  if (rows instanceof Error) return fail(`cannot read ${spoke.name}'s NHS table: ${rows.message}`);
  if (!hub) return fail(`${spoke.name} is not registered with ${nhs.protocol}`);
  const err = f.errors[0]?.nhrp;
  const refused = f.reply?.nhrp?.cies.find((c) => c.code !== 0);
  if (!row?.up) {
    const seen = err
      ? `; ${hub.name} answered with Error Indication "${errorCodeName(err.requestId >>> 16)}" (${where(f.errors[0]!)})`
      : refused
        ? `; ${hub.name} refused it: ${cieCodeName(refused.code)}`
        : f.requests.length > 0
          ? `; ${f.requests.length} Registration Requests seen, no Reply`
          : '; no Registration Request reached the Internet';
    return fail(
      `${spoke.name} is not registered with ${hub.name} (NHS ${nhs.protocol} ${row?.state ?? 'missing'})${seen}`,
    );
  }
  const cache = await hubCache(caches, hub);
  if (cache instanceof Error) return fail(`cannot read ${hub.name}'s NHRP cache: ${cache.message}`);
  const entry = cache.find((e) => e.prefix === own.address && e.nbma !== null);
  if (!entry) return fail(`${hub.name}'s cache has no entry for ${spoke.name} (${own.address ?? '?'})`);
  if (entry.nbma !== expected) {
    return fail(
      `${hub.name} lists ${spoke.name} (${own.address}) at NBMA ${entry.nbma}, expected ${expected}${spoke.nat ? ` (outside address of ${spoke.nat.node})` : ''}`,
    );
  }
  const nat = spoke.nat ? ` (post-NAT; ${spoke.name}'s own address is ${spoke.nbma})` : '';
  return result(
    'registration',
    nodes,
    'pass',
    `${spoke.name} registered with ${hub.name} (NHS ${nhs.protocol} ${row.state}); ${hub.name} lists ${own.address} at NBMA ${entry.nbma}${nat}`,
    { figures, evidence },
  );
}

/** The registration check. */
export const registrationCheck: Check = {
  name: 'registration',
  summary:
    'every spoke is registered with each of its NHSs; hub caches list every spoke at its (post-NAT) NBMA address',
  notApplicable: (view) => (view.spokes.length === 0 ? 'no spoke (no router has "ip nhrp nhs")' : undefined),
  async run(ctx) {
    const { view } = ctx;
    // A tunnel shut down in the configuration (as published) registers with nothing: nothing to expect.
    const spokes = view.spokes.filter((s) => !s.tunnel!.shutdown);
    const pairs = spokes.flatMap((s) =>
      registeringTunnels(s).flatMap((t) =>
        t.tunnel.nhs.map((nhs) => ({ t, nhs, hub: hubByAddress(view, nhs.protocol) })),
      ),
    );
    const captured = (ps: Packet[]) =>
      pairs.every(({ t, nhs, hub }) => registrationFrames(ps, t.nbma, hub?.nbma ?? nhs.nbma).requests.length > 0);
    let ps = await capturedPackets(ctx.pcaps);
    if (!captured(ps)) {
      // A lab that was up before the captures started: the next refresh shows each registration.
      const waitMs =
        Math.min(
          30,
          Math.max(...spokes.map((s) => s.tunnel!.registrationTimeout ?? (s.tunnel!.holdtime ?? 7200) / 3)),
        ) *
          1000 +
        1000;
      ctx.progress(`waiting up to ${waitMs / 1000} s for every registration to show in the captures`);
      ps =
        (await pollUntil(
          async () => {
            const now = await capturedPackets(ctx.pcaps);
            return captured(now) ? now : undefined;
          },
          waitMs,
          500,
        )) ?? (await capturedPackets(ctx.pcaps));
    }
    const caches = new Map<string, Promise<CacheRow[] | Error>>();
    const out: CheckResult[] = [];
    for (const spoke of view.spokes) {
      if (spoke.tunnel!.shutdown) {
        const why = `${spoke.name}'s ${spoke.tunnel!.name} is shut down in its configuration: no registration expected`;
        out.push(result('registration', [spoke.name], 'skip', why));
        continue;
      }
      const rows = await readNhs(spoke.control).catch((e: Error) => e);
      for (const t of registeringTunnels(spoke))
        for (const nhs of t.tunnel.nhs) out.push(await onePair(view, ps, spoke, t, nhs, rows, caches));
    }
    out.push(...(await ipv6Registrations(view)));
    return out;
  },
};
