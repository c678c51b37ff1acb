/**
 * `show ip eigrp topology [all-links]` in IOS layout: successors and feasible successors (every
 * path with all-links), our own origins as "via Connected" / "via Summary" / "via Rstatic":
 *
 *   EIGRP-IPv4 Topology Table for AS(1)/ID(10.0.0.1)
 *   Codes: P - Passive, A - Active, U - Update, Q - Query, R - Reply,
 *          r - reply Status, s - sia Status
 *
 *   P 192.168.2.0/24, 1 successors, FD is 26880256
 *           via 10.0.0.2 (26880256/2816), Tunnel0
 */
import type { EigrpSnapshot, PathView } from '../snapshot.js';
import { uptime } from './format.js';

function metricText(d: number | null): string {
  return d === null || d >= 0xffffffff ? 'Infinity' : String(d);
}

function pathLine(p: PathView, replyPending: boolean): string {
  const origin = p.via === 'Connected';
  const nh = p.nextHop ? ` (next hop ${p.nextHop})` : '';
  const metric = origin ? '' : ` (${metricText(p.distance)}/${metricText(p.reported)})`;
  return `        via ${p.via}${metric}${replyPending ? ', r' : ''}, ${p.interface}${nh}`;
}

export function renderTopology(s: EigrpSnapshot, opts: { allLinks?: boolean; tag?: string } = {}): string {
  const lines = [
    `${opts.tag ?? 'EIGRP-IPv4'} Topology Table for AS(${s.as})/ID(${s.routerId})`,
    'Codes: P - Passive, A - Active, U - Update, Q - Query, R - Reply,',
    '       r - reply Status, s - sia Status ',
    '',
  ];
  for (const t of s.topology) {
    const fd = t.fd === null ? 'Inaccessible' : String(t.fd);
    const q = t.state === 'A' ? ', Q' : '';
    lines.push(`${t.state} ${t.prefix}/${t.prefixLength}, ${t.successors} successors, FD is ${fd}${q}`);
    if (t.state === 'A') {
      const since = uptime(t.activeSeconds ?? 0);
      lines.push(
        `    ${t.replyStatus.length} replies, active ${since}, query-origin: ${t.queryOrigin ?? 'Local origin'}`,
      );
    }
    for (const p of t.paths) {
      if (!opts.allLinks && !p.feasible && t.state === 'P') continue;
      lines.push(pathLine(p, t.replyStatus.includes(p.via)));
    }
  }
  return `${lines.join('\n')}\n`;
}
