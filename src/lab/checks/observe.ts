/**
 * Watching one spoke pair at work: ping from the LAN host behind spoke A to the one behind spoke B
 * (or, in labs without hosts, from spoke A's own address to spoke B's: ./phase-ends.ts), then find in
 * the captures how the echoes travelled (via a hub or directly between the spokes' NBMA addresses), and
 * the NHRP exchange around them (Traffic Indication, Resolution Request and Reply).
 */
import { inPrefix, longestMatch } from '../../wire/ipv4-addr.js';
import { capturedPackets, type CheckContext } from './context.js';
import { dataOf, nhrpOf, NhrpType, type Window } from './evidence.js';
import type { Packet } from './packets.js';
import type { PairEnd, PairEnds } from './phase-ends.js';
import { routerPing } from './router-ping.js';
import { readRoutes, type RouteRow } from './routers.js';
import { ping, type PingResult } from './traffic.js';
import { hostBehind, publicNbma, type LabView, type RouterView } from './view.js';

/** What one pair run showed. */
export interface PairRun {
  a: RouterView;
  b: RouterView;
  ha: PairEnd;
  hb: PairEnd;
  ping: PingResult;
  window: Window;
  /** The first echo request ha→hb seen on the Internet. */
  first?: Packet;
  /** Echo requests from A to a hub, and the first one the hub forwarded to B. */
  viaHub: Packet[];
  hubForward?: Packet;
  /** Echo requests straight from A's NBMA address to B's. */
  direct: Packet[];
  /** Traffic Indication from a hub to A. */
  indication?: Packet;
  /** A's Resolution Request (first hop), the hub's forwarded copy, and B's Reply to A. */
  request?: Packet;
  requestForward?: Packet;
  reply?: Packet;
  /** A's NHRP shortcut route (code H) toward hb, read right after the pings. */
  shortcut?: RouteRow;
}

/** The hubs' NBMA addresses. */
export function hubNbmas(view: LabView): Set<string> {
  return new Set(view.hubs.flatMap((h) => publicNbma(h) ?? []));
}

/** The route a router takes to `address`: the longest prefix, then the lowest distance. */
export function routeFor(routes: RouteRow[], address: string): RouteRow | undefined {
  const prefer = (x: RouteRow, y: RouteRow) => (x.distance ?? 0) < (y.distance ?? 0);
  return longestMatch(address, routes, { accept: (r) => r.code !== 'L', prefer });
}

/** A's NHRP shortcut route (code H) that covers `address`, if any. */
export async function shortcutTo(a: RouterView, address: string): Promise<RouteRow | undefined> {
  const routes = await readRoutes(a.control);
  return routes.find((r) => r.code === 'H' && inPrefix(address, r.prefix, r.prefixLength));
}

/** Finds the pair's packets in the window. */
export function analysePair(view: LabView, ps: Packet[], base: Omit<PairRun, 'viaHub' | 'direct'>): PairRun {
  const { a, b, ha, hb, window } = base;
  const [pa, pb] = [publicNbma(a), publicNbma(b)];
  const hubs = hubNbmas(view);
  const echoes = dataOf(ps, { innerSrc: ha.address, innerDst: hb.address, icmpType: 8, window });
  const viaHub = echoes.filter((p) => p.src === pa && hubs.has(p.dst));
  const direct = echoes.filter((p) => p.src === pa && p.dst === pb);
  const h0 = viaHub[0];
  const hubForward =
    h0 && echoes.find((p) => p.src === h0.dst && p.dst === pb && p.inner?.icmp?.seq === h0.inner?.icmp?.seq);
  const indication = nhrpOf(ps, NhrpType.TrafficIndication, { dst: pa, window }).find((p) => hubs.has(p.src));
  const request = nhrpOf(ps, NhrpType.ResolutionRequest, { src: pa, window })[0];
  const requestForward =
    request &&
    nhrpOf(ps, NhrpType.ResolutionRequest, { dst: pb, window }).find(
      (p) => p.nhrp!.requestId === request.nhrp!.requestId && p.src !== pa,
    );
  const reply = nhrpOf(ps, NhrpType.ResolutionReply, { dst: pa, window }).find(
    (p) => !request || p.nhrp!.requestId === request.nhrp!.requestId,
  );
  return {
    ...base,
    first: echoes[0],
    viaHub,
    ...(hubForward ? { hubForward } : {}),
    direct,
    ...opt({ indication, request, requestForward, reply }),
  };
}

function opt<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Pings hb from ha (`count` echoes `intervalMs` apart, by default 30 at 10 ms: the set-up time is measured to 10 ms;
 * from the router's exec, echoes go back to back), then reads the captures and A's shortcut route. The ends are the
 * hosts behind A and B unless `o.ends` says otherwise.
 */
export async function runPair(
  ctx: CheckContext,
  a: RouterView,
  b: RouterView,
  o: { count?: number; intervalMs?: number; ends?: PairEnds } = {},
): Promise<PairRun> {
  const view = ctx.view;
  const ha: PairEnd = o.ends?.ha ?? hostBehind(view, a)!;
  const hb: PairEnd = o.ends?.hb ?? hostBehind(view, b)!;
  const from = Date.now();
  // Between protected spokes the shortcut also waits for IKE between them: echoes for 1.5 s instead of 0.3 s.
  // From the router's exec each echo is its own ping process (tens of ms apart): 20 (60) cover as long.
  const protectedPair = a.tunnel?.protection !== undefined && b.tunnel?.protection !== undefined;
  const fromRouter = ha.via !== undefined;
  const count = o.count ?? (fromRouter ? (protectedPair ? 60 : 20) : protectedPair ? 150 : 30);
  const r = fromRouter
    ? await routerPing(a.control, hb.address, { count, source: ha.address })
    : await ping(ctx.runtime, ha.namespace, hb.address, { count, intervalMs: o.intervalMs ?? 10 });
  const shortcut = await shortcutTo(a, hb.address).catch(() => undefined);
  const window = { from, to: Date.now() };
  const ps = await capturedPackets(ctx.pcaps);
  return analysePair(view, ps, { a, b, ha, hb, ping: r, window, ...(shortcut ? { shortcut } : {}) });
}
