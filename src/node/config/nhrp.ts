/** Every `ip nhrp …` command of docs/nhrp.md, their `no` forms, and `nhrp group`. */
import { NHRP_IGNORED_WORDS } from './ios-tables.js';
import type { Cmd } from './line.js';
import { IOS_DEFAULTS, type InterfaceConfig, type NhrpConfig, type NhrpServer } from './model.js';
import { nhrpMapGroupCommand } from './qos.js';
import type { Session } from './session.js';
import { readNbma } from './validate-nbma.js';

/** What differs between `ip nhrp` and `ipv6 nhrp`: the command word and how a protocol address is read. */
export interface NhrpDialect {
  /** 'ip nhrp' or 'ipv6 nhrp'. */
  command: string;
  /** The settings the lines change. */
  settings(iface: InterfaceConfig): NhrpConfig;
  /** Reads a protocol (tunnel) address; `prefix` allows an `X/len` form (the map's prefix length). */
  protocol(cmd: Cmd, command: string, what: string, prefix?: boolean): { address: string; prefixLength?: number };
}

/** `ip nhrp`: IPv4 protocol addresses. */
export const NHRP_IPV4: NhrpDialect = {
  command: 'ip nhrp',
  settings: (iface) => iface.nhrp!,
  protocol: (cmd, command, what) => ({ address: cmd.ipv4(command, what) }),
};

/** Longest NHRP password (Cisco cleartext authentication extension). */
export const NHRP_AUTH_MAX = 8;

/** Applies one `[no] ip nhrp …` line to a tunnel; `cmd` is positioned on the word `nhrp`. */
export function nhrpCommand(
  cmd: Cmd,
  s: Session,
  iface: InterfaceConfig,
  neg: boolean,
  context: string,
  dialect: NhrpDialect = NHRP_IPV4,
): void {
  const C = dialect.command;
  const n = dialect.settings(iface);
  cmd.pos++;
  const sub = cmd.peek();
  if (sub === undefined) cmd.incomplete(C, 'an NHRP setting');
  cmd.pos++;
  const drop = (): void => {
    cmd.pos = cmd.line.tokens.length;
  };
  switch (sub) {
    case 'authentication':
      if (neg) {
        delete n.authentication;
        drop();
      } else {
        const pw = cmd.word(`${C} authentication`, `a password of at most ${NHRP_AUTH_MAX} characters`);
        n.authentication = pw.slice(0, NHRP_AUTH_MAX);
        if (pw.length > NHRP_AUTH_MAX) {
          s.warn(
            cmd.line,
            'CONFIG_NHRP_AUTH_TRUNCATED',
            `NHRP authentication is truncated to ${NHRP_AUTH_MAX} characters: '${n.authentication}'`,
          );
        }
      }
      break;
    case 'network-id':
      if (neg) {
        delete n.networkId;
        drop();
      } else n.networkId = cmd.uint(`${C} network-id`, 'network id', 1, 4294967295);
      break;
    case 'holdtime':
      if (neg) {
        n.holdtime = IOS_DEFAULTS.nhrpHoldtime;
        drop();
      } else n.holdtime = cmd.uint(`${C} holdtime`, 'seconds', 1, 65535);
      break;
    case 'map':
      if (cmd.peek() === 'group') return nhrpMapGroupCommand(cmd, s, iface, neg);
      // a `no` line's NBMA names what to remove: not checked against the tunnel's transport
      mapCommand(cmd, n, neg, dialect, (c, w) => readNbma(cmd, neg ? undefined : s, iface, c, w));
      break;
    case 'nhs':
      if (cmd.peek() === 'fallback') {
        s.ignore(cmd.line, 'not supported, ignored (NHRP option nhs fallback)', 'unsupported', context);
        return;
      }
      if (cmd.accept('cluster')) clusterCommand(cmd, n, neg, C);
      else nhsCommand(cmd, n, neg, dialect, (c, w) => readNbma(cmd, s, iface, c, w));
      break;
    case 'registration': {
      const what = cmd.keyword(`${C} registration`, ['timeout', 'no-unique'] as const);
      if (what === 'no-unique') n.registrationNoUnique = !neg;
      else if (neg) {
        delete n.registrationTimeout;
        drop();
      } else n.registrationTimeout = cmd.uint(`${C} registration timeout`, 'seconds', 1, 65535);
      break;
    }
    case 'redirect':
      n.redirect = !neg;
      if (neg) {
        delete n.redirectTimeout;
        drop();
      } else if (cmd.accept('timeout')) n.redirectTimeout = cmd.uint(`${C} redirect timeout`, 'seconds', 1, 65535);
      break;
    case 'shortcut':
      n.shortcut = !neg;
      break;
    case 'max-send':
      if (neg) {
        n.maxSend = { ...IOS_DEFAULTS.maxSend };
        drop();
      } else {
        const count = cmd.uint(`${C} max-send`, 'packets', 1, 65535);
        cmd.keyword(`${C} max-send`, ['every'] as const);
        n.maxSend = { count, interval: cmd.uint(`${C} max-send`, 'interval seconds', 10, 65535) };
      }
      break;
    case 'group':
      setGroup(cmd, n, neg);
      break;
    default:
      if (!NHRP_IGNORED_WORDS.has(sub)) {
        cmd.invalid(
          C,
          'an NHRP setting (authentication, network-id, holdtime, map, nhs, registration, redirect, shortcut, max-send)',
          cmd.pos - 1,
        );
      }
      s.ignore(cmd.line, `not supported, ignored (NHRP option ${sub})`, 'unsupported', context);
      return;
  }
  cmd.end(`${C} ${sub}`);
}

/** Reads an NBMA address (IPv4 or IPv6) for command `command`. */
type NbmaReader = (command: string, what: string) => string;

function mapCommand(cmd: Cmd, n: NhrpConfig, neg: boolean, dialect: NhrpDialect, nbmaOf: NbmaReader): void {
  const C = dialect.command;
  const M = `${C} map`;
  if (cmd.accept('multicast')) {
    if (neg && cmd.left === 0) {
      n.multicastNbma = [];
      n.multicastDynamic = false;
    } else if (cmd.accept('dynamic')) n.multicastDynamic = !neg;
    else {
      const nbma = nbmaOf(`${M} multicast`, "NBMA address or 'dynamic'");
      n.multicastNbma = n.multicastNbma.filter((x) => x !== nbma);
      if (!neg) n.multicastNbma.push(nbma);
    }
    return;
  }
  const { address: protocol, prefixLength } = dialect.protocol(cmd, M, 'tunnel (protocol) address', true);
  if (neg) {
    const nbma = cmd.left > 0 ? nbmaOf(M, 'NBMA address') : undefined;
    n.maps = n.maps.filter((m) => !(m.protocol === protocol && (nbma === undefined || m.nbma === nbma)));
    return;
  }
  const nbma = nbmaOf(M, 'NBMA address');
  const map = prefixLength === undefined ? { protocol, nbma } : { protocol, nbma, prefixLength };
  const i = n.maps.findIndex((m) => m.protocol === protocol);
  if (i >= 0) n.maps[i] = map;
  else n.maps.push(map);
}

function nhsCommand(cmd: Cmd, n: NhrpConfig, neg: boolean, dialect: NhrpDialect, nbmaOf: NbmaReader): void {
  const C = dialect.command;
  const N = `${C} nhs`;
  if (cmd.left === 0) cmd.incomplete(N, "an NHS tunnel address or 'dynamic'");
  const address = cmd.accept('dynamic') ? 'dynamic' : dialect.protocol(cmd, N, 'NHS tunnel address').address;
  if (neg) {
    n.nhs = n.nhs.filter((x) => x.address !== address);
    cmd.pos = cmd.line.tokens.length;
    return;
  }
  const nhs: NhrpServer = {
    address,
    multicast: false,
    priority: IOS_DEFAULTS.nhsPriority,
    cluster: IOS_DEFAULTS.nhsCluster,
  };
  while (cmd.left > 0) {
    const opt = cmd.keyword(N, ['nbma', 'multicast', 'priority', 'cluster'] as const);
    if (opt === 'nbma') nhs.nbma = nbmaOf(N, 'NBMA address');
    else if (opt === 'multicast') nhs.multicast = true;
    else if (opt === 'priority') nhs.priority = cmd.uint(N, 'priority', 0, 255);
    else nhs.cluster = cmd.uint(N, 'cluster', 0, 10);
  }
  if (address === 'dynamic' && nhs.nbma === undefined)
    cmd.incomplete(N, "'nbma ADDRESS' (a dynamic NHS needs its NBMA address)");
  const i = n.nhs.findIndex((x) => x.address === address);
  if (i >= 0) n.nhs[i] = nhs;
  else n.nhs.push(nhs);
}

function clusterCommand(cmd: Cmd, n: NhrpConfig, neg: boolean, C: string): void {
  const K = `${C} nhs cluster`;
  const cluster = cmd.uint(K, 'cluster', 0, 10);
  cmd.keyword(K, ['max-connections'] as const);
  const rest = n.clusterMaxConnections.filter((x) => x.cluster !== cluster);
  if (neg) {
    n.clusterMaxConnections = rest;
    cmd.pos = cmd.line.tokens.length;
    return;
  }
  const maxConnections = cmd.uint(K, 'max-connections', 0, 255);
  n.clusterMaxConnections = [...rest, { cluster, maxConnections }];
}

function setGroup(cmd: Cmd, n: NhrpConfig, neg: boolean): void {
  if (neg) {
    delete n.group;
    cmd.pos = cmd.line.tokens.length;
  } else n.group = cmd.word('nhrp group', 'an NHRP group name');
}

/**
 * `nhrp group NAME` (spoke: sent in registrations) and `nhrp map group NAME service-policy output P`
 * (hub: the per-spoke QoS of src/node/config/qos.ts); other `nhrp …` forms are reported as ignored.
 */
export function nhrpGroupCommand(cmd: Cmd, s: Session, iface: InterfaceConfig, neg: boolean, context: string): void {
  cmd.pos++;
  const sub = cmd.peek();
  if (iface.kind !== 'tunnel') {
    s.ignore(cmd.line, 'not supported, ignored (NHRP runs on Tunnel interfaces only)', 'unsupported', context);
    return;
  }
  if (sub === 'group') {
    cmd.pos++;
    setGroup(cmd, iface.nhrp!, neg);
    cmd.end('nhrp group');
    return;
  }
  if (sub === 'map' && cmd.peek(1) === 'group') {
    cmd.pos++;
    return nhrpMapGroupCommand(cmd, s, iface, neg);
  }
  if (sub === undefined) cmd.incomplete('nhrp', "'group' or 'map group'");
  if (!['map', 'attribute', 'event-publisher', 'route-watch'].includes(sub))
    cmd.invalid('nhrp', "'group' or 'map group'");
  s.ignore(
    cmd.line,
    `not supported, ignored (${sub === 'map' ? 'per-group QoS' : `nhrp ${sub}`})`,
    'unsupported',
    context,
  );
}
