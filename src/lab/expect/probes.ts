/**
 * One try of each kind of assertion on the running lab, through the routers' control sockets and
 * ping in the nodes' namespaces: it says whether the assertion holds, what was found, and the show
 * output (and packets) that decided it.
 */
import { controlJson, sendControl } from '../../node/api/index.js';
import type { NhrpJson, RouteTableJson } from '../../node/api/index.js';
import { inPrefix, networkOf, parseCidr } from '../../wire/ipv4-addr.js';
import { capturedPackets, type CheckContext } from '../checks/context.js';
import { cite, dataOf } from '../checks/evidence.js';
import type { Evidence, Figure } from '../checks/model.js';
import { runPair } from '../checks/observe.js';
import { ping } from '../checks/traffic.js';
import { hostBehind } from '../checks/view.js';
import { judgeJson, judgeText } from './conditions.js';
import type { Expectation } from './load.js';

/** What one try found. */
export interface Attempt {
  ok: boolean;
  /** One line: what was found. */
  found: string;
  /** The output that decided it (a show command's answer, as text). */
  output: string;
  evidence?: Evidence[];
  figures?: Record<string, Figure>;
}

/** The fields read of the routing protocols' neighbor lists (docs/show-json.md). */
interface OspfNeighborJson {
  neighbors: Array<{ neighborId: string; address: string; state: string }>;
}
interface BgpSummaryJson {
  peers: Array<{ neighbor: string; state: string }>;
}
interface EigrpNeighborsJson {
  neighbors: Array<{ address: string; up: boolean }>;
}

const MAX_OUTPUT = 8000;
const TIMEOUT_MS = 5000;

/** Answer text as kept in a result: the command, then the answer (cut at 8000 characters). */
function outputOf(node: string, command: string, answer: string): string {
  const text = answer.length > MAX_OUTPUT ? `${answer.slice(0, MAX_OUTPUT)}\n… (${answer.length} characters)` : answer;
  return `${node}# ${command}\n${text.trimEnd()}`;
}

/** A node's address for assertions: a host's address, a router's tunnel address; an IPv4 address as is. */
export function addressOf(ctx: CheckContext, nameOrAddress: string): string | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(nameOrAddress)) return nameOrAddress;
  const host = ctx.view.hosts.find((h) => h.name === nameOrAddress);
  if (host) return host.address;
  return ctx.view.routers.find((r) => r.name === nameOrAddress)?.tunnelAddress;
}

function control(ctx: CheckContext, node: string): string {
  const r = ctx.view.routers.find((x) => x.name === node);
  if (!r?.control) throw new Error(`${node} has no control socket (is it a router of lab ${ctx.view.state.name}?)`);
  return r.control;
}

async function showJson(ctx: CheckContext, node: string, command: string): Promise<{ doc: unknown; output: string }> {
  const doc = await controlJson(control(ctx, node), command, TIMEOUT_MS);
  return { doc, output: outputOf(node, `${command} json`, JSON.stringify(doc, null, 2)) };
}

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

function resolve(ctx: CheckContext, nameOrAddress: string): string {
  const a = addressOf(ctx, nameOrAddress);
  if (a === undefined)
    throw new Error(`${nameOrAddress} has no address to assert on (a host or a router with a tunnel)`);
  return a;
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

async function adjacencyAttempt(
  ctx: CheckContext,
  s: Extract<Expectation, { kind: 'adjacency' }>['spec'],
): Promise<Attempt> {
  const peer = s.with === undefined ? undefined : resolve(ctx, s.with);
  let rows: Array<{ id: string; addresses: string[]; up: boolean; state: string }>;
  let output: string;
  if (s.adjacency === 'ospf') {
    const r = await showJson(ctx, s.on, 'show ip ospf neighbor');
    output = r.output;
    rows = (r.doc as OspfNeighborJson).neighbors.map((n) => ({
      id: n.neighborId,
      addresses: [n.address, n.neighborId],
      up: n.state.startsWith('FULL'),
      state: n.state,
    }));
  } else if (s.adjacency === 'bgp') {
    const r = await showJson(ctx, s.on, 'show ip bgp summary');
    output = r.output;
    rows = (r.doc as BgpSummaryJson).peers.map((p) => ({
      id: p.neighbor,
      addresses: [p.neighbor],
      up: p.state === 'Established',
      state: p.state,
    }));
  } else {
    const r = await showJson(ctx, s.on, 'show ip eigrp neighbors');
    output = r.output;
    rows = (r.doc as EigrpNeighborsJson).neighbors.map((n) => ({
      id: n.address,
      addresses: [n.address],
      up: n.up,
      state: n.up ? 'up' : 'init',
    }));
  }
  const mine = peer === undefined ? rows : rows.filter((r) => r.addresses.includes(peer));
  const up = mine.filter((r) => r.up);
  const need = s.atLeast ?? 1;
  const list = mine.map((r) => `${r.id} ${r.state}`).join(', ') || 'none';
  const what = peer === undefined ? `${s.adjacency} neighbors` : `${s.adjacency} neighbor ${peer}`;
  return up.length >= need
    ? { ok: true, found: `${s.on}: ${up.length} ${what} up (${list})`, output, figures: { up: up.length } }
    : {
        ok: false,
        found: `${s.on}: ${up.length} ${what} up, expected ${need} (${list})`,
        output,
        figures: { up: up.length },
      };
}
