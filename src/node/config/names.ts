/**
 * IOS interface names and the Linux devices they become inside a node.
 *
 * | IOS name                                   | Linux              |
 * |--------------------------------------------|--------------------|
 * | GigabitEthernetN, EthernetN, FastEthernetN | ethN               |
 * | GigabitEthernet0/N (also Ethernet, Fast…)  | ethN               |
 * | Ethernet S/P with S ≥ 1 (IOL slots, P 0-3) | eth(4·S + P)       |
 * | GigabitEthernet0/S/P (ISR 4000 style)      | same as S/P        |
 * | LoopbackN                                  | lo (address added) |
 * | TunnelN                                    | tunN (TAP device)  |
 *
 * The slot rule is containerlab's for Cisco IOL (Ethernet1/0 = eth4). Two IOS names that land on the
 * same device (Ethernet0/4 and Ethernet1/0) are refused when the second one is configured.
 * Other types (Serial, Vlan, Port-channel, subinterfaces …) are recognised so that their blocks can
 * be ignored as "not supported"; Null0 is recognised as a discard route target.
 */
import type { InterfaceKind } from './model.js';

/** The result of reading an interface name. */
export type ParsedInterfaceName =
  | { ok: true; name: string; type: string; kind: InterfaceKind; linuxName: string }
  | { ok: true; name: string; type: string; kind: 'null' }
  | { ok: true; name: string; type: string; kind: 'unsupported'; why: string }
  | { ok: false; incomplete: boolean; expected: string };

interface TypeInfo {
  type: string;
  kind: InterfaceKind | 'null' | 'unsupported';
}

/** Searched in order, so that an abbreviation resolves the way IOS resolves it ("t0" is Tunnel0). */
const TYPES: TypeInfo[] = [
  { type: 'Ethernet', kind: 'ethernet' },
  { type: 'FastEthernet', kind: 'ethernet' },
  { type: 'GigabitEthernet', kind: 'ethernet' },
  { type: 'Loopback', kind: 'loopback' },
  { type: 'Tunnel', kind: 'tunnel' },
  { type: 'Null', kind: 'null' },
  ...[
    'Serial',
    'Vlan',
    'Port-channel',
    'TenGigabitEthernet',
    'Dialer',
    'Virtual-Template',
    'Virtual-Access',
    'Multilink',
    'BDI',
    'BVI',
    'Cellular',
    'Async',
    'ATM',
    'Embedded-Service-Engine',
    'NVI',
    'Virtual-PPP',
    'nve',
    'Service-Engine',
    'FortyGigabitEthernet',
    'HundredGigE',
    'TwentyFiveGigE',
    'AppGigabitEthernet',
    'VirtualPortGroup',
    'Group-Async',
    'MFR',
    'Wlan-GigabitEthernet',
    'LISP',
    'Bundle-Ether',
    'Virtual-Ethernet',
  ].map((type): TypeInfo => ({ type, kind: 'unsupported' })),
];

const NAME_RE = /^([A-Za-z][A-Za-z-]*?)\s*([0-9]+(?:\/[0-9]+)*)(?:\.([0-9]+))?$/;

/** Reads an IOS interface name (any case, abbreviations such as Gi0/1, Tu0, Lo0 accepted). */
export function parseInterfaceName(text: string): ParsedInterfaceName {
  const expected = 'an interface name such as GigabitEthernet0/1, Loopback0 or Tunnel0';
  const m = NAME_RE.exec(text.trim());
  if (!m) {
    const typeOnly = /^[A-Za-z][A-Za-z-]*$/.test(text.trim()) && findType(text.trim()) !== undefined;
    return { ok: false, incomplete: typeOnly, expected };
  }
  const info = findType(m[1]);
  if (!info) return { ok: false, incomplete: false, expected };
  const numbers = m[2].split('/').map(Number);
  const name = `${info.type}${m[2]}${m[3] !== undefined ? `.${m[3]}` : ''}`;
  if (info.kind === 'null') return { ok: true, name, type: info.type, kind: 'null' };
  if (info.kind === 'unsupported')
    return { ok: true, name, type: info.type, kind: 'unsupported', why: `${info.type} interfaces` };
  if (m[3] !== undefined) return { ok: true, name, type: info.type, kind: 'unsupported', why: 'subinterfaces' };
  if (info.kind === 'loopback' || info.kind === 'tunnel') {
    if (numbers.length !== 1) return { ok: false, incomplete: false, expected: `${info.type}N (one number)` };
    const linuxName = info.kind === 'loopback' ? 'lo' : `tun${numbers[0]}`;
    return { ok: true, name, type: info.type, kind: info.kind, linuxName };
  }
  const index = ethernetIndex(numbers);
  if (index === undefined) {
    return {
      ok: true,
      name,
      type: info.type,
      kind: 'unsupported',
      why: 'port numbers that do not map to ethN (see README "IOS interface names")',
    };
  }
  return { ok: true, name, type: info.type, kind: 'ethernet', linuxName: `eth${index}` };
}

/** ethN index for N, 0/N, S/P (IOL: 4 ports per slot) and 0/S/P; undefined when there is no mapping. */
function ethernetIndex(numbers: number[]): number | undefined {
  const n = numbers.length === 3 && numbers[0] === 0 ? numbers.slice(1) : numbers;
  if (n.length === 1) return n[0];
  if (n.length !== 2) return undefined;
  const [slot, port] = n;
  if (slot === 0) return port;
  return port <= 3 ? slot * 4 + port : undefined;
}

function findType(word: string): TypeInfo | undefined {
  const w = word.toLowerCase();
  return TYPES.find((t) => t.type.toLowerCase() === w) ?? TYPES.find((t) => t.type.toLowerCase().startsWith(w));
}
