/** `show ip nhrp traffic`: NHRP packets sent and received per type (IOS layout), then drops by reason (a dmvpnd extension). */
import { NHRP_DROP_REASONS, PACKET_TYPE_NAMES, type NhrpDropReason, type PacketCounts } from '../../nhrp/counters.js';
import { counterLines, words } from './format.js';
import type { InterfaceState } from './state.js';
import type { NhrpTrafficInterfaceJson, NhrpTrafficJson } from '../api/schema/nhrp.js';

export type { NhrpTrafficInterfaceJson, NhrpTrafficJson };

/** Tunnels with NHRP and their counters. */
export function trafficJson(interfaces: InterfaceState[]): NhrpTrafficJson {
  return {
    interfaces: interfaces.flatMap((i) => {
      const s = i.snapshot;
      if (!s) return [];
      const t = s.traffic;
      const reasons = Object.fromEntries(NHRP_DROP_REASONS.map((r) => [r, s.drops[r] ?? 0])) as Record<
        NhrpDropReason,
        number
      >;
      return [
        {
          name: i.config.name,
          maxSend: { ...t.maxSend },
          sent: { total: t.sentTotal, ...t.sent, redirectSuppress: t.redirectSuppress },
          received: { total: t.receivedTotal, ...t.received },
          dropped: { total: Object.values(reasons).reduce((a, b) => a + b, 0), reasons },
        },
      ];
    }),
  };
}

const INDENT = '         ';

function typeItems(c: PacketCounts, suppress: number): Array<[number, string]> {
  return [...PACKET_TYPE_NAMES.map((n): [number, string] => [c[n], words(n)]), [suppress, 'Redirect Suppress']];
}

/** `show ip nhrp traffic` text. */
export function trafficText(json: NhrpTrafficJson): string[] {
  const out: string[] = [];
  for (const i of json.interfaces) {
    const m = i.maxSend;
    out.push(`${i.name}: Max-send limit:${m.count}Pkts/${m.intervalSec}Sec, Usage:${Math.round(m.usagePercent)}%`);
    out.push(`   Sent: Total ${i.sent.total}`, ...counterLines(typeItems(i.sent, i.sent.redirectSuppress), INDENT));
    out.push(`   Rcvd: Total ${i.received.total}`, ...counterLines(typeItems(i.received, 0), INDENT));
    const drops = NHRP_DROP_REASONS.filter((r) => i.dropped.reasons[r] > 0).map((r): [number, string] => [
      i.dropped.reasons[r],
      words(r),
    ]);
    out.push(`   Dropped: Total ${i.dropped.total}`, ...counterLines(drops, INDENT));
  }
  return out;
}
