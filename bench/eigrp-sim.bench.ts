/**
 * The EIGRP engine at DMVPN scale: a hub and 200 spokes on one multipoint Tunnel0 converge on
 * virtual time (10 ms one-way). Printed: virtual seconds to convergence, wall time, packets the hub
 * sent, packets delivered. Split horizon on (spokes learn the hub LAN), off (every spoke learns
 * every other spoke's LAN through the hub), and off with a summary on the hub.
 */
import { simulateDmvpn, type DmvpnSimOptions } from '../src/eigrp/sim/dmvpn.js';

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
}
