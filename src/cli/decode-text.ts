/** Text layout of `dmvpn-lab decode` records: one header line per packet, indented detail lines. */
import { formatEigrpRecord } from './decode-eigrp-text.js';
import type { CieJson, ExtensionJson } from '../wire/nhrp/json.js';
import { EXT_NAMES } from '../wire/nhrp/names.js';
import type { DecodeRecord } from './decode-report.js';

const hex4 = (v: number): string => `0x${v.toString(16).padStart(4, '0')}`;
const addr = (a: string): string => (a === '' ? '-' : a);

function cieText(c: CieJson): string {
  return (
    `code ${c.code} (${c.codeName}), prefix ${c.prefixLength}, MTU ${c.mtu}, hold ${c.holdingTime} s, pref ${c.preference}, ` +
    `NBMA ${addr(c.nbmaAddress)}${c.nbmaSubaddress ? `/${c.nbmaSubaddress}` : ''}, proto ${addr(c.protocolAddress)}`
  );
}

function extText(e: ExtensionJson): string[] {
  const head = `  ext ${EXT_NAMES[e.type]} (${hex4(e.typeCode)}${e.compulsory ? ', compulsory' : ''})`;
  if (e.cies)
    return e.cies.length === 0 ? [`${head}: no CIEs`] : [`${head}:`, ...e.cies.map((c) => `    CIE ${cieText(c)}`)];
  if (e.type === 'authentication') return [`${head}: SPI ${e.spi}, password ${JSON.stringify(e.password)}`];
  if (e.type === 'vendorPrivate') return [`${head}: OUI ${e.oui}, data ${e.data || '-'}`];
  if (e.type === 'unknown') return [`${head}: data ${e.data || '-'}`];
  return [head];
}

/** Lines for one record. */
export function formatRecord(r: DecodeRecord): string[] {
  const esp = r.esp ? ` [ESP${r.esp.udp ? ' in UDP 4500' : ''} SPI ${r.esp.spi}]` : '';
  const where = `Frame ${r.frame}: ${r.nbmaSrc ?? '?'} -> ${r.nbmaDst ?? '?'}${r.greKey !== null ? ` key ${r.greKey}` : ''}${esp}`;
  if ('error' in r) return [`${where} MALFORMED ${r.error.layer.toUpperCase()}: ${r.error.code} ${r.error.message}`];
  if ('protocol' in r && r.protocol === 'ikev2') {
    const dir = `${r.initiator ? 'initiator' : 'responder'} ${r.response ? 'response' : 'request'}`;
    const inside = r.opened ? `SK opened: ${r.payloads.join(', ') || '(empty)'}` : `SK does not open: ${r.skError}`;
    return [`${where} IKEv2 ${r.exchangeName} ${dir}, message ID ${r.messageId}, UDP ${r.udpPort}`, `  ${inside}`];
  }
  if ('protocol' in r && r.protocol === 'ikev1') {
    const inside = r.opened ? `opened: ${r.payloads.join(', ') || '(empty)'}` : `does not open: ${r.openError}`;
    return [`${where} IKEv1 ${r.exchangeName}, message ID ${r.messageId}, UDP ${r.udpPort}`, `  ${inside}`];
  }
  if ('protocol' in r) return formatEigrpRecord(r);
  const lines = [
    `${where} NHRP ${r.typeName}, hop ${r.hopCount}, flags ${hex4(r.flags)}${r.flagNames.length ? ` [${r.flagNames.join(' ')}]` : ''}, ` +
      `${r.type === 7 ? `error ${r.errorCode} (${r.errorCodeName}) at ${r.errorOffset}` : r.type === 8 ? `traffic code ${r.trafficCode}` : `id ${r.requestId}`}, ` +
      `checksum ${hex4(r.checksum)} ${r.checksumValid ? 'valid' : 'INVALID'}, re-encode ${r.reencodes ? 'identical' : 'DIFFERS'}`,
    `  src NBMA ${addr(r.srcNbma)}${r.srcNbmaSubaddress ? `/${r.srcNbmaSubaddress}` : ''}, src proto ${addr(r.srcProto)}, dst proto ${addr(r.dstProto)}`,
  ];
  r.cies.forEach((c, i) => lines.push(`  CIE ${i + 1}: ${cieText(c)}`));
  if (r.payload !== undefined) lines.push(`  payload (${r.payload.length / 2} bytes): ${r.payload || '-'}`);
  for (const e of r.extensions) lines.push(...extText(e));
  if (r.trailer) lines.push(`  after End: ${r.trailer}`);
  return lines;
}
