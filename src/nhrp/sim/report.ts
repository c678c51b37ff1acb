/** The text form of a simulation report (`dmvpn-lab simulate` without --json). */
import { PACKET_TYPE_NAMES, packetTypeLabel } from '../counters.js';
import type { SimReport } from './simulate.js';

const n = (v: number) => v.toLocaleString('en-US');
const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Columns padded to their widest cell. */
function table(rows: string[][], indent = '  '): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map(
      (r) =>
        indent +
        r
          .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}

export function formatReport(r: SimReport): string {
  const o = r.options;
  const out: string[] = [];
  out.push(
    `dmvpn-lab simulate: ${o.hubs} hub${o.hubs === 1 ? '' : 's'}, ${n(o.spokes)} spokes, Phase ${o.phase}, ${n(o.flows)} flows, ${o.seconds} s virtual` +
      ` (seed ${o.seed}, loss ${(o.loss * 100).toFixed(1)}%, latency ${o.latencyMs} ms, spokes boot within ${o.bootSpreadSec} s, holdtime ${o.holdtime} s` +
      `${o.registrationTimeout ? `, registration timeout ${o.registrationTimeout} s` : ''}${o.maxConnections ? `, max-connections ${o.maxConnections}` : ''})`,
    '',
    'Registration',
    `  spokes registered          ${n(r.spokesRegistered)} / ${n(r.spokes)}`,
    `  all registered after       ${r.allRegisteredSec === null ? 'never' : `${r.allRegisteredSec.toFixed(2)} s (virtual)`}`,
    '',
    'Resolution and redirect',
    `  resolution requests        ${n(r.resolutionRequests)} sent by spokes, ${n(r.resolutionReplies)} replies`,
    `  traffic indications        ${n(r.trafficIndications)} (${n(r.hubs.reduce((a, h) => a + h.redirectSuppress, 0))} suppressed by max-send)`,
    `  shortcuts installed        ${n(r.shortcutsInstalled)} (${n(r.shortcutsAtEnd)} at the end)`,
    `  data packets               ${n(r.data.packets)}: ${n(r.data.direct)} direct, ${n(r.data.viaHub)} via a hub, ${n(r.data.lost)} lost`,
    '',
    `NHRP packets by type (forwarded ones counted again; ${n(r.nhrpLost)} lost)`,
  );
  out.push(table(PACKET_TYPE_NAMES.map((t, i) => [packetTypeLabel(i + 1), n(r.packets[t])])));
  out.push('', 'Hubs');
  out.push(
    table([
      ['hub', 'state', 'registered', 'cache', 'received', 'sent', 'TI sent', 'engine ms', 'calls'],
      ...r.hubs.map((h) => [
        h.name,
        h.alive ? 'up' : 'stopped',
        n(h.registrations),
        n(h.cacheSize),
        n(h.received),
        n(h.sent),
        n(h.trafficIndications),
        h.engineMs.toFixed(0),
        n(h.calls),
      ]),
    ]),
  );
  if (r.failover) {
    const f = r.failover;
    out.push(
      '',
      `Failover (hub ${f.hub} stopped answering at ${f.atSec} s)`,
      `  every spoke registered with another hub and hub ${f.hub} down: ` +
        (f.completeAfterSec === null
          ? `not within the run (${n(f.spokesMoved)} of ${n(r.spokes)} spokes moved)`
          : `${f.completeAfterSec.toFixed(2)} s after the stop`),
    );
  }
  if (r.eigrp) {
    const e = r.eigrp;
    const wanted = o.phase === 3 ? 'the summary 10.0.0.0/8' : "every other spoke's LAN";
    out.push(
      '',
      `EIGRP beside NHRP (hubs with every spoke LAN, spokes with ${wanted})`,
      `  converged after            ${e.convergedSec === null ? 'never' : `${e.convergedSec.toFixed(2)} s (virtual)`}`,
      `  EIGRP packets              ${n(e.packets)} (${n(e.undeliverable)} with no NBMA address for their destination)`,
      ...(r.failover
        ? [
            `  spokes off the stopped hub ${
              e.failoverSec === null ? 'not within the run' : `${e.failoverSec.toFixed(2)} s after the stop`
            }`,
          ]
        : []),
      table([
        ['hub', 'neighbors', 'routes', 'sent', 'received', 'engine ms'],
        ...e.hubs.map((h) => [h.name, n(h.neighbors), n(h.routes), n(h.sent), n(h.received), h.engineMs.toFixed(0)]),
      ]),
      `  time in every EIGRP engine ${e.engineMs.toFixed(0)} ms`,
    );
  }
  out.push('', `Cost: ${s1(r.wallMs)} wall clock, ${s1(r.cpuMs)} CPU, ${n(r.virtualEvents)} virtual events`);
  return `${out.join('\n')}\n`;
}
