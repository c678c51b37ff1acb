/**
 * Random spoke-to-spoke flows and the data plane they exercise: each flow sends a packet each way
 * every `intervalSec`, forwarded as dmvpnd would: over a shortcut route if one covers the
 * destination, direct to a resolved tunnel next hop (Phase 2), otherwise via the hub — where the
 * packet hairpins (Phase 3 Traffic Indication) — and an unresolved next hop triggers resolution.
 * Data packets are not subject to `loss`; NHRP packets are.
 */
import { formatIpv4, writeIpv4 } from '../../wire/ipv4-addr.js';
import type { RouteLookup } from '../routes.js';
import type { ShortcutRoute, SimNetwork, SimNode } from './network.js';
import { spokeHost } from './topology.js';

export interface FlowOptions {
  flows: number;
  seconds: number;
  /** Seconds between packets of a flow (each way). */
  intervalSec: number;
  /** Flow lengths are uniform in [minSec, maxSec]. */
  minSec: number;
  maxSec: number;
}

export interface DataStats {
  packets: number;
  /** Sent straight to the remote spoke (shortcut or resolved next hop). */
  direct: number;
  /** Sent via a hub. */
  viaHub: number;
  /** Sent to a hub that no longer answers, or with no route. */
  lost: number;
}

interface Direction {
  from: SimNode;
  routes: RouteLookup;
  dst: string;
  head: Uint8Array;
  /** The shortcut route this direction used last, and its key (most packets reuse it). */
  sc?: ShortcutRoute;
  scKey?: string;
}

export class Traffic {
  readonly stats: DataStats = { packets: 0, direct: 0, viaHub: 0, lost: 0 };

  constructor(
    private readonly net: SimNetwork,
    private readonly spokes: SimNode[],
    private readonly spokeRoutes: RouteLookup[],
    private readonly isHub: (nbma: string) => boolean,
    private readonly latencyMs: number,
  ) {}

  /** Schedules `o.flows` random flows between distinct spokes. */
  schedule(o: FlowOptions, random: () => number): void {
    const n = this.spokes.length;
    if (n < 2) return;
    for (let f = 0; f < o.flows; f++) {
      const a = Math.floor(random() * n);
      let b = Math.floor(random() * (n - 1));
      if (b >= a) b++;
      const ha = spokeHost(a, 1 + Math.floor(random() * 254));
      const hb = spokeHost(b, 1 + Math.floor(random() * 254));
      const start = random() * o.seconds * 1000;
      const end = start + (o.minSec + random() * (o.maxSec - o.minSec)) * 1000;
      const there = this.direction(a, ha, hb);
      const back = this.direction(b, hb, ha);
      const step = (at: number) => {
        this.send(there);
        this.send(back);
        const next = at + o.intervalSec * 1000;
        if (next < end) this.net.queue.at(next, () => step(next));
      };
      this.net.queue.at(start, () => step(start));
    }
  }

  private direction(i: number, src: number, dst: number): Direction {
    const head = new Uint8Array(28);
    head.set([0x45, 0, 0, 84, 0, 0, 0x40, 0, 64, 1]);
    writeIpv4(head, 12, src);
    writeIpv4(head, 16, dst);
    head.set([8, 0], 20);
    return { from: this.spokes[i], routes: this.spokeRoutes[i], dst: formatIpv4(dst), head };
  }

  /** Data used a binding: only a refresh it starts needs carrying out (most uses give no action). */
  private used(node: SimNode, target: string): void {
    const actions = node.engine.used(this.net.now, target);
    if (actions.length > 0) this.net.input(node, () => actions);
  }

  /** One data packet leaving a spoke's LAN interface toward the tunnel. */
  private send(d: Direction): void {
    const net = this.net;
    const now = net.now;
    const node = d.from;
    if (!node.alive) return;
    this.stats.packets++;
    if (d.scKey === undefined || node.routes.get(d.scKey) !== d.sc) {
      d.sc = net.shortcut(node, d.dst);
      d.scKey = d.sc && `${d.sc.prefix}/${d.sc.prefixLength}`;
    }
    if (d.scKey !== undefined) {
      this.used(node, d.scKey);
      this.stats.direct++;
      return;
    }
    const r = d.routes(d.dst);
    if (r?.kind !== 'tunnel') {
      this.stats.lost++;
      return;
    }
    let nbma = node.engine.nbmaFor(r.nextHop);
    if (nbma !== undefined && !this.isHub(nbma)) {
      this.used(node, r.nextHop);
      this.stats.direct++;
      return;
    }
    if (nbma === undefined) {
      net.input(node, () => node.engine.nextHopUnknown(net.now, r.nextHop));
      nbma = node.engine.nhsNbma();
    }
    const hub = nbma === undefined ? undefined : net.at(nbma);
    if (!hub) {
      this.stats.lost++;
      return;
    }
    this.stats.viaHub++;
    const fromNbma = net.addressOf(node);
    net.queue.at(now + this.latencyMs, () => {
      if (!hub.alive) {
        this.stats.lost++;
        return;
      }
      // in from the tunnel, out to the tunnel again: the hub's data plane reports the hairpin
      net.input(hub, () => hub.engine.hairpin(net.now, { fromNbma, ipPacketHead: d.head }));
    });
  }
}
