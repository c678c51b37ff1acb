/**
 * The IPv6 overlay's configuration lines (IOS): globally `ipv6 unicast-routing` and `ipv6 route`;
 * on an interface `ipv6 address X/len`, `ipv6 address FE80::… link-local`, `ipv6 enable` and, on a
 * tunnel, `ipv6 mtu N` and every `ipv6 nhrp …` command (parsed by nhrp.ts with IPv6 protocol addresses; the NBMA
 * stays IPv4). Other `ipv6 …` lines are recognised and reported as not supported.
 * The model is in model.ts (`InterfaceConfig.ipv6`, `InterfaceConfig.nhrp6`, `RouterConfig.ipv6`).
 */
import {
  canonicalIpv6,
  IPV6_MIN_MTU,
  inPrefix6,
  isLinkLocal6,
  isMulticast6,
  networkOf6,
  parseCidr6,
} from '../../wire/ipv6-addr.js';
import { ignoreBlock } from './ignore.js';
import type { Cmd } from './line.js';
import { defaultNhrp, IOS_DEFAULTS, type InterfaceConfig, type RouterConfig, type StaticRoute } from './model.js';
import { parseInterfaceName } from './names.js';
import { nhrpCommand, type NhrpDialect } from './nhrp.js';
import type { Session } from './session.js';

/** Reads an IPv6 address (canonical text); `% Invalid input` when the token is not one. */
export function readIpv6(cmd: Cmd, command: string, what: string): string {
  const w = cmd.word(command, `${what} (X:X:X:X::X)`);
  const a = canonicalIpv6(w);
  if (a === undefined) cmd.invalid(command, `${what} (X:X:X:X::X)`, cmd.pos - 1);
  return a;
}

/** Reads `X:X::X/len` (canonical address and length). */
export function readIpv6Prefix(cmd: Cmd, command: string, what: string): { address: string; prefixLength: number } {
  const expected = `${what} (X:X:X:X::X/<0-128>)`;
  const w = cmd.word(command, expected);
  const c = parseCidr6(w);
  if (c === undefined) cmd.invalid(command, expected, cmd.pos - 1);
  return c;
}

/** Whether the next token is an IPv6 address or prefix. */
function nextIsIpv6(cmd: Cmd): boolean {
  return cmd.peek()?.includes(':') ?? false;
}

/** `ipv6 nhrp`: IPv6 protocol addresses (a map may carry a prefix length, `X/len`). */
export const NHRP_IPV6: NhrpDialect = {
  command: 'ipv6 nhrp',
  settings: (iface) => {
    iface.nhrp6 ??= defaultNhrp();
    return iface.nhrp6;
  },
  protocol: (cmd, command, what, prefix) => {
    const t = cmd.peek() ?? '';
    if (prefix && t.includes('/')) {
      const c = readIpv6Prefix(cmd, command, what);
      return { address: c.address, prefixLength: c.prefixLength };
    }
    return { address: readIpv6(cmd, command, what) };
  },
};

/** Global `[no] ipv6 …`; `cmd` is on the word `ipv6`. */
export function ipv6GlobalCommand(cmd: Cmd, s: Session, neg: boolean): void {
  const sub = cmd.peek(1);
  if (sub === 'unicast-routing') {
    cmd.pos += 2;
    cmd.end('ipv6 unicast-routing');
    globalIpv6(s.config).unicastRouting = !neg;
    return;
  }
  if (sub === 'route') {
    cmd.pos += 2;
    return ipv6Route(cmd, s, neg);
  }
  if (sub === undefined) cmd.incomplete('ipv6', 'a global ipv6 command');
  ignoreBlock(cmd, s, `IPv6 ${sub}`);
}

function globalIpv6(config: RouterConfig): NonNullable<RouterConfig['ipv6']> {
  config.ipv6 ??= { unicastRouting: false, routes: [] };
  return config.ipv6;
}

/** `ipv6 route X/len [IFACE] [NEXT-HOP] [DISTANCE] [name N] [tag T]`. */
function ipv6Route(cmd: Cmd, s: Session, neg: boolean): void {
  const C = 'ipv6 route';
  const next = cmd.peek();
  if (next === 'vrf' || next === 'static') {
    s.ignore(cmd.line, `not supported, ignored (ipv6 route ${next})`);
    return;
  }
  const p = readIpv6Prefix(cmd, C, 'destination prefix');
  // IOS keeps the network of the prefix written (2001:db8:3::1/64 is 2001:db8:3::/64)
  const route: StaticRoute = {
    prefix: { family: 6, address: networkOf6(p.address, p.prefixLength), prefixLength: p.prefixLength },
    distance: IOS_DEFAULTS.routeDistance,
    permanent: false,
  };
  if (!nextIsIpv6(cmd) && cmd.left > 0 && !/^[0-9]+$/.test(cmd.peek()!)) {
    const iat = cmd.pos;
    const parsed = parseInterfaceName(cmd.word(C, 'a next-hop address or an interface'));
    if (!parsed.ok) cmd.invalid(C, 'a next-hop address (X:X:X:X::X) or an interface name', iat);
    if (parsed.kind === 'unsupported') {
      s.ignore(cmd.line, `not supported, ignored (route via ${parsed.why})`);
      return;
    }
    route.interface = parsed.name;
  }
  if (nextIsIpv6(cmd)) route.nextHop = readIpv6(cmd, C, 'next-hop address');
  const routes = globalIpv6(s.config).routes;
  const same = (r: StaticRoute): boolean =>
    r.prefix.address === route.prefix.address && r.prefix.prefixLength === route.prefix.prefixLength;
  const sameTarget = (r: StaticRoute): boolean => r.nextHop === route.nextHop && r.interface === route.interface;
  if (neg) {
    cmd.pos = cmd.line.tokens.length;
    const before = routes.length;
    const target = route.nextHop !== undefined || route.interface !== undefined;
    s.config.ipv6!.routes = routes.filter((r) => !(same(r) && (!target || sameTarget(r))));
    if (s.config.ipv6!.routes.length === before)
      s.warn(cmd.line, 'CONFIG_NO_MATCHING_ROUTE', '%No matching route to delete');
    return;
  }
  if (!route.nextHop && !route.interface) cmd.invalid(C, 'a next-hop address (X:X:X:X::X) or an interface name');
  if (/^[0-9]+$/.test(cmd.peek() ?? '')) route.distance = cmd.uint(C, 'distance', 1, 254);
  while (cmd.left > 0) {
    const opt = cmd.keyword(C, ['name', 'tag'] as const);
    if (opt === 'name') route.name = cmd.word(C, 'a route name');
    else route.tag = cmd.uint(C, 'tag', 1, 4294967295);
  }
  const i = routes.findIndex((r) => same(r) && sameTarget(r));
  if (i >= 0) routes[i] = route;
  else routes.push(route);
}

/** Interface `[no] ipv6 …`; `cmd` is on the word `ipv6`. */
export function ipv6InterfaceCommand(
  cmd: Cmd,
  s: Session,
  iface: InterfaceConfig,
  neg: boolean,
  context: string,
): void {
  const sub = cmd.peek(1);
  if (sub === undefined) cmd.incomplete('ipv6', 'an interface ipv6 command');
  if (sub === 'address') {
    cmd.pos += 2;
    return ipv6Address(cmd, s, iface, neg);
  }
  if (sub === 'enable') {
    cmd.pos += 2;
    cmd.end('ipv6 enable');
    v6(iface).enabled = !neg;
    return;
  }
  if (sub === 'mtu' && iface.kind === 'tunnel') {
    cmd.pos += 2;
    // IOS: the IPv6 minimum MTU (RFC 8200 5) up to the largest `ip mtu`
    if (neg) delete v6(iface).mtu;
    else v6(iface).mtu = cmd.uint('ipv6 mtu', 'bytes', IPV6_MIN_MTU, 17912);
    cmd.end('ipv6 mtu');
    return;
  }
  if (sub === 'nhrp') {
    if (iface.kind !== 'tunnel') {
      s.ignore(cmd.line, 'not supported, ignored (NHRP runs on Tunnel interfaces only)', 'unsupported', context);
      return;
    }
    cmd.pos++;
    nhrpCommand(cmd, s, iface, neg, context, NHRP_IPV6);
    checkNhrp6Line(cmd, s, iface);
    return;
  }
  s.ignore(cmd.line, `not supported, ignored (IPv6 ${sub})`, 'unsupported', context);
}

function v6(iface: InterfaceConfig): NonNullable<InterfaceConfig['ipv6']> {
  iface.ipv6 ??= { addresses: [], enabled: false };
  return iface.ipv6;
}

/** `ipv6 address X/len`, `ipv6 address FE80::X link-local`, and their `no` forms. */
function ipv6Address(cmd: Cmd, s: Session, iface: InterfaceConfig, neg: boolean): void {
  const C = 'ipv6 address';
  const v = v6(iface);
  if (neg && cmd.left === 0) {
    v.addresses = [];
    delete v.linkLocal;
    return;
  }
  const t = cmd.peek() ?? '';
  if (['autoconfig', 'dhcp'].includes(t)) {
    s.ignore(cmd.line, `not supported, ignored (ipv6 address ${t})`);
    return;
  }
  const at = cmd.pos;
  if (!t.includes('/')) {
    const address = readIpv6(cmd, C, 'link-local address');
    cmd.keyword(C, ['link-local'] as const);
    cmd.end(C);
    if (!isLinkLocal6(address)) cmd.invalid(C, 'a link-local address (FE80::/10)', at);
    if (neg) {
      if (v.linkLocal === address) delete v.linkLocal;
      return;
    }
    v.linkLocal = address;
    addressLine(cmd, s, iface, address, 64);
    checkLinkLocal(cmd, s, iface);
    return;
  }
  const c = readIpv6Prefix(cmd, C, 'IPv6 address');
  if (cmd.accept('eui-64') || cmd.accept('anycast')) {
    s.ignore(cmd.line, 'not supported, ignored (ipv6 address eui-64 / anycast)');
    return;
  }
  cmd.end(C);
  if (isLinkLocal6(c.address) || isMulticast6(c.address) || c.address === '::') {
    const what = isLinkLocal6(c.address) ? "a link-local address takes 'link-local', not a prefix length" : 'unicast';
    cmd.invalid(C, `a global unicast address (${what})`, at);
  }
  const same = (x: { address: string; prefixLength: number }): boolean => x.address === c.address;
  if (neg) {
    const before = v.addresses.length;
    v.addresses = v.addresses.filter((x) => !same(x));
    if (v.addresses.length === before)
      s.warn(cmd.line, 'CONFIG_NO_SUCH_ADDRESS', `${c.address} is not configured on ${iface.name}`);
    return;
  }
  v.addresses = [...v.addresses.filter((x) => !same(x)), c];
  addressLine(cmd, s, iface, c.address, c.prefixLength);
  checkLinkLocal(cmd, s, iface);
}

/** Where an address is written, so a lab can report the same IPv6 address twice on one tunnel or link. */
function addressLine(cmd: Cmd, s: Session, iface: InterfaceConfig, address: string, prefixLength: number): void {
  s.addressLines.push({
    interface: iface.name,
    address,
    prefixLength,
    line: cmd.line.no,
    column: cmd.line.tokens[0]!.col,
  });
}

/**
 * Checks after an `ipv6 nhrp` line, at that line (the IPv4 overlay's counterparts are in validate.ts):
 * a network-id that differs from the tunnel's `ip nhrp network-id`, an NHS outside the tunnel's IPv6
 * prefixes, and a static map of our own link-local address to another router.
 */
function checkNhrp6Line(cmd: Cmd, s: Session, iface: InterfaceConfig): void {
  const n = iface.nhrp6!;
  const words = cmd.line.tokens.map((t) => t.text.toLowerCase());
  const at = words[0] === 'no' ? 3 : 2;
  const sub = words[at];
  const v4 = iface.nhrp?.networkId;
  if (sub === 'network-id' && n.networkId !== undefined && v4 !== undefined && v4 !== n.networkId) {
    s.warn(
      cmd.line,
      'NHRP6_NETWORK_ID_MISMATCH',
      `ipv6 nhrp network-id ${n.networkId} differs from ip nhrp network-id ${v4} on ${iface.name}`,
    );
  }
  const prefixes = iface.ipv6?.addresses ?? [];
  const nhs = sub === 'nhs' && words[0] !== 'no' ? canonicalIpv6(words[at + 1] ?? '') : undefined;
  if (nhs !== undefined && prefixes.length > 0 && !isLinkLocal6(nhs)) {
    if (!prefixes.some((p) => inPrefix6(nhs, p.address, p.prefixLength))) {
      const nets = prefixes.map((p) => `${networkOf6(p.address, p.prefixLength)}/${p.prefixLength}`).join(', ');
      s.warn(cmd.line, 'NHRP6_NHS_NOT_IN_PREFIX', `NHS ${nhs} is not in ${iface.name}'s IPv6 prefix ${nets}`);
    }
  }
  if (sub === 'map') checkLinkLocal(cmd, s, iface);
}

/** Our link-local address statically mapped to another NBMA router: two routers claim one address. */
function checkLinkLocal(cmd: Cmd, s: Session, iface: InterfaceConfig): void {
  const own = [iface.ipv6?.linkLocal, ...(iface.ipv6?.addresses ?? []).map((a) => a.address)];
  for (const m of iface.nhrp6?.maps ?? []) {
    if (own.includes(m.protocol)) {
      s.warn(
        cmd.line,
        'IPV6_ADDRESS_COLLISION',
        `${m.protocol} is ${iface.name}'s own address and is mapped to NBMA ${m.nbma} (ipv6 nhrp map)`,
      );
    }
  }
}
