/** Interface configuration mode: addresses, shutdown, MTU, MSS, description, and the tunnel/NHRP hand-off. */
import { formatIpv4, networkBits, parseIpv4, wildcardBits } from '../../wire/ipv4-addr.js';
import { INTERFACE_IP_WORDS, INTERFACE_WORDS, isInterfaceCommand } from './ios-tables.js';
import type { Cmd } from './line.js';
import type { InterfaceAddress, InterfaceConfig } from './model.js';
import { bandwidthDelayCommand, eigrpIfCommand, isEigrpIfLine } from './eigrp.js';
import { isGlobalMulticastLine, multicastInterfaceCommand } from './multicast.js';
import { nhrpCommand, nhrpGroupCommand } from './nhrp.js';
import { ipv6InterfaceCommand } from './ipv6.js';
import type { Block, Session } from './session.js';
import { servicePolicyCommand } from './qos.js';
import { tunnelCommand } from './tunnel.js';
import { ospfInterfaceCommand } from './routing/ospf.js';
import { ripSummaryCommand, splitHorizonCommand } from './routing/rip.js';
import { ipv6RoutingIfCommand } from './routing/iface6.js';
import { eigrp6IfCommand, isEigrp6IfLine } from './eigrp6.js';

/** The sub-mode opened by `interface NAME` for a supported interface. */
export function interfaceBlock(iface: InterfaceConfig, indent: number): Block {
  return {
    indent,
    accepts: (words) => isInterfaceCommand(words) && !isGlobalMulticastLine(words),
    leaves: (words) => {
      const w = words[0] === 'no' ? words.slice(1) : words;
      return (
        w[0] === 'interface' ||
        w[0] === 'hostname' ||
        (w[0] === 'ip' && w[1] === 'route') ||
        (w[0] === 'ipv6' && (w[1] === 'route' || w[1] === 'unicast-routing'))
      );
    },
    line: (cmd, s) => interfaceCommand(cmd, s, iface),
  };
}

/** Applies one interface-mode line to `iface`. */
export function interfaceCommand(cmd: Cmd, s: Session, iface: InterfaceConfig): void {
  const context = `interface ${iface.name}`;
  const neg = cmd.accept('no');
  const a = cmd.peek();
  if (a === undefined) cmd.incomplete('no', 'a command to negate');
  switch (a) {
    case 'exit':
      return;
    case 'shutdown':
      cmd.pos++;
      cmd.end('shutdown');
      iface.shutdown = !neg;
      return;
    case 'description':
      cmd.pos++;
      if (neg) delete iface.description;
      else iface.description = cmd.rest('description', 'a description');
      return;
    case 'ip':
      return ipCommand(cmd, s, iface, neg, context);
    case 'tunnel':
      if (iface.kind !== 'tunnel')
        cmd.invalid(
          'tunnel',
          `an interface command (tunnel settings exist only on Tunnel interfaces, not ${iface.name})`,
        );
      return tunnelCommand(cmd, s, iface, neg, context);
    case 'nhrp':
      return nhrpGroupCommand(cmd, s, iface, neg, context);
    case 'ipv6':
      if (ipv6RoutingIfCommand(cmd, iface, neg)) return;
      if (isEigrp6IfLine(cmd)) return eigrp6IfCommand(cmd, iface, neg);
      return ipv6InterfaceCommand(cmd, s, iface, neg, context);
    case 'service-policy':
      return servicePolicyCommand(cmd, s, iface, neg, context);
    case 'bandwidth':
    case 'delay':
      return bandwidthDelayCommand(cmd, iface, neg);
  }
  const topic = INTERFACE_WORDS.get(a);
  if (!topic) cmd.invalid(context, 'an interface command');
  s.ignore(cmd.line, `not supported, ignored (${topic})`, 'unsupported', context);
}

function ipCommand(cmd: Cmd, s: Session, iface: InterfaceConfig, neg: boolean, context: string): void {
  cmd.pos++;
  const b = cmd.peek();
  if (b === 'address') return ipAddress(cmd, s, iface, neg, context);
  if (b === 'mtu') {
    cmd.pos++;
    if (neg) delete iface.mtu;
    else iface.mtu = cmd.uint('ip mtu', 'bytes', 68, 17912);
    cmd.end('ip mtu');
    return;
  }
  if (b === 'tcp' && cmd.peek(1) === 'adjust-mss') {
    cmd.pos += 2;
    if (neg) {
      delete iface.adjustMss;
      cmd.pos = cmd.line.tokens.length;
    } else {
      iface.adjustMss = cmd.uint('ip tcp adjust-mss', 'bytes', 500, 1460);
      cmd.end('ip tcp adjust-mss');
    }
    return;
  }
  if (b === 'nhrp') {
    if (iface.kind !== 'tunnel') {
      s.ignore(cmd.line, 'not supported, ignored (NHRP runs on Tunnel interfaces only)', 'unsupported', context);
      return;
    }
    return nhrpCommand(cmd, s, iface, neg, context);
  }
  if (b === 'ospf' && ospfInterfaceCommand(cmd, s, iface, neg)) return;
  if (b === 'split-horizon' && splitHorizonCommand(cmd, iface, neg)) return;
  if (b === 'summary-address' && ripSummaryCommand(cmd, iface, neg)) return;
  if ((b === 'pim' || b === 'igmp') && multicastInterfaceCommand(cmd, iface, neg)) return;
  if (b === undefined) cmd.incomplete('ip', 'an interface ip command');
  if (isEigrpIfLine(cmd)) return eigrpIfCommand(cmd, iface, neg);
  const topic = INTERFACE_IP_WORDS.get(b);
  if (!topic) cmd.invalid('ip', 'an interface ip command (ip address, ip mtu, ip nhrp, ip tcp adjust-mss …)');
  s.ignore(cmd.line, `not supported, ignored (${topic})`, 'unsupported', context);
}

function ipAddress(cmd: Cmd, s: Session, iface: InterfaceConfig, neg: boolean, context: string): void {
  const C = 'ip address';
  cmd.pos++;
  if (neg && cmd.left === 0) {
    iface.addresses = [];
    return;
  }
  if (['dhcp', 'negotiated', 'pool'].includes(cmd.peek() ?? '')) {
    s.ignore(cmd.line, `not supported, ignored (ip address ${cmd.peek()})`, 'unsupported', context);
    return;
  }
  const at = cmd.pos;
  const address = cmd.ipv4(C, 'interface address');
  const prefixLength = cmd.mask(C);
  const secondary = cmd.accept('secondary');
  cmd.end(C);
  const value = parseIpv4(address)!;
  const host = (value & wildcardBits(prefixLength)) >>> 0;
  if (prefixLength <= 30 && (host === 0 || host === wildcardBits(prefixLength))) {
    cmd.fail(
      'CONFIG_BAD_MASK',
      `Bad mask /${prefixLength} for address ${address}`,
      {
        command: C,
        expected: `a host address in ${formatIpv4(networkBits(value, prefixLength))}/${prefixLength}`,
        found: `'${address}', the ${host === 0 ? 'network' : 'broadcast'} address`,
      },
      at,
    );
  }
  const entry: InterfaceAddress = { family: 4, address, prefixLength, secondary };
  const same = (x: InterfaceAddress): boolean => x.address === address && x.prefixLength === prefixLength;
  if (neg) {
    const before = iface.addresses.length;
    iface.addresses = iface.addresses.filter((x) => !(same(x) && x.secondary === secondary));
    if (iface.addresses.length === before)
      s.warn(cmd.line, 'CONFIG_NO_SUCH_ADDRESS', `${address} is not configured on ${iface.name}`);
    return;
  }
  s.addressLines.push({
    interface: iface.name,
    address,
    prefixLength,
    line: cmd.line.no,
    column: cmd.line.tokens[0]!.col,
  });
  const rest = iface.addresses.filter((x) => !same(x) && (secondary || x.secondary));
  iface.addresses = secondary ? [...rest, entry] : [entry, ...rest];
}
