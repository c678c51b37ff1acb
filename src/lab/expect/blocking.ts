/**
 * The configuration mistakes that keep one assertion from ever holding, so that it is tried as in a
 * settled lab instead of waiting out its budget: a spoke off the tunnel (checks/diagnose.ts) for any
 * assertion on it, and a routing mistake (checks/routing-blocking.ts) for what needs routing — an
 * adjacency, a learned route, a ping or a shortcut between LANs. `show` and `nhrp` assertions wait on
 * routing mistakes: what they read may hold without routing.
 */
import type { CheckContext } from '../checks/context.js';
import { blockingProblems } from '../checks/diagnose.js';
import type { RoutingProtocol } from '../checks/routing-packets.js';
import { routingBlockingProblems, type RoutingNeed } from '../checks/routing-blocking.js';
import { hostBehind } from '../checks/view.js';
import { parseCidr } from '../../wire/ipv4-addr.js';
import { resolve } from './ask.js';
import type { Expectation } from './model.js';

/** The routing protocol of a route code (`O`, `O IA`, `D EX`, `R`, `B`); undefined for any other source. */
const CODE: Record<string, RoutingProtocol> = { O: 'ospf', D: 'eigrp', R: 'rip', B: 'bgp' };

/** What `e` needs of the routing, as one or more needs (a shortcut: both ways). */
function needsOf(ctx: CheckContext, e: Expectation): RoutingNeed[] {
  const view = ctx.view;
  switch (e.kind) {
    case 'adjacency': {
      const s = e.spec;
      const peer = s.with === undefined ? undefined : resolve(ctx, s.with);
      return [
        {
          kind: 'adjacency',
          protocol: s.adjacency,
          on: s.on,
          ...(peer !== undefined ? { with: peer } : {}),
          ...(s.atLeast !== undefined ? { atLeast: s.atLeast } : {}),
        },
      ];
    }
    case 'route': {
      const c = parseCidr(e.spec.route);
      if (!c) return [];
      const code = e.spec.code;
      const p = code === undefined ? undefined : CODE[code.trim().charAt(0)];
      if (code !== undefined && p === undefined) return [];
      return [
        {
          kind: 'route',
          on: e.spec.on,
          prefix: c.address,
          prefixLength: c.prefixLength,
          ...(p ? { protocols: [p] } : {}),
        },
      ];
    }
    case 'ping': {
      const to = resolve(ctx, e.spec.ping);
      const host = view.hosts.find((h) => h.name === e.spec.from);
      if (host) return host.router ? [{ kind: 'reach', from: host.router, to, source: host.address }] : [];
      return [{ kind: 'reach', from: e.spec.from, to }];
    }
    case 'shortcut': {
      const [a, b] = e.spec.shortcut.map((n) => view.routers.find((r) => r.name === n));
      const [ha, hb] = [a && hostBehind(view, a), b && hostBehind(view, b)];
      if (!a || !b || !ha || !hb) return [];
      return [
        { kind: 'reach', from: a.name, to: hb.address, source: ha.address },
        { kind: 'reach', from: b.name, to: ha.address, source: hb.address },
      ];
    }
    default:
      return [];
  }
}

/** Every configuration mistake that keeps `e` from ever holding (empty when waiting may still help). */
export function expectationBlocking(ctx: CheckContext, e: Expectation): string[] {
  let routing: string[] = [];
  try {
    routing = needsOf(ctx, e).flatMap((n) => routingBlockingProblems(ctx.view, n));
  } catch {
    // a node without an address: the assertion's own try says so
  }
  return [...new Set([...blockingProblems(ctx.view, e.nodes), ...routing])];
}
