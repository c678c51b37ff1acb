/**
 * `show ip eigrp interfaces` in IOS layout:
 *
 *   EIGRP-IPv4 Interfaces for AS(1)
 *                                 Xmit Queue   PeerQ        Mean   Pacing Time   Multicast    Pending
 *   Interface              Peers  Un/Reliable  Un/Reliable  SRTT   Un/Reliable   Flow Timer   Routes
 *   Tu0                      3        0/0       0/0          10       0/16          50           0
 */
import type { EigrpSnapshot } from '../snapshot.js';
import { col, rcol, shortIf } from './format.js';

export function renderInterfaces(s: EigrpSnapshot, tag = 'EIGRP-IPv4'): string {
  const lines = [
    `${tag} Interfaces for AS(${s.as})`,
    '                              Xmit Queue   PeerQ        Mean   Pacing Time   Multicast    Pending',
    'Interface              Peers  Un/Reliable  Un/Reliable  SRTT   Un/Reliable   Flow Timer   Routes',
  ];
  for (const i of s.interfaces) {
    lines.push(
      `${col(shortIf(i.interface), 23)}${rcol(i.peers, 5)}${rcol(`${i.xmitUnreliable}/${i.xmitReliable}`, 11)}` +
        `${rcol(`${i.peerQueueUnreliable}/${i.peerQueueReliable}`, 10)}${rcol(i.meanSrtt, 13)}` +
        `${rcol(`${i.pacingUnreliable}/${i.pacingReliable}`, 11)}${rcol(i.multicastFlowTimer, 12)}` +
        `${rcol(i.pendingRoutes, 12)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
