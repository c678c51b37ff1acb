/** Global configuration mode: hostname, interface, ip route, crypto, and recognised-but-ignored commands. */
import { accessCommand, isAccessCommand } from './access.js';
import { cryptoCommand } from './crypto.js';
import { keyChainCommand, routerEigrpCommand } from './eigrp.js';
import { ipv6RouterEigrpCommand } from './eigrp6.js';
import { interfaceBlock } from './iface.js';
import { ipv6GlobalCommand } from './ipv6.js';
import { ignoreBlock } from './ignore.js';
import { GLOBAL_IP_WORDS, GLOBAL_WORDS } from './ios-tables.js';
import { prefixListCommand } from './routing/prefix-list.js';
import { routeMapCommand } from './routing/route-map.js';
import type { Cmd } from './line.js';
import { defaultNhrp, defaultTunnel, IOS_DEFAULTS, type InterfaceConfig } from './model.js';
import { parseInterfaceName } from './names.js';
import { multicastGlobalCommand } from './multicast.js';
import { isQosGlobal, qosGlobalCommand } from './qos.js';
import { routeCommand } from './routes.js';
import { routerCommand } from './routing/router.js';
import { ipv6RouterCommand } from './routing/router6.js';
import type { Session } from './session.js';

/** Applies one global-mode line to `s.config`, opening a sub-mode when the command has one. */
export function globalCommand(cmd: Cmd, s: Session): void {
  const neg = cmd.accept('no');
  const first = cmd.peek();
  if (first === undefined) cmd.incomplete('no', 'a command to negate');
  if (first === 'hostname') return hostname(cmd, s, neg);
  if (isAccessCommand(cmd.line.tokens.slice(cmd.pos).map((t) => t.text.toLowerCase())))
    return accessCommand(cmd, s, neg);
  if (first === 'interface') return interfaceCommand(cmd, s, neg);
  if (first === 'crypto') return cryptoCommand(cmd, s, neg);
  if (first === 'router' && cmd.peek(1) === 'eigrp') return routerEigrpCommand(cmd, s, neg);
  if (first === 'key' && cmd.peek(1) === 'chain') return keyChainCommand(cmd, s, neg);
  if (first === 'router') return routerCommand(cmd, s, neg);
  if (first === 'ipv6' && cmd.peek(1) === 'router' && cmd.peek(2) === 'eigrp') {
    cmd.pos++;
    return ipv6RouterEigrpCommand(cmd, s, neg);
  }
  if (first === 'ipv6' && cmd.peek(1) === 'router' && ['ospf', 'rip'].includes(cmd.peek(2) ?? '')) {
    cmd.pos++;
    return ipv6RouterCommand(cmd, s, neg);
  }
  if (first === 'route-map') return routeMapCommand(cmd, s, neg);
  if (first === 'ipv6') return ipv6GlobalCommand(cmd, s, neg);
  if (isQosGlobal(first)) return qosGlobalCommand(cmd, s, neg);
  if (first === 'ip') {
    cmd.pos++;
    const second = cmd.peek();
    if (second === 'route') return routeCommand(cmd, s, neg);
    if (second === 'prefix-list') return prefixListCommand(cmd, s.config, neg);
    if (second === undefined) cmd.incomplete('ip', 'a global ip command');
    if (multicastGlobalCommand(cmd, s.config, neg)) return;
    const topic = GLOBAL_IP_WORDS.get(second);
    if (!topic) cmd.invalid('ip', 'a global ip command (ip route, ip cef, ip domain-name …)');
    return ignoreBlock(cmd, s, topic);
  }
  const topic = GLOBAL_WORDS.get(first);
  if (!topic) cmd.invalid('global configuration', 'a global configuration command');
  ignoreBlock(cmd, s, topic);
}

function hostname(cmd: Cmd, s: Session, neg: boolean): void {
  cmd.pos++;
  if (neg) {
    s.config.hostname = IOS_DEFAULTS.hostname;
    return;
  }
  const expected = 'a host name (letters, digits, - _ .; at most 63 characters)';
  const name = cmd.word('hostname', expected);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(name)) cmd.invalid('hostname', expected, cmd.pos - 1);
  cmd.end('hostname');
  s.config.hostname = name;
}

function interfaceCommand(cmd: Cmd, s: Session, neg: boolean): void {
  cmd.pos++;
  const at = cmd.pos;
  const expected = 'an interface name such as GigabitEthernet0/1, Loopback0 or Tunnel0';
  const first = cmd.word('interface', expected);
  // "interface GigabitEthernet 0/1" is the same as "interface GigabitEthernet0/1"
  const text =
    /^[0-9]/.test(cmd.peek() ?? '') && /^[A-Za-z-]+$/.test(first) ? first + cmd.word('interface', expected) : first;
  const parsed = parseInterfaceName(text);
  if (!parsed.ok) {
    if (parsed.incomplete) cmd.incomplete('interface', parsed.expected);
    cmd.invalid('interface', parsed.expected, at);
  }
  if (parsed.kind === 'null' || parsed.kind === 'unsupported') {
    const why = parsed.kind === 'null' ? 'the Null interface' : parsed.why;
    ignoreBlock(cmd, s, why);
    return;
  }
  const ifaces = s.config.interfaces;
  if (neg) {
    if (parsed.kind === 'ethernet') {
      cmd.fail(
        'CONFIG_NOT_REMOVABLE',
        '% Removal of physical interfaces is not permitted',
        {
          command: 'no interface',
          expected: 'a Loopback or Tunnel interface',
          found: `physical interface ${parsed.name}`,
        },
        at,
      );
    }
    delete ifaces[parsed.name];
    cmd.end('no interface');
    return;
  }
  // options such as "point-to-point" only exist on subinterfaces, which are ignored above
  cmd.end('interface');
  let iface = ifaces[parsed.name];
  if (!iface) {
    const clash = Object.values(ifaces).find((i) => i.linuxName === parsed.linuxName && parsed.linuxName !== 'lo');
    if (clash) {
      cmd.fail(
        'CONFIG_NAME_CLASH',
        `% ${parsed.name} and ${clash.name} are the same device ${parsed.linuxName}`,
        {
          command: 'interface',
          expected: `an interface that maps to a device other than ${parsed.linuxName}`,
          found: `${parsed.name}, which maps to ${parsed.linuxName} like ${clash.name}`,
        },
        at,
      );
    }
    iface = newInterface(parsed.name, parsed.kind, parsed.linuxName);
    ifaces[parsed.name] = iface;
  }
  s.open(interfaceBlock(iface, cmd.line.indent));
}

/** A fresh interface as IOS creates it: no address, up, and (for tunnels) default tunnel and NHRP settings. */
export function newInterface(name: string, kind: InterfaceConfig['kind'], linuxName: string): InterfaceConfig {
  const iface: InterfaceConfig = { name, kind, linuxName, addresses: [], shutdown: false };
  if (kind === 'tunnel') {
    iface.tunnel = defaultTunnel();
    iface.nhrp = defaultNhrp();
  }
  return iface;
}
