/**
 * `tunnel source|destination|mode|key|protection` on a Tunnel interface. `tunnel mode gre multipoint
 * ipv6` and `tunnel mode gre ipv6` (point-to-point) make the NBMA IPv6 (transport 6): the source is then
 * an IPv6 address or an interface's first global IPv6 address, the destination an IPv6 address (whether
 * NBMA addresses, the destination and protection fit the mode is checked across lines, validate-nbma.ts).
 */
import { canonicalIpv6 } from '../../wire/ipv6-addr.js';
import { TUNNEL_IGNORED_WORDS } from './ios-tables.js';
import type { Cmd } from './line.js';
import { IOS_DEFAULTS, modeText, type InterfaceConfig, type TunnelIfConfig } from './model.js';
import { parseInterfaceName } from './names.js';
import type { Session } from './session.js';
import { readNbma } from './validate-nbma.js';

/** Tunnel modes IOS has that dmvpnd does not run (the line is ignored, the mode is left as it was). */
const OTHER_MODES = new Set([
  'ipip',
  'ipsec',
  'mpls',
  'aurp',
  'cayman',
  'dvmrp',
  'eon',
  'iptalk',
  'nos',
  'rbscp',
  'udp',
  'vxlan',
  'ethernet',
  'l3vpn',
  'ipv6',
  'ipv6ip',
]);

/** Applies one `[no] tunnel …` line; `cmd` is positioned on the word `tunnel`. */
export function tunnelCommand(cmd: Cmd, s: Session, iface: InterfaceConfig, neg: boolean, context: string): void {
  const t = iface.tunnel!;
  cmd.pos++;
  const sub = cmd.peek();
  switch (sub) {
    case 'source':
      cmd.pos++;
      if (neg) {
        delete t.source;
        cmd.pos = cmd.line.tokens.length;
      } else t.source = readSource(cmd);
      cmd.end('tunnel source');
      return;
    case 'destination':
      cmd.pos++;
      if (neg) {
        delete t.destination;
        cmd.pos = cmd.line.tokens.length;
      } else t.destination = readNbma(cmd, s, iface, 'tunnel destination', 'destination (NBMA) address');
      cmd.end('tunnel destination');
      return;
    case 'key':
      cmd.pos++;
      if (neg) {
        delete t.key;
        cmd.pos = cmd.line.tokens.length;
      } else t.key = cmd.uint('tunnel key', 'key', 0, 4294967295);
      cmd.end('tunnel key');
      return;
    case 'mode':
      cmd.pos++;
      return tunnelMode(cmd, s, t, neg, context);
    case 'protection':
      cmd.pos++;
      if (!neg) s.protectionLines.push({ interface: iface.name, line: cmd.line.no, text: cmd.line.raw.trim() });
      return protection(cmd, t, neg);
  }
  if (sub === undefined) cmd.incomplete('tunnel', 'a tunnel setting');
  if (!TUNNEL_IGNORED_WORDS.has(sub)) cmd.invalid('tunnel', "'source', 'destination', 'mode', 'key' or 'protection'");
  s.ignore(cmd.line, `not supported, ignored (tunnel ${sub})`, 'unsupported', context);
}

function readSource(cmd: Cmd): TunnelIfConfig['source'] {
  const expected = 'an address or an Ethernet or Loopback interface';
  const v6 = cmd.peek()?.includes(':') ? canonicalIpv6(cmd.peek()!) : undefined;
  if (v6 !== undefined) {
    cmd.pos++;
    return { kind: 'address', address: v6 };
  }
  if (cmd.nextLooksLikeIpv4()) return { kind: 'address', address: cmd.ipv4('tunnel source', 'source address') };
  const at = cmd.pos;
  const parsed = parseInterfaceName(cmd.word('tunnel source', expected));
  if (!parsed.ok || (parsed.kind !== 'ethernet' && parsed.kind !== 'loopback'))
    cmd.invalid('tunnel source', expected, at);
  return { kind: 'interface', name: parsed.name };
}

function tunnelMode(cmd: Cmd, s: Session, t: TunnelIfConfig, neg: boolean, context: string): void {
  const C = 'tunnel mode';
  if (neg) {
    t.mode = IOS_DEFAULTS.tunnelMode;
    t.transport = 4;
    cmd.pos = cmd.line.tokens.length;
    return;
  }
  const first = cmd.peek();
  if (first !== 'gre') {
    if (first === undefined) cmd.incomplete(C, "'gre multipoint' or 'gre ip'");
    if (!OTHER_MODES.has(first)) cmd.invalid(C, "'gre multipoint' or 'gre ip'");
    s.ignore(
      cmd.line,
      `not supported, ignored (tunnel mode ${first}; the tunnel stays ${modeText(t)})`,
      'unsupported',
      context,
    );
    return;
  }
  cmd.pos++;
  if (cmd.left === 0) cmd.incomplete(C, "'multipoint', 'ip' or 'ipv6'");
  const kind = cmd.keyword(C, ['multipoint', 'ip', 'ipv6'] as const);
  const v6 = kind === 'ipv6' || (kind === 'multipoint' && cmd.accept('ipv6'));
  cmd.end(C);
  t.mode = kind === 'multipoint' ? 'gre-multipoint' : 'gre-p2p';
  t.transport = v6 ? 6 : 4;
}

function protection(cmd: Cmd, t: TunnelIfConfig, neg: boolean): void {
  const C = 'tunnel protection';
  cmd.keyword(C, ['ipsec'] as const);
  cmd.keyword(C, ['profile'] as const);
  if (neg) {
    delete t.protection;
    cmd.pos = cmd.line.tokens.length;
    return;
  }
  const profile = cmd.word(C, 'an IPsec profile name');
  const shared = cmd.accept('shared');
  cmd.end(C);
  t.protection = { profile, shared, active: true };
}
