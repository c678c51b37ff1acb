/**
 * `debug eigrp packets` text, IOS layout:
 *   EIGRP: Sending UPDATE on Tunnel0 nbr 10.0.0.2
 *     AS 1, Flags 0x1:(INIT), Seq 3/0 ...
 * (one action per packet, the two lines joined by a newline).
 */
import { decodeEigrp, tryDecodeEigrp } from './decode.js';

const OPCODES: Record<number, string> = {
  1: 'UPDATE',
  2: 'REQUEST',
  3: 'QUERY',
  4: 'REPLY',
  5: 'HELLO',
  10: 'SIAQUERY',
  11: 'SIAREPLY',
};

function flagText(flags: number): string {
  const names: string[] = [];
  if (flags & 1) names.push('INIT');
  if (flags & 2) names.push('CR');
  if (flags & 4) names.push('RS');
  if (flags & 8) names.push('EOT');
  return `0x${flags.toString(16)}:(${names.length ? names.join(', ') : 'NULL'})`;
}

/** Two lines describing a packet sent or received (`verb` is "Sending" or "Received"). */
export function describePacket(verb: string, iface: string, peer: string, bytes: Uint8Array): string {
  const p = tryDecodeEigrp(bytes);
  if (!p) return `EIGRP: ${verb} malformed packet on ${iface} ${peer}`;
  const name = p.opcode === 5 && p.ack !== 0 ? 'ACK' : (OPCODES[p.opcode] ?? `opcode ${p.opcode}`);
  const where = verb === 'Sending' && peer === '224.0.0.10' ? '' : ` nbr ${peer}`;
  const routes = p.tlvs.filter((t) => 'destinations' in t).length;
  return (
    `EIGRP: ${verb} ${name} on ${iface}${where} - paklen ${bytes.length}\n` +
    `  AS ${p.as}, Flags ${flagText(p.flags)}, Seq ${p.sequence}/${p.ack}${routes ? `, ${routes} routes` : ''}`
  );
}

export { decodeEigrp };
