/**
 * One try of each kind of assertion on the running lab, through the routers' control sockets and
 * ping in the nodes' namespaces: it says whether the assertion holds, what was found, and the show
 * output (and packets) that decided it.
 */
import { sendControl } from '../../node/api/index.js';
import type { NhrpJson, RouteTableJson } from '../../node/api/index.js';
import { inPrefix, networkOf, parseCidr } from '../../wire/ipv4-addr.js';
import { capturedPackets, type CheckContext } from '../checks/context.js';
import { cite, dataOf } from '../checks/evidence.js';
import { runPair } from '../checks/observe.js';
import { ping } from '../checks/traffic.js';
import { hostBehind } from '../checks/view.js';
import { adjacencyAttempt } from './adjacency.js';
import { type Attempt, control, outputOf, resolve, showJson, TIMEOUT_MS } from './ask.js';
import { judgeJson, judgeText } from './conditions.js';
import type { Expectation } from './model.js';

/** One try of `e`. Throws when the router cannot be asked (the try counts as failed with that reason). */
export async function attempt(ctx: CheckContext, e: Expectation): Promise<Attempt> {
  switch (e.kind) {
    case 'show': {
      if (e.spec.text === true) {
        const answer = await sendControl(control(ctx, e.spec.node), e.spec.show, [], undefined, TIMEOUT_MS);
        if (/^% /m.test(answer) && !/\S/.test(answer.replace(/^%.*$/gm, '')))
          return {
            ok: false,
            found: `the router answered: ${answer.trim()}`,
            output: outputOf(e.spec.node, e.spec.show, answer),
          };
        return { ...judgeText(e.spec, answer), output: outputOf(e.spec.node, e.spec.show, answer) };
      }
      const { doc, output } = await showJson(ctx, e.spec.node, e.spec.show);
      return { ...judgeJson(e.spec, e.steps, doc), output };
    }
    case 'route':
      return routeAttempt(ctx, e.spec);
    case 'nhrp':
      return nhrpAttempt(ctx, e.spec);
    case 'ping':
      return pingAttempt(ctx, e.spec);
    case 'shortcut':
      return shortcutAttempt(ctx, e.spec.shortcut);
    case 'adjacency':
      return adjacencyAttempt(ctx, e.spec);
  }
}

async function routeAttempt(ctx: CheckContext, s: Extract<Expectation, { kind: 'route' }>['spec']): Promise<Attempt> {
  const c = parseCidr(s.route)!;
  const network = `${networkOf(c.address, c.prefixLength)}/${c.prefixLength}`;
  const via = s.via === undefined ? undefined : resolve(ctx, s.via);
  const { doc, output } = await showJson(ctx, s.on, 'show ip route');
  const routes = (doc as RouteTableJson).routes.filter((r) => `${r.prefix}/${r.prefixLength}` === network);
  const describe = (r: RouteTableJson['routes'][number]) =>
    `${r.code} ${r.prefix}/${r.prefixLength}${r.nextHop ? ` via ${r.nextHop}` : ''}${r.interface ? ` ${r.interface}` : ''}`;
  const fit = routes.find(
    (r) => (via === undefined || r.nextHop === via) && (s.code === undefined || r.code === s.code),
  );
  if (fit) return { ok: true, found: `${s.on} has ${describe(fit)}`, output };
  const want = `${network}${via ? ` via ${via}` : ''}${s.code ? ` code ${s.code}` : ''}`;
  const found = routes.length > 0 ? `has ${routes.map(describe).join(', ')}` : `has no route ${network}`;
  return { ok: false, found: `${s.on} ${found}, expected ${want}`, output };
}

async function nhrpAttempt(ctx: CheckContext, s: Extract<Expectation, { kind: 'nhrp' }>['spec']): Promise<Attempt> {
  const address = resolve(ctx, s.nhrp);
  const { doc, output } = await showJson(ctx, s.on, 'show ip nhrp');
  const entries = (doc as NhrpJson).interfaces
    .flatMap((i) => i.entries)
    .filter((x) => inPrefix(address, x.prefix, x.prefixLength));
  const describe = (x: (typeof entries)[number]) => `${x.network} ${x.type} nbma ${x.nbma ?? 'none'}`;
  const fit = entries.find(
    (x) => (s.nbma === undefined || x.nbma === s.nbma) && (s.type === undefined || x.type === s.type),
  );
  if (fit) return { ok: true, found: `${s.on} has the NHRP entry ${describe(fit)}`, output };
  const want = `${address}${s.nbma ? ` nbma ${s.nbma}` : ''}${s.type ? ` ${s.type}` : ''}`;
  const found = entries.length > 0 ? `has ${entries.map(describe).join(', ')}` : `has no NHRP entry for ${address}`;
  return { ok: false, found: `${s.on} ${found}, expected ${want}`, output };
}

async function pingAttempt(ctx: CheckContext, s: Extract<Expectation, { kind: 'ping' }>['spec']): Promise<Attempt> {
  const dst = resolve(ctx, s.ping);
  const ns = ctx.view.state.nodes.find((n) => n.name === s.from)?.namespace;
  if (ns === undefined) throw new Error(`no node ${s.from} in lab ${ctx.view.state.name}`);
  const r = await ping(ctx.runtime, ns, dst, { count: s.count ?? 3, intervalMs: 200 });
  const window = { from: r.startedAt, to: r.endedAt };
  const ps = ctx.pcaps.length > 0 ? await capturedPackets(ctx.pcaps) : [];
  const req = dataOf(ps, { innerDst: dst, icmpType: 8, window })[0];
  const rep = dataOf(ps, { innerSrc: dst, icmpType: 0, window })[0];
  const evidence = [
    ...cite(`echo request to ${dst} over the Internet`, [req]),
    ...cite(`echo reply from ${dst}`, [rep]),
  ];
  const summary = `${r.sent} packets transmitted, ${r.received} received, rtt avg ${r.rttAvgMs ?? '-'} ms`;
  const output = `${s.from}$ ping -c ${s.count ?? 3} ${dst}\n${summary}`;
  const figures = { sent: r.sent, received: r.received, rttAvgMs: r.rttAvgMs };
  return r.received > 0
    ? { ok: true, found: `${s.from} reaches ${dst}: ${r.received}/${r.sent} replies`, output, evidence, figures }
    : { ok: false, found: `${s.from} gets no reply from ${dst}: ${r.sent} echoes`, output, evidence, figures };
}

async function shortcutAttempt(ctx: CheckContext, [from, to]: [string, string]): Promise<Attempt> {
  const a = ctx.view.routers.find((r) => r.name === from)!;
  const b = ctx.view.routers.find((r) => r.name === to)!;
  const [ha, hb] = [hostBehind(ctx.view, a), hostBehind(ctx.view, b)];
  if (!ha || !hb) throw new Error(`a shortcut needs a LAN host behind ${!ha ? from : to}`);
  const run = await runPair(ctx, a, b, { count: 10, intervalMs: 50 });
  const { output } = await showJson(ctx, from, 'show ip route nhrp');
  const evidence = [
    ...cite('Resolution Reply to the first spoke', [run.reply]),
    ...cite(`first echo straight from ${from} to ${to}`, [run.direct[0]]),
  ];
  const figures = { received: run.ping.received, direct: run.direct.length, viaHub: run.viaHub.length };
  if (run.shortcut) {
    const route = `${run.shortcut.prefix}/${run.shortcut.prefixLength} via ${run.shortcut.nextHop ?? '-'}`;
    return { ok: true, found: `${from} has the shortcut ${route} toward ${hb.name}`, output, evidence, figures };
  }
  return {
    ok: false,
    found: `${from} has no NHRP shortcut (H) toward ${hb.name} (${hb.address}) after ${run.ping.sent} echoes from ${ha.name}`,
    output,
    evidence,
    figures,
  };
}
