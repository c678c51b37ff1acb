/**
 * nat: spokes behind NAT register, learn their outside address (the Cisco NAT extension of the
 * Registration Reply, `show ip nhrp nhs`), and reach the other spokes: directly after resolution
 * where the NATs let GRE through, via the hub otherwise. The result says which.
 */
import { capturedPackets, type Check, type CheckContext } from './context.js';
import { spokeProblems, withProblems } from './diagnose.js';
import { cite, echoCount, nhrpOf, NhrpType, where } from './evidence.js';
import { result, type CheckResult } from './model.js';
import { runPair } from './observe.js';
import type { Packet } from './packets.js';
import { freshPair } from './phase.js';
import { readCache, readNhs } from './routers.js';
import { hubByAddress, spokePairs, type RouterView } from './view.js';

/** The Registration Reply to `outside` whose Cisco NAT extension names `outside`. */
function natReply(ps: Packet[], outside: string): Packet | undefined {
  return nhrpOf(ps, NhrpType.RegistrationReply, { dst: outside }).find((p) =>
    p.nhrp!.extensions.some((e) => e.type === 'ciscoNat' && e.cies.some((c) => c.nbmaAddress === outside)),
  );
}

async function outsideAddress(ctx: CheckContext, ps: Packet[], s: RouterView): Promise<CheckResult> {
  const nat = s.nat!;
  const nodes = [s.name, nat.node];
  const reply = natReply(ps, nat.outside);
  const evidence = cite(`Registration Reply to ${nat.outside} with the Cisco NAT extension`, [reply]);
  const rows = await readNhs(s.control).catch(() => []);
  const learned = rows.find((r) => r.natOutside !== null)?.natOutside ?? null;
  const figures = { inside: s.nbma ?? null, outside: nat.outside, learned, nhsUp: rows.filter((r) => r.up).length };
  const fail = (why: string) =>
    result('nat', nodes, 'fail', withProblems(why, spokeProblems(ctx.view, s)), {
      step: 'outside address',
      figures,
      evidence,
    });
  if (!rows.some((r) => r.up))
    return fail(`${s.name} (inside ${s.nbma}) is registered with no NHS through ${nat.node}`);
  for (const n of s.tunnel!.nhs) {
    const hub = hubByAddress(ctx.view, n.protocol);
    if (!hub) continue;
    const entry = (await readCache(hub.control).catch(() => [])).find(
      (e) => e.prefix === s.tunnelAddress && e.nbma !== null,
    );
    if (entry?.nbma !== nat.outside)
      return fail(
        `${hub.name} lists ${s.name} at NBMA ${entry?.nbma ?? 'nothing'}, expected the outside address ${nat.outside}`,
      );
  }
  if (learned !== nat.outside && !reply)
    return fail(
      `${s.name} did not learn its outside address ${nat.outside} (NHS table says ${learned ?? 'nothing'}, no Registration Reply carries it)`,
    );
  const how =
    learned === nat.outside ? `show ip nhrp nhs says ${learned}` : `the Registration Reply says so (${where(reply!)})`;
  return result(
    'nat',
    nodes,
    'pass',
    `${s.name} (inside ${s.nbma}) registered through ${nat.node}; hubs list it at ${nat.outside}; it knows its outside address: ${how}`,
    { step: 'outside address', figures, evidence },
  );
}

/** The nat check. */
export const natCheck: Check = {
  name: 'nat',
  summary:
    'spokes behind NAT register, learn their outside address and reach each other (direct or via the hub, said which)',
  notApplicable: (view) => (view.spokes.some((s) => s.nat) ? undefined : 'no spoke is behind a NAT gateway'),
  async run(ctx) {
    const out: CheckResult[] = [];
    const ps = await capturedPackets(ctx.pcaps);
    for (const s of ctx.view.spokes.filter((x) => x.nat)) out.push(await outsideAddress(ctx, ps, s));
    for (const [a, b] of spokePairs(ctx.view).filter(([x, y]) => x.nat || y.nat)) {
      await freshPair(ctx, a, b);
      const r = await runPair(ctx, a, b);
      const direct = r.direct.length > 0;
      const figures = {
        path: direct ? 'direct' : 'hub',
        sent: r.ping.sent,
        lost: r.ping.lost,
        viaHubPackets: echoCount(r.viaHub),
        directPackets: echoCount(r.direct),
        setupMs: r.first && r.direct[0] ? Math.round((r.direct[0].timeMs - r.first.timeMs) * 10) / 10 : null,
      };
      const evidence = [
        ...cite('first echo via the hub', [r.viaHub[0]]),
        ...cite('Resolution Request', [r.request]),
        ...cite('Resolution Reply', [r.reply]),
        ...cite('first direct echo', [r.direct[0]]),
      ];
      const step = 'spoke to spoke';
      if (r.ping.received === 0) {
        out.push(
          result(
            'nat',
            [a.name, b.name],
            'fail',
            withProblems(`${r.ha.name} cannot reach ${r.hb.name} (${r.ping.sent} echoes, no reply)`, [
              ...spokeProblems(ctx.view, a),
              ...spokeProblems(ctx.view, b),
            ]),
            { step, figures, evidence },
          ),
        );
        continue;
      }
      const why = direct
        ? `directly ${r.direct[0]!.src}→${r.direct[0]!.dst} after resolution (${where(r.direct[0]!)})`
        : `via the hub only: ${!r.request ? `${a.name} sent no Resolution Request` : !r.reply ? `no Resolution Reply came back to ${a.name}` : `${b.name} answered (${where(r.reply)}) but no GRE went directly between the outside addresses: the NATs do not let it through`}`;
      out.push(
        result(
          'nat',
          [a.name, b.name],
          'pass',
          `${r.ha.name} reaches ${r.hb.name} (${r.ping.received}/${r.ping.sent}) ${why}`,
          { step, figures, evidence },
        ),
      );
    }
    return out;
  },
};
