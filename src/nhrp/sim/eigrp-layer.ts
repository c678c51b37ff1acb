/**
 * EIGRP beside NHRP in the simulator (`dmvpn-lab simulate --routing eigrp`): one EIGRP engine per hub
 * and spoke on the NHRP network's virtual clock. EIGRP rides the tunnel as in dmvpnd: a spoke's
 * multicast goes to its NHSs (`ip nhrp nhs … multicast`), a hub's to the spokes registered with it at
 * that moment (`ip nhrp map multicast dynamic`: the hub engine's multicastTargets()), a unicast to the
 * NBMA address NHRP has for the tunnel address (lost when it has none), all with the network's latency.
 * A hub that stops (`--kill-hub`) stops its EIGRP too. Configuration, as in labs/eigrp-phase*:
 * Hello 5 s / hold 15 s; spokes are `eigrp stub` with their LAN passive; hubs have `no split-horizon`
 * (Phase 1, 2), `no next-hop-self` (Phase 2) or the summary 10.0.0.0/8 (Phase 3); hub h has 10 ms
 * more tunnel delay than hub h-1, so every spoke prefers hub 1 and keeps the others as feasible
 * successors. Measured: when every router first had its routes, when every spoke's routes left a
 * killed hub, and per hub its neighbors, packets and time in the engine.
 */
import { EIGRP_MULTICAST, type Action } from '../../eigrp/actions.js';
import type { EigrpConfigInput } from '../../eigrp/config.js';
import { EigrpEngine } from '../../eigrp/engine.js';
import type { SimNetwork, SimNode } from './network.js';
import { hubNbma, hubTunnel, spokeLan, spokeTunnel } from './topology.js';

interface Router {
  name: string;
  hub: boolean;
  tunnel: string;
  engine: EigrpEngine;
  /** The same router's NHRP node (its NBMA address, registrations, whether it is alive). */
  nhrp: SimNode;
  booted: boolean;
  tickAt?: number;
  /** Installed EIGRP routes: prefix/len → next-hop addresses. */
  routes: Map<string, string[]>;
  satisfied: boolean;
  /** A spoke that has declared the killed hub down. */
  leftDead: boolean;
  sent: number;
  received: number;
  engineMs: number;
}

export interface EigrpHubReport {
  name: string;
  neighbors: number;
  routes: number;
  sent: number;
  received: number;
  engineMs: number;
}

export interface EigrpSimReport {
  /** Virtual seconds until every router had every route it should (null: never). */
  convergedSec: number | null;
  /** Seconds after --kill-hub until every spoke has declared the dead hub down and has its routes through
   *  another (null: not done, or no kill). */
  failoverSec: number | null;
  /** EIGRP packets put on the tunnel, and those lost for want of an NBMA address. */
  packets: number;
  undeliverable: number;
  hubs: EigrpHubReport[];
  /** Real time in every EIGRP engine, ms. */
  engineMs: number;
}

const SUMMARY = { prefix: '10.0.0.0', prefixLength: 8 };
const TIMERS = { helloInterval: 5, holdTime: 15 };
const NETWORKS = [
  { address: '172.16.0.0', wildcard: '0.0.255.255' },
  { address: '10.0.0.0', wildcard: '0.255.255.255' },
];

export class EigrpLayer {
  private readonly routers: Router[] = [];
  private readonly byNbma = new Map<string, Router>();
  private readonly byTunnel = new Map<string, Router>();
  private readonly hubs: Router[] = [];
  private satisfiedCount = 0;
  private convergedAt?: number;
  private killedAt?: number;
  private deadHub?: string;
  private failoverAt?: number;
  private packets = 0;
  private leftDead = 0;
  private undeliverable = 0;

  constructor(
    private readonly net: SimNetwork,
    private readonly o: { phase: 1 | 2 | 3; spokes: number; latencyMs: number },
  ) {}

  addHub(h: number, nhrp: SimNode): void {
    const p = this.o.phase;
    const cfg: EigrpConfigInput = {
      as: 100,
      routerId: hubTunnel(h),
      networks: NETWORKS,
      interfaces: [
        {
          name: 'Tunnel0',
          address: hubTunnel(h),
          prefixLength: 16,
          ...TIMERS,
          delayUs: 50_000 + h * 10_000,
          ...(p !== 3 ? { splitHorizon: false } : { summaries: [SUMMARY] }),
          ...(p === 2 ? { nextHopSelf: false } : {}),
        },
      ],
    };
    const r = this.add(`hub${h + 1}`, true, hubTunnel(h), cfg, nhrp);
    this.hubs.push(r);
  }

  addSpoke(i: number, nhrp: SimNode): void {
    const lan = spokeLan(i);
    const cfg: EigrpConfigInput = {
      as: 100,
      routerId: spokeTunnel(i),
      networks: NETWORKS,
      stub: {},
      passiveInterfaces: ['GigabitEthernet0/1'],
      interfaces: [
        { name: 'Tunnel0', address: spokeTunnel(i), prefixLength: 16, ...TIMERS },
        { name: 'GigabitEthernet0/1', address: lan.replace(/\.0$/, '.1'), prefixLength: 24 },
      ],
    };
    this.add(`spoke${i + 1}`, false, spokeTunnel(i), cfg, nhrp);
  }

  /** Starts a router's EIGRP at virtual time `at` (with its NHRP). */
  boot(nhrp: SimNode, at: number): void {
    const r = this.byNbma.get(nhrp.nbma);
    if (!r) return;
    this.net.queue.at(at, () => {
      r.booted = true;
      this.input(r, () => r.engine.tick(this.net.now));
    });
  }

  /** A hub stopped (its NHRP node is no longer alive): from now on, measure the spokes leaving it. */
  hubKilled(h: number): void {
    this.killedAt = this.net.now;
    this.deadHub = hubTunnel(h);
    this.checkFailover();
  }

  report(): EigrpSimReport {
    const now = this.net.now;
    return {
      convergedSec: this.convergedAt === undefined ? null : this.convergedAt / 1000,
      failoverSec:
        this.failoverAt === undefined || this.killedAt === undefined ? null : (this.failoverAt - this.killedAt) / 1000,
      packets: this.packets,
      undeliverable: this.undeliverable,
      hubs: this.hubs.map((r) => ({
        name: r.name,
        neighbors: r.nhrp.alive ? r.engine.snapshot(now).neighbors.length : 0,
        routes: r.routes.size,
        sent: r.sent,
        received: r.received,
        engineMs: Math.round(r.engineMs * 10) / 10,
      })),
      engineMs: Math.round(this.routers.reduce((s, r) => s + r.engineMs, 0) * 10) / 10,
    };
  }

  private add(name: string, hub: boolean, tunnel: string, cfg: EigrpConfigInput, nhrp: SimNode): Router {
    const r: Router = {
      name,
      hub,
      tunnel,
      engine: new EigrpEngine(cfg, { debug: false }),
      nhrp,
      booted: false,
      routes: new Map(),
      satisfied: false,
      leftDead: false,
      sent: 0,
      received: 0,
      engineMs: 0,
    };
    this.routers.push(r);
    this.byNbma.set(nhrp.nbma, r);
    this.byTunnel.set(tunnel, r);
    return r;
  }

  private input(r: Router, fn: () => Action[]): void {
    if (!r.nhrp.alive) return;
    const t0 = performance.now();
    const actions = fn();
    r.engineMs += performance.now() - t0;
    for (const a of actions) {
      if (a.kind === 'send') this.send(r, a);
      else if (a.kind === 'route') this.route(r, a);
      else if (a.kind === 'log') this.log(r, a.text);
    }
    const d = r.engine.nextDeadline();
    if (d === undefined || d === r.tickAt) return;
    r.tickAt = d;
    this.net.queue.at(d, () => {
      if (r.tickAt !== d) return;
      r.tickAt = undefined;
      this.input(r, () => r.engine.tick(this.net.now));
    });
  }

  private send(r: Router, a: Extract<Action, { kind: 'send' }>): void {
    r.sent++;
    this.packets++;
    const targets: Router[] = [];
    if (a.destination === EIGRP_MULTICAST) {
      const nbmas = r.hub ? r.nhrp.engine.multicastTargets() : this.hubs.map((_, h) => hubNbma(h));
      for (const n of nbmas) {
        const t = this.byNbma.get(n);
        if (t) targets.push(t);
      }
    } else {
      const to = this.byTunnel.get(a.destination);
      const nbma = to?.hub && !r.hub ? to.nhrp.nbma : r.nhrp.engine.nbmaFor(a.destination);
      const t = nbma === undefined ? undefined : this.byNbma.get(nbma);
      if (t) targets.push(t);
      else this.undeliverable++;
    }
    for (const t of targets) {
      this.net.queue.at(this.net.now + this.o.latencyMs, () => {
        if (!t.booted || !t.nhrp.alive) return;
        t.received++;
        this.input(t, () =>
          t.engine.receive(this.net.now, {
            interface: 'Tunnel0',
            source: a.source,
            destination: a.destination,
            bytes: a.bytes,
          }),
        );
      });
    }
  }

  private route(r: Router, a: Extract<Action, { kind: 'route' }>): void {
    if (a.op === 'add') {
      const hops = a.route.nextHops.flatMap((h) => (h.address ? [h.address] : []));
      r.routes.set(`${a.route.prefix}/${a.route.prefixLength}`, hops);
    } else r.routes.delete(`${a.prefix}/${a.prefixLength}`);
    const ok = this.hasRoutes(r);
    if (ok !== r.satisfied) {
      r.satisfied = ok;
      this.satisfiedCount += ok ? 1 : -1;
    }
    if (this.convergedAt === undefined && this.satisfiedCount === this.routers.length) {
      this.convergedAt = this.net.now;
    }
    if (this.deadHub !== undefined && !r.hub) this.checkFailover();
  }

  /** `%DUAL-5-NBRCHANGE … Neighbor <dead hub> (Tunnel0) is down: …` on a spoke. */
  private log(r: Router, text: string): void {
    if (this.deadHub === undefined || r.hub || r.leftDead) return;
    if (!text.includes(`Neighbor ${this.deadHub} (`) || !text.includes(') is down')) return;
    r.leftDead = true;
    this.leftDead++;
    this.checkFailover();
  }

  /** Hubs: a route to every spoke LAN; spokes: the summary (Phase 3) or every other spoke's LAN. */
  private hasRoutes(r: Router): boolean {
    const lans = [...r.routes.keys()].filter((k) => k.endsWith('/24')).length;
    if (r.hub) return lans === this.o.spokes;
    if (this.o.phase === 3) return r.routes.has(`${SUMMARY.prefix}/${SUMMARY.prefixLength}`);
    return lans === this.o.spokes - 1;
  }

  private checkFailover(): void {
    if (this.failoverAt !== undefined || this.deadHub === undefined) return;
    const dead = this.deadHub;
    if (this.leftDead < this.o.spokes) return;
    for (const r of this.routers) {
      if (r.hub) continue;
      if (!this.hasRoutes(r)) return;
      for (const hops of r.routes.values()) if (hops.includes(dead)) return;
    }
    this.failoverAt = this.net.now;
  }
}
