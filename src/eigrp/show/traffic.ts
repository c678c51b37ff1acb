/**
 * `show ip eigrp traffic` in IOS layout, then what IOS keeps to itself: retransmissions and the
 * received packets dropped, by reason.
 */
import type { EigrpSnapshot } from '../snapshot.js';

const DROP_LABELS: Record<string, string> = {
  malformed: 'malformed or bad checksum',
  badAs: 'wrong AS',
  kMismatch: 'K-value mismatch',
  badAuth: 'authentication',
  notNeighbor: 'not from a neighbor',
  notOnSubnet: 'not on common subnet',
  notEnabled: 'EIGRP not enabled on interface',
  duplicate: 'duplicate',
  conditional: 'conditional receive',
};

export function renderTraffic(s: EigrpSnapshot, tag = 'EIGRP-IPv4'): string {
  const t = s.traffic;
  const pair = (label: string, k: keyof typeof t.sent) => `  ${label} sent/received: ${t.sent[k]}/${t.received[k]}`;
  const lines = [
    `${tag} Traffic Statistics for AS(${s.as})`,
    pair('Hellos', 'hello'),
    pair('Updates', 'update'),
    pair('Queries', 'query'),
    pair('Replies', 'reply'),
    pair('Acks', 'ack'),
    pair('SIA-Queries', 'siaQuery'),
    pair('SIA-Replies', 'siaReply'),
    `  Retransmissions: ${t.retransmissions}`,
    `  Stuck-in-active events: ${t.siaActive}`,
    '  Packets dropped:',
  ];
  for (const [k, v] of Object.entries(t.drops)) lines.push(`    ${DROP_LABELS[k] ?? k}: ${v}`);
  return `${lines.join('\n')}\n`;
}
