/** `show interfaces [NAME]`: IOS layout from the config and, for tunnels, the data plane's counters; and its JSON form. */
import type { RouterConfig } from '../config/model.js';
import { DATAPLANE_DROP_REASONS, type DataplaneDropReason, type TunnelStats } from '../dataplane/counters.js';
import { iosTime, nbmaText, words } from './format.js';
import { linkStatus, primaryAddress, tunnelFacts } from './link.js';
import type { InterfaceState } from './state.js';
import type { InterfaceCountersJson, InterfaceJson, InterfacesJson } from '../api/schema/interfaces.js';

export type { InterfaceCountersJson, InterfaceJson, InterfacesJson };

/** Drop reasons of frames going out (TAP → tunnel); the others are on the way in. */
const OUTPUT_DROPS: DataplaneDropReason[] = DATAPLANE_DROP_REASONS.slice(
  0,
  DATAPLANE_DROP_REASONS.indexOf('sendError') + 1,
);
const INPUT_ERRORS: DataplaneDropReason[] = [
  'greTruncated',
  'greUnsupported',
  'greBadChecksum',
  'greKeyMissing',
  'greKeyMismatch',
  'greKeyUnexpected',
  'innerMalformed',
];

const sum = (d: Record<DataplaneDropReason, number>, rs: DataplaneDropReason[]) =>
  rs.reduce((a, r) => a + (d[r] ?? 0), 0);

function countersJson(st: TunnelStats, now: number): InterfaceCountersJson {
  const { name: _name, peers, ...rest } = st;
  const lastIn = Math.max(0, ...peers.map((p) => p.lastIn));
  const lastOut = Math.max(0, ...peers.map((p) => p.lastOut));
  const ago = (t: number) => (t === 0 ? null : Math.max(0, Math.floor((now - t) / 1000)));
  return {
    ...rest,
    drops: { ...st.drops },
    inputErrors: sum(st.drops, INPUT_ERRORS),
    outputDrops: sum(st.drops, OUTPUT_DROPS),
    unknownProtocolDrops: st.drops.greUnknownProtocol ?? 0,
    lastInputSecAgo: ago(lastIn),
    lastOutputSecAgo: ago(lastOut),
  };
}

/** One interface as JSON. */
export function interfaceJson(config: RouterConfig, s: InterfaceState, now: number): InterfaceJson {
  const c = s.config;
  const link = linkStatus(config, s);
  const a = primaryAddress(c);
  const base = {
    name: c.name,
    linuxName: c.linuxName,
    status: link.status,
    lineProtocol: link.protocol,
    description: c.description ?? null,
    address: a ? `${a.address}/${a.prefixLength}` : null,
    rates: s.rates ?? null,
  };
  if (c.kind !== 'tunnel') {
    const loop = c.kind === 'loopback';
    return {
      ...base,
      hardware: loop ? 'Loopback' : 'Ethernet',
      mtu: loop ? 1514 : 1500,
      bandwidthKbps: loop ? 8000000 : 1000000,
      delayUsec: loop ? 5000 : 10,
      tunnel: null,
      counters: null,
    };
  }
  const t = tunnelFacts(config, c);
  const keyed = t.key !== undefined;
  return {
    ...base,
    hardware: 'Tunnel',
    mtu: keyed ? 17912 : 17916,
    bandwidthKbps: 100,
    delayUsec: 50000,
    tunnel: {
      source: t.sourceAddress ?? null,
      sourceInterface: t.sourceInterface ?? null,
      destination: t.destination ?? null,
      transport: t.transport,
      key: t.key ?? null,
      // the underlay's 1500 less its IP header (40 bytes for IPv6), GRE and a key
      transportMtu: (t.transport.endsWith('IPv6') ? 1456 : 1476) - (keyed ? 4 : 0),
      protection: t.protection ?? null,
    },
    counters: s.stats ? countersJson(s.stats, now) : null,
  };
}

/** IOS `Key 0x3E8` form. */
const hexKey = (k: number) => `0x${k.toString(16).toUpperCase()}`;

/** `show interfaces` text for one interface. */
export function interfaceText(i: InterfaceJson): string[] {
  const out = [`${i.name} is ${i.status}, line protocol is ${i.lineProtocol}`, `  Hardware is ${i.hardware}`];
  if (i.description !== null) out.push(`  Description: ${i.description}`);
  out.push(i.address === null ? '  Internet protocol processing disabled' : `  Internet address is ${i.address}`);
  out.push(
    `  MTU ${i.mtu} bytes, BW ${i.bandwidthKbps} Kbit/sec, DLY ${i.delayUsec} usec,`,
    '     reliability 255/255, txload 1/255, rxload 1/255',
  );
  const t = i.tunnel;
  if (t === null) {
    out.push(`  Encapsulation ${i.hardware === 'Loopback' ? 'LOOPBACK' : 'ARPA'}, loopback not set`);
    out.push(`  Counters of this interface are kept by the kernel (${i.linuxName})`);
    return out;
  }
  out.push(
    '  Encapsulation TUNNEL, loopback not set',
    '  Keepalive not set',
    `  Tunnel linestate evaluation ${i.lineProtocol}`,
  );
  const addr = t.source === null ? 'UNKNOWN' : nbmaText(t.source);
  const src = t.sourceInterface !== null ? `${addr} (${t.sourceInterface})` : addr;
  out.push(`  Tunnel source ${src}${t.destination !== null ? `, destination ${nbmaText(t.destination)}` : ''}`);
  out.push(`  Tunnel protocol/transport ${t.transport}`);
  if (t.key !== null) out.push(`    Key ${hexKey(t.key)}, sequencing disabled`);
  out.push(
    '    Checksumming of packets disabled',
    '  Tunnel TTL 255, Fast tunneling enabled',
    `  Tunnel transport MTU ${t.transportMtu} bytes`,
  );
  out.push('  Tunnel transmit bandwidth 8000 (kbps)', '  Tunnel receive bandwidth 8000 (kbps)');
  if (t.protection !== null) out.push(`  Tunnel protection via IPSec (profile "${t.protection}")`);
  const c = i.counters;
  if (c === null) return out;
  const last = (s: number | null) => (s === null ? 'never' : iosTime(s));
  out.push(`  Last input ${last(c.lastInputSecAgo)}, output ${last(c.lastOutputSecAgo)}, output hang never`);
  out.push('  Last clearing of "show interface" counters never');
  out.push(`  Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: ${c.outputDrops}`);
  out.push('  Queueing strategy: fifo', '  Output queue: 0/0 (size/max)');
  if (i.rates !== null) {
    out.push(`  5 minute input rate ${i.rates.inputBitsPerSec} bits/sec, ${i.rates.inputPacketsPerSec} packets/sec`);
    out.push(`  5 minute output rate ${i.rates.outputBitsPerSec} bits/sec, ${i.rates.outputPacketsPerSec} packets/sec`);
  }
  out.push(`     ${c.packetsIn} packets input, ${c.bytesIn} bytes, 0 no buffer`);
  out.push('     0 runts, 0 giants, 0 throttles');
  out.push(`     ${c.inputErrors} input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort`);
  out.push(`     ${c.packetsOut} packets output, ${c.bytesOut} bytes, 0 underruns`);
  out.push(`     ${c.drops.sendError ?? 0} output errors, 0 collisions, 0 interface resets`);
  out.push(`     ${c.unknownProtocolDrops} unknown protocol drops`);
  out.push('     0 output buffer failures, 0 output buffers swapped out');
  out.push(`     ${c.nhrpIn} NHRP packets input, ${c.nhrpOut} NHRP packets output`);
  const drops = DATAPLANE_DROP_REASONS.filter((r) => (c.drops[r] ?? 0) > 0).map((r) => `${c.drops[r]} ${words(r)}`);
  if (drops.length > 0) out.push(`     Dropped: ${drops.join(', ')}`);
  return out;
}

/** `show interfaces [NAME]` as JSON: every interface, or the one named. */
export function interfacesJson(config: RouterConfig, states: InterfaceState[], now: number): InterfacesJson {
  return { interfaces: states.map((s) => interfaceJson(config, s, now)) };
}

/** `show interfaces [NAME]` text. */
export function interfacesText(json: InterfacesJson): string[] {
  return json.interfaces.flatMap(interfaceText);
}
