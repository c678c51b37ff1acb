/**
 * `dmvpn-lab simulate`: H hubs and S spokes as NHRP engines in one process, on virtual time, over
 * an in-memory NBMA network, with random spoke-to-spoke flows; optionally a hub that stops
 * answering, and EIGRP beside NHRP (`routing: 'eigrp'`, ./eigrp-layer.ts). Pure apart from reading
 * the wall clock and CPU time it reports.
 */
import type { Action } from '../actions.js';
import { PACKET_TYPE_NAMES, type PacketCounts } from '../counters.js';
import { NhrpEngine } from '../engine.js';
import { EigrpLayer, type EigrpSimReport } from './eigrp-layer.js';
import { SimNetwork, type SimNode } from './network.js';
import { seededRandom } from './random.js';
import {
  hubConfig,
  hubNbma,
  hubRoutes,
  hubTunnel,
  MAX_SPOKES,
  spokeConfig,
  spokeNbma,
  spokeRoutes,
  type TopologyOptions,
} from './topology.js';
import { Traffic, type DataStats } from './traffic.js';

export interface SimOptions {
  hubs: number;
  spokes: number;
  phase: 1 | 2 | 3;
  flows: number;
  seconds: number;
  /** Probability that an NHRP packet is lost. */
  loss: number;
  /** One-way latency of every packet, ms. */
  latencyMs: number;
  /** Hub number (1-based) that stops answering at `atSec`. */
  killHub?: { hub: number; atSec: number };
  seed: number;
  holdtime: number;
  registrationTimeout?: number;
  maxConnections?: number;
  /** Spokes boot at random times in [0, bootSpreadSec). */
  bootSpreadSec: number;
  /** Seconds between the packets of a flow. */
  packetIntervalSec: number;
  /** A routing protocol run beside NHRP on the same virtual time: none, or EIGRP. */
  routing: 'none' | 'eigrp';
}

export const SIM_DEFAULTS: SimOptions = {
  hubs: 2,
  spokes: 1000,
  phase: 3,
  flows: 5000,
  seconds: 600,
  loss: 0,
  latencyMs: 0,
  seed: 1,
  holdtime: 600,
  bootSpreadSec: 10,
  packetIntervalSec: 5,
  routing: 'none',
};

export interface HubReport {
  name: string;
  alive: boolean;
  /** Registered spokes in its cache at the end. */
  registrations: number;
  cacheSize: number;
  received: number;
  sent: number;
  trafficIndications: number;
  redirectSuppress: number;
  /** Real time spent inside this hub's engine, ms, and the number of engine calls. */
  engineMs: number;
  calls: number;
}

export interface SimReport {
  options: SimOptions;
  spokes: number;
  spokesRegistered: number;
  /** Virtual seconds until every spoke had an NHS up (null: never). */
  allRegisteredSec: number | null;
  /** NHRP packets put on the network, per type (forwarded ones included). */
  packets: PacketCounts;
  /** Originated by spokes: resolution requests; by hubs: traffic indications. */
  resolutionRequests: number;
  resolutionReplies: number;
  trafficIndications: number;
  shortcutsInstalled: number;
  shortcutsAtEnd: number;
  nhrpLost: number;
  data: DataStats;
  hubs: HubReport[];
  failover?: {
    hub: number;
    atSec: number;
    /** Seconds after the kill until every spoke had the dead hub down and another hub up. */
    completeAfterSec: number | null;
    spokesMoved: number;
  };
  /** With routing eigrp: its convergence, failover and cost. */
  eigrp?: EigrpSimReport;
  virtualEvents: number;
  wallMs: number;
  cpuMs: number;
}

/** Runs one simulation. */
export function simulate(options: Partial<SimOptions> = {}): SimReport {
  const o: SimOptions = { ...SIM_DEFAULTS, ...options };
  validate(o);
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  const random = seededRandom(o.seed);
  const topo: TopologyOptions = {
    hubs: o.hubs,
    spokes: o.spokes,
    phase: o.phase,
    holdtime: o.holdtime,
    registrationTimeout: o.registrationTimeout,
    maxConnections: o.maxConnections,
  };
  const stats = new Stats(o);
  const net = new SimNetwork({
    latencyMs: o.latencyMs,
    loss: o.loss,
    random,
    onAction: (node, a, at) => stats.action(node, a, at),
    onPacket: (from, _to, bytes) => stats.packet(from, bytes),
  });
  const eigrp =
    o.routing === 'eigrp'
      ? new EigrpLayer(net, { phase: o.phase, spokes: o.spokes, latencyMs: o.latencyMs })
      : undefined;
  const hubs: SimNode[] = [];
  for (let h = 0; h < o.hubs; h++) {
    const engine = new NhrpEngine(hubConfig(topo, h), { routes: hubRoutes(topo, h), random, debug: false });
    hubs.push(net.add(`hub${h + 1}`, hubNbma(h), engine));
    eigrp?.addHub(h, hubs[h]);
  }
  const hubByNbma = new Map(hubs.map((n, h) => [n.nbma, h]));
  const spokes: SimNode[] = [];
  const routes = [];
  for (let i = 0; i < o.spokes; i++) {
    let engine: NhrpEngine | undefined;
    const r = spokeRoutes(topo, i, () => hubTunnel(hubByNbma.get(engine?.nhsNbma() ?? '') ?? 0));
    engine = new NhrpEngine(spokeConfig(topo, i), { routes: r, random, debug: false });
    const node = net.add(`spoke${i + 1}`, spokeNbma(i), engine);
    stats.spokeIndex.set(node, i);
    eigrp?.addSpoke(i, node);
    spokes.push(node);
    routes.push(r);
  }
  for (const h of hubs) {
    net.boot(h, 0);
    eigrp?.boot(h, 0);
  }
  for (const s of spokes) {
    const at = o.bootSpreadSec > 0 ? random() * o.bootSpreadSec * 1000 : 0;
    net.boot(s, at);
    eigrp?.boot(s, at);
  }

  const traffic = new Traffic(net, spokes, routes, (nbma) => hubByNbma.has(nbma), o.latencyMs);
  if (o.phase !== 1)
    traffic.schedule(
      { flows: o.flows, seconds: o.seconds, intervalSec: o.packetIntervalSec, minSec: 10, maxSec: 120 },
      random,
    );
  if (o.killHub) {
    const k = o.killHub;
    net.queue.at(k.atSec * 1000, () => {
      hubs[k.hub - 1].alive = false;
      stats.startFailover(hubTunnel(k.hub - 1), net.now);
      eigrp?.hubKilled(k.hub - 1);
    });
  }
  net.run(o.seconds * 1000);

  const end = o.seconds * 1000;
  const hubReports = hubs.map((n): HubReport => {
    const s = n.engine.snapshot(end);
    return {
      name: n.name,
      alive: n.alive,
      registrations: s.cache.filter((c) => c.origin === 'registration').length,
      cacheSize: s.cache.length,
      received: s.traffic.receivedTotal,
      sent: s.traffic.sentTotal,
      trafficIndications: s.traffic.sent.trafficIndication,
      redirectSuppress: s.traffic.redirectSuppress,
      engineMs: round(n.engineMs),
      calls: n.calls,
    };
  });
  const cpu = process.cpuUsage(cpu0);
  return {
    options: o,
    spokes: o.spokes,
    spokesRegistered: stats.registered,
    allRegisteredSec: stats.allRegisteredAt === undefined ? null : round3(stats.allRegisteredAt / 1000),
    packets: stats.byType,
    resolutionRequests: stats.spokeResolutionRequests,
    resolutionReplies: stats.byType.resolutionReply,
    trafficIndications: stats.byType.trafficIndication,
    shortcutsInstalled: stats.routeAdds,
    shortcutsAtEnd: spokes.reduce((n, s) => n + s.routes.size, 0),
    nhrpLost: net.lost,
    data: traffic.stats,
    hubs: hubReports,
    ...(o.killHub
      ? {
          failover: {
            hub: o.killHub.hub,
            atSec: o.killHub.atSec,
            completeAfterSec:
              stats.failoverDoneAt === undefined
                ? null
                : round3((stats.failoverDoneAt - o.killHub.atSec * 1000) / 1000),
            spokesMoved: stats.movedCount,
          },
        }
      : {}),
    ...(eigrp ? { eigrp: eigrp.report() } : {}),
    virtualEvents: net.queue.processed,
    wallMs: round(performance.now() - wall0),
    cpuMs: round((cpu.user + cpu.system) / 1000),
  };
}

/** The allowed ranges of the integer options (the CLI checks them as it parses). */
export const SIM_LIMITS = { hubs: { min: 1, max: 200 }, spokes: { min: 1, max: MAX_SPOKES } } as const;

function validate(o: SimOptions): void {
  const bad = (what: string) => {
    throw Object.assign(new Error(`simulate: ${what}`), { code: 'BAD_OPTION' });
  };
  const { hubs, spokes } = SIM_LIMITS;
  if (!Number.isInteger(o.hubs) || o.hubs < hubs.min || o.hubs > hubs.max) {
    bad(`hubs: expected ${hubs.min}-${hubs.max}, found ${o.hubs}`);
  }
  if (!Number.isInteger(o.spokes) || o.spokes < spokes.min || o.spokes > spokes.max) {
    bad(`spokes: expected ${spokes.min}-${spokes.max}, found ${o.spokes}`);
  }
  if (![1, 2, 3].includes(o.phase)) bad(`phase: expected 1, 2 or 3, found ${o.phase}`);
  if (!(o.seconds > 0)) bad(`seconds: expected > 0, found ${o.seconds}`);
  if (!(o.loss >= 0 && o.loss < 1)) bad(`loss: expected 0 <= P < 1, found ${o.loss}`);
  if (!(o.latencyMs >= 0)) bad(`latency: expected >= 0 ms, found ${o.latencyMs}`);
  if (o.routing !== 'none' && o.routing !== 'eigrp') bad(`routing: expected none or eigrp, found ${o.routing}`);
  if (!(o.packetIntervalSec > 0)) bad(`packet interval: expected > 0 s, found ${o.packetIntervalSec}`);
  if (o.killHub && (!Number.isInteger(o.killHub.hub) || o.killHub.hub < 1 || o.killHub.hub > o.hubs)) {
    bad(`kill-hub: hub ${o.killHub.hub} does not exist (hubs are 1-${o.hubs})`);
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const round3 = (sec: number) => Math.round(sec * 1000) / 1000;

/** Counters fed by every action and packet of the network. */
class Stats {
  readonly spokeIndex = new Map<SimNode, number>();
  readonly byType = Object.fromEntries(PACKET_TYPE_NAMES.map((n) => [n, 0])) as PacketCounts;
  spokeResolutionRequests = 0;
  routeAdds = 0;
  /** Per spoke: NHS protocol address → state. */
  private nhsStates: Array<Map<string, string>>;
  private upCount: Int32Array;
  registered = 0;
  allRegisteredAt?: number;
  private deadHub?: string;
  private moved?: Uint8Array;
  movedCount = 0;
  failoverDoneAt?: number;

  constructor(private readonly o: SimOptions) {
    this.nhsStates = Array.from({ length: o.spokes }, () => new Map());
    this.upCount = new Int32Array(o.spokes);
  }

  packet(from: SimNode, bytes: Uint8Array): void {
    const name = PACKET_TYPE_NAMES[bytes[17] - 1];
    if (!name) return;
    this.byType[name]++;
    if (bytes[17] === 1 && this.spokeIndex.has(from)) this.spokeResolutionRequests++;
  }

  action(node: SimNode, a: Action, at: number): void {
    if (a.kind === 'routeAdd') this.routeAdds++;
    if (a.kind !== 'nhsState') return;
    const i = this.spokeIndex.get(node);
    if (i === undefined) return;
    const states = this.nhsStates[i];
    const was = states.get(a.nhs);
    states.set(a.nhs, a.state);
    if (was === 'up' && a.state !== 'up') {
      if (--this.upCount[i] === 0) this.registered--;
    } else if (was !== 'up' && a.state === 'up') {
      if (this.upCount[i]++ === 0) this.registered++;
      if (this.registered === this.o.spokes && this.allRegisteredAt === undefined) this.allRegisteredAt = at;
    }
    if (this.moved) this.checkMoved(i, at);
  }

  startFailover(hub: string, at: number): void {
    this.deadHub = hub;
    this.moved = new Uint8Array(this.o.spokes);
    for (let i = 0; i < this.o.spokes; i++) this.checkMoved(i, at);
  }

  /** A spoke has failed over when the dead hub is not up for it and another hub is. */
  private checkMoved(i: number, at: number): void {
    const states = this.nhsStates[i];
    const ok = states.get(this.deadHub!) !== 'up' && this.upCount[i] > 0;
    if (ok && !this.moved![i]) {
      this.moved![i] = 1;
      this.movedCount++;
    } else if (!ok && this.moved![i]) {
      this.moved![i] = 0;
      this.movedCount--;
    }
    if (this.movedCount === this.o.spokes && this.failoverDoneAt === undefined) this.failoverDoneAt = at;
  }
}
