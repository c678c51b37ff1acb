/**
 * The EIGRP engine at DMVPN scale: a hub and 200 spokes on one multipoint Tunnel0 converge on
 * virtual time (10 ms one-way). Printed: virtual seconds to convergence, wall time, packets the hub
 * sent, packets delivered. Split horizon on (spokes learn the hub LAN), off (every spoke learns
 * every other spoke's LAN through the hub), and off with a summary on the hub. Then `dmvpn-lab simulate
 * --routing eigrp`: 1,000 spokes on 2 hubs, EIGRP beside NHRP (Phase 3, summary), converging and
 * failing over from hub 1.
 */
import { simulateDmvpn, type DmvpnSimOptions } from '../src/eigrp/sim/dmvpn.js';
import { simulate } from '../src/nhrp/sim/index.js';

export const name = 'eigrp: hub and 200 spokes converging (virtual time)';

const n = (v: number) => Math.round(v).toLocaleString('en-US');

export async function run(): Promise<void> {
  const cases: Array<[string, DmvpnSimOptions]> = [
    ['split horizon on', { spokes: 200 }],
    ['stub spokes, split horizon on', { spokes: 200, stub: true }],
    ['no split horizon', { spokes: 200, hubTunnel: { splitHorizon: false } }],
    ['no split horizon, no next-hop-self', { spokes: 200, hubTunnel: { splitHorizon: false, nextHopSelf: false } }],
    [
      'summary 10.0.0.0/8 on the hub',
      { spokes: 200, hubTunnel: { summaries: [{ prefix: '10.0.0.0', prefixLength: 8 }] } },
    ],
  ];
  for (const [label, o] of cases) {
    const r = simulateDmvpn(o);
    process.stdout.write(
      `${label.padEnd(38)} converged at ${r.convergedSec?.toFixed(1) ?? 'never'} s virtual, ` +
        `${(r.wallMs / 1000).toFixed(2)} s wall | hub sent ${n(r.hubPacketsSent)} packets, ` +
        `${n(r.packetsDelivered)} delivered | ${r.hubRoutes} routes on the hub, ${r.spokeRoutes} on a spoke\n`,
    );
  }
  for (const killHub of [undefined, { hub: 1, atSec: 30 }]) {
    const r = simulate({ routing: 'eigrp', hubs: 2, spokes: 1000, seconds: 60, flows: 500, killHub });
    const e = r.eigrp!;
    process.stdout.write(
      `simulate --routing eigrp, 1,000 spokes, 2 hubs, 60 s${killHub ? ', hub 1 stopped at 30 s' : ''}: ` +
        `converged at ${e.convergedSec?.toFixed(2) ?? 'never'} s virtual` +
        `${killHub ? `, spokes on hub 2 ${e.failoverSec?.toFixed(2) ?? 'never'} s after the stop` : ''}; ` +
        `${(r.wallMs / 1000).toFixed(1)} s wall, ${(r.cpuMs / 1000).toFixed(1)} s CPU (NHRP and EIGRP); ` +
        `${n(e.engineMs)} ms in EIGRP engines | ${e.hubs
          .map(
            (h) => `${h.name}: ${h.neighbors} neighbors, ${n(h.received)} in / ${n(h.sent)} out, ${n(h.engineMs)} ms`,
          )
          .join('; ')}\n`,
    );
  }
}
