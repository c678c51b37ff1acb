/** Answers the kernel's ARP requests on the tunnel with synthetic MACs (see ./mac.ts). */
import { ArpOp, decodeArp, encodeArp, ETHERTYPE_ARP } from '../../wire/arp.js';
import { tryDecode } from '../../wire/errors.js';
import { parseIpv4 } from '../../wire/ipv4-addr.js';
import type { DataplaneDropReason } from './counters.js';
import { tunnelMac } from './mac.js';

/** Which ARP targets get an answer: every address but our own, in the tunnel subnet unless point-to-point. */
export interface ArpScope {
  self: number;
  network: number;
  mask: number;
  pointToPoint: boolean;
}

/** The reply frame to write into the TAP, or why the request frame gets none. */
export type ArpOutcome = { reply: Uint8Array } | { drop: DataplaneDropReason };

/** Handles one ARP frame (Ethernet header included) sent by the kernel. */
export function answerArp(frame: Uint8Array, scope: ArpScope): ArpOutcome {
  const d = tryDecode(() => decodeArp(frame.subarray(14)));
  if (!d.ok) return { drop: 'arpMalformed' };
  const req = d.value;
  const target = parseIpv4(req.targetIp);
  if (req.op !== ArpOp.Request || target === undefined || target === scope.self) return { drop: 'arpIgnored' };
  if (!scope.pointToPoint && (target & scope.mask) >>> 0 !== scope.network) return { drop: 'arpOffSubnet' };
  const mac = tunnelMac(target);
  const arp = encodeArp({
    op: ArpOp.Reply,
    senderMac: mac,
    senderIp: req.targetIp,
    targetMac: req.senderMac,
    targetIp: req.senderIp,
  });
  const reply = new Uint8Array(14 + arp.length);
  reply.set(frame.subarray(6, 12), 0);
  reply.set(mac, 6);
  reply[12] = ETHERTYPE_ARP >>> 8;
  reply[13] = ETHERTYPE_ARP & 0xff;
  reply.set(arp, 14);
  return { reply };
}
