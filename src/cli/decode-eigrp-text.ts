/** Text layout of EIGRP records in `dmvpn-lab decode`: the header line and one line per TLV, Wireshark's way. */
import type { EigrpTlvJson } from '../wire/eigrp/json.js';
import type { EigrpRecord } from './decode-report.js';

const hex = (v: number, n: number): string => `0x${v.toString(16).padStart(n, '0')}`;

interface MetricJson {
  delay: number;
  bandwidth: number;
  mtu: number;
  hopCount: number;
  reliability: number;
  load: number;
  routeTag?: number;
  priority?: number;
  flagNames: string[];
}

interface ExternalJson {
  originatingRouter: string;
  originatingAs: number;
  adminTag: number;
  externalMetric: number;
  protocolName: string;
}

function routeText(t: EigrpTlvJson): string {
  const m = t.metric as MetricJson;
  const ext = t.external as ExternalJson | undefined;
  const parts = [
    t.unreachable ? 'unreachable (delay infinity)' : `delay ${m.delay}`,
    `bandwidth ${m.bandwidth}`,
    `MTU ${m.mtu}`,
    `hops ${m.hopCount}`,
    `reliability ${m.reliability}`,
    `load ${m.load}`,
  ];
  if (m.routeTag !== undefined) parts.push(`tag ${m.routeTag}`);
  if (m.flagNames.length) parts.push(`[${m.flagNames.join(' ')}]`);
  if (ext) {
    const from = `from ${ext.originatingRouter} AS ${ext.originatingAs}`;
    parts.push(`external ${ext.protocolName} ${from} metric ${ext.externalMetric} tag ${ext.adminTag}`);
  }
  const rid = t.routerId !== undefined ? `, router ID ${String(t.routerId)}` : '';
  const prefixes = (t.prefixes as string[]).join(', ') || '(no destination)';
  return `  ${t.name} ${prefixes} via ${String(t.nextHop)}${rid}: ${parts.join(', ')}`;
}

function tlvText(t: EigrpTlvJson): string {
  switch (t.type) {
    case 'parameters':
      return (
        `  Parameters: K1 ${t.k1}, K2 ${t.k2}, K3 ${t.k3}, K4 ${t.k4}, K5 ${t.k5}, K6 ${t.k6}, ` +
        `hold time ${t.holdTime} s` +
        (t.peerTermination ? ' (Peer Termination)' : '')
      );
    case 'authentication':
      return (
        `  Authentication ${String(t.authTypeName)}: key ID ${t.keyId}, key sequence ${t.keySequence}, ` +
        `digest ${String(t.digest) || '-'}`
      );
    case 'sequence':
    case 'peerTermination':
      return `  ${t.name}: ${(t.addresses as string[]).join(', ') || '-'}`;
    case 'softwareVersion':
      return `  Software Version: EIGRP=${String(t.release)}, TLV=${String(t.tlvVersion)}`;
    case 'nextMulticastSequence':
      return `  Next Multicast Sequence: ${t.sequence}`;
    case 'stub':
      return `  Stub: flags ${hex(t.flags as number, 4)}`;
    case 'topologyIds':
      return `  Topology ID List: flags ${hex(t.flags as number, 4)}, TIDs ${(t.tids as number[]).join(', ') || '-'}`;
    case 'unknown':
      return `  ${t.name}: data ${String(t.data) || '-'}`;
    default:
      return routeText(t);
  }
}

/** Lines for one decoded EIGRP record. */
export function formatEigrpRecord(r: EigrpRecord): string[] {
  const esp = r.esp ? ` [ESP${r.esp.udp ? ' in UDP 4500' : ''} SPI ${r.esp.spi}]` : '';
  const where = `Frame ${r.frame}: ${r.nbmaSrc ?? '?'} -> ${r.nbmaDst ?? '?'}${esp}`;
  const flags = `flags ${hex(r.flags, 8)}${r.flagNames.length ? ` [${r.flagNames.join(' ')}]` : ''}`;
  const vrid = r.vrid !== 0 ? `, VRID ${r.vrid}` : '';
  return [
    `${where} EIGRP ${r.opcodeName}, ${flags}, seq ${r.sequence}, ack ${r.ack}, AS ${r.as}${vrid}, ` +
      `checksum ${hex(r.checksum, 4)} ${r.checksumValid ? 'valid' : 'INVALID'}, ` +
      `re-encode ${r.reencodes ? 'identical' : 'DIFFERS'}`,
    ...r.tlvs.map(tlvText),
  ];
}
