/**
 * `show ip eigrp neighbors` in IOS layout, newest neighbor first:
 *
 *   EIGRP-IPv4 Neighbors for AS(1)
 *   H   Address                 Interface              Hold Uptime   SRTT   RTO  Q  Seq
 *                                                      (sec)         (ms)       Cnt Num
 *   0   10.0.0.2                Tu0                     165 00:00:44    9  1470  0  3
 */
import type { EigrpSnapshot } from '../snapshot.js';
import { col, rcol, shortIf, uptime } from './format.js';

export function renderNeighbors(s: EigrpSnapshot, tag = 'EIGRP-IPv4'): string {
  const lines = [
    `${tag} Neighbors for AS(${s.as})`,
    'H   Address                 Interface              Hold Uptime   SRTT   RTO  Q  Seq',
    '                                                   (sec)         (ms)       Cnt Num',
  ];
  for (const n of [...s.neighbors].sort((a, b) => b.handle - a.handle)) {
    lines.push(
      `${col(n.handle, 4)}${col(n.address, 24)}${col(shortIf(n.interface), 23)}${rcol(n.hold, 4)} ` +
        `${col(uptime(n.uptime), 8)}${rcol(n.srtt, 5)}${rcol(n.rto, 6)}${rcol(n.queueCount, 3)}${rcol(n.sequence, 4)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
