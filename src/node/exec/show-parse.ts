/**
 * The show command parser: IOS keyword abbreviations (`sh ip nhrp det`, `sh int tu0`), a trailing
 * `json` or `| json` for the JSON form, and the `| include|exclude|begin REGEX` output filters.
 * A line it cannot read becomes a ShowError with the column IOS would put the `^` under (its `output`).
 */
import { lengthOfMaskBits, looksLikeIpv4, parseIpv4 } from '../../wire/ipv4-addr.js';
import { parseInterfaceName } from '../config/names.js';
import { routeKeywords } from '../rib/kinds.js';
import { ShowError } from '../show/errors.js';
import { IPV6_ROUTE_WORDS } from '../show/route6.js';
import { chooseKeyword, tokenize, type Token } from './match.js';

/** Every show command dmvpnd answers. */
export type ShowCommandId =
  | 'dmvpn'
  | 'nhrp'
  | 'nhrpNhs'
  | 'nhrpTraffic'
  | 'nhrpBrief'
  | 'nhrpSummary'
  | 'nhrpMulticast'
  | 'logging'
  | 'clock'
  | 'route'
  | 'interfaces'
  | 'ipInterfaceBrief'
  | 'runningConfig'
  | 'version'
  | 'cryptoIkev2Sa'
  | 'cryptoIsakmpSa'
  | 'cryptoIpsecSa'
  | 'cryptoSession'
  | 'cryptoSocket'
  | 'cryptoMap'
  | 'eigrpNeighbors'
  | 'eigrpTopology'
  | 'eigrpInterfaces'
  | 'eigrpTraffic'
  | 'ipProtocols'
  | 'ospfNeighbor'
  | 'ospfInterface'
  | 'ospfInterfaceBrief'
  | 'bgp'
  | 'bgpSummary'
  | 'bgp6'
  | 'bgp6Summary'
  | 'ipv6Protocols'
  | 'ripDatabase'
  | 'pimNeighbor'
  | 'pimInterface'
  | 'mroute'
  | 'igmpGroups'
  | 'policyMapMultipoint'
  | 'nhrpGroupMap'
  | 'dmvpnIpv6'
  | 'ipv6Nhrp'
  | 'ipv6NhrpBrief'
  | 'ipv6NhrpNhs'
  | 'ipv6NhrpTraffic'
  | 'ipv6Route'
  | 'ipv6InterfaceBrief'
  | 'ipv6Interface'
  | 'ipv6RipDatabase'
  | 'ipv6OspfNeighbor'
  | 'ipv6EigrpNeighbors'
  | 'ipv6EigrpTopology'
  | 'ipv6EigrpInterfaces'
  | 'ipv6EigrpTraffic';

/** An output filter after `|`. */
export interface ShowFilter {
  kind: 'include' | 'exclude' | 'begin';
  pattern: RegExp;
}

/** A command line read: which command, its options and how to print it. */
export interface ParsedShow {
  id: ShowCommandId;
  detail: boolean;
  json: boolean;
  /** Canonical IOS interface name (`show interfaces Tunnel0`, `show running-config interface Tunnel0`). */
  interface?: string;
  /** Column of the interface name in the line (for the `^` when it does not exist). */
  interfaceColumn?: number;
  filter?: ShowFilter;
  /** `show ip route WORD`: a route kind's keyword (static, connected, nhrp, …). */
  routeKeyword?: string;
  /** `show ip route A.B.C.D [M.M.M.M]`: the address, and the mask's length when given. */
  address?: string;
  prefixLength?: number;
}

/** A keyword of the show subtree. */
export interface ShowNode {
  word: string;
  /** What `help` prints for it. */
  help?: string;
  id?: ShowCommandId;
  detail?: boolean;
  /** The words after this one name an interface (optional unless `ifaceRequired`). */
  iface?: boolean;
  ifaceRequired?: boolean;
  /** After the interface name an NBMA address A.B.C.D may follow (`show policy-map multipoint Tunnel0 A.B.C.D`). */
  ifaceAddress?: boolean;
  /** An `A.B.C.D [M.M.M.M]` may follow instead of a child word. */
  address?: boolean;
  /** `show ip route WORD`: the route kind keyword this word is. */
  routeKeyword?: string;
  /** Child words; a function for words read from a registry (route kinds). */
  children?: ShowNode[] | (() => ShowNode[]);
}

/** The child words of a node (read from the registry when they come from one). */
export function childrenOf(node: ShowNode): ShowNode[] {
  return typeof node.children === 'function' ? node.children() : (node.children ?? []);
}

/** `show ip route WORD`: one word per route kind keyword. */
const routeKinds = (): ShowNode[] =>
  routeKeywords().map((k) => ({ word: k, help: `${k} routes only`, id: 'route', routeKeyword: k }));

const TREE: ShowNode[] = [
  {
    word: 'show',
    help: 'Show running system information',
    children: [
      { word: 'clock', help: "the router's time", id: 'clock' },
      {
        word: 'crypto',
        help: 'IKE and IPsec state of protected tunnels',
        children: [
          { word: 'ikev2', help: 'IKEv2', children: [{ word: 'sa', help: 'IKEv2 SAs', id: 'cryptoIkev2Sa' }] },
          {
            word: 'isakmp',
            help: 'ISAKMP (IKEv1)',
            children: [
              {
                word: 'sa',
                help: 'ISAKMP SAs',
                id: 'cryptoIsakmpSa',
                children: [
                  { word: 'detail', help: 'algorithms, lifetime, capabilities', id: 'cryptoIsakmpSa', detail: true },
                ],
              },
            ],
          },
          {
            word: 'ipsec',
            help: 'IPsec',
            children: [{ word: 'sa', help: 'ESP SAs and their counters', id: 'cryptoIpsecSa' }],
          },
          {
            word: 'session',
            help: 'one entry per crypto peer',
            id: 'cryptoSession',
            children: [{ word: 'detail', help: 'with IKE SAs and packet counters', id: 'cryptoSession', detail: true }],
          },
          { word: 'socket', help: 'crypto sockets (one per protected GRE peer)', id: 'cryptoSocket' },
          { word: 'map', help: 'the crypto maps of the protected tunnels', id: 'cryptoMap' },
        ],
      },
      {
        word: 'dmvpn',
        help: 'DMVPN peers',
        id: 'dmvpn',
        children: [
          { word: 'detail', help: 'tunnel state, NHSs, peers with target networks, crypto', id: 'dmvpn', detail: true },
          { word: 'ipv6', help: 'DMVPN peers of the IPv6 overlay', id: 'dmvpnIpv6' },
        ],
      },
      {
        word: 'ipv6',
        help: 'IPv6 information',
        children: [
          {
            word: 'nhrp',
            help: 'IPv6 NHRP cache',
            id: 'ipv6Nhrp',
            children: [
              { word: 'detail', help: 'IPv6 NHRP cache with preference and origin', id: 'ipv6Nhrp', detail: true },
              { word: 'brief', help: 'IPv6 NHRP cache, one line per entry', id: 'ipv6NhrpBrief' },
              {
                word: 'nhs',
                help: 'IPv6 Next Hop Servers',
                id: 'ipv6NhrpNhs',
                children: [
                  { word: 'detail', help: 'IPv6 Next Hop Servers and their counters', id: 'ipv6NhrpNhs', detail: true },
                ],
              },
              { word: 'traffic', help: 'IPv6 NHRP packet counters', id: 'ipv6NhrpTraffic' },
            ],
          },
          { word: 'protocols', help: 'IPv6 routing protocol parameters', id: 'ipv6Protocols' },
          {
            word: 'rip',
            help: 'RIPng information',
            children: [{ word: 'database', help: 'RIPng routes', id: 'ipv6RipDatabase' }],
          },
          {
            word: 'ospf',
            help: 'OSPFv3 information',
            children: [{ word: 'neighbor', help: 'OSPFv3 neighbors', id: 'ipv6OspfNeighbor' }],
          },
          {
            word: 'eigrp',
            help: 'EIGRP for IPv6 information',
            children: [
              {
                word: 'neighbors',
                help: 'EIGRP for IPv6 neighbors',
                id: 'ipv6EigrpNeighbors',
                children: [{ word: 'detail', help: 'neighbors in detail', id: 'ipv6EigrpNeighbors', detail: true }],
              },
              {
                word: 'topology',
                help: 'EIGRP for IPv6 topology table',
                id: 'ipv6EigrpTopology',
                children: [{ word: 'all-links', help: 'every path', id: 'ipv6EigrpTopology', detail: true }],
              },
              {
                word: 'interfaces',
                help: 'interfaces EIGRP for IPv6 runs on',
                id: 'ipv6EigrpInterfaces',
                children: [{ word: 'detail', help: 'interfaces in detail', id: 'ipv6EigrpInterfaces', detail: true }],
              },
              { word: 'traffic', help: 'EIGRP for IPv6 packet counters', id: 'ipv6EigrpTraffic' },
            ],
          },
          {
            word: 'route',
            help: 'the IPv6 routing table; WORD: one route kind',
            id: 'ipv6Route',
            children: Object.keys(IPV6_ROUTE_WORDS).map((k) => ({
              word: k,
              help: `${k} routes only`,
              id: 'ipv6Route' as const,
              routeKeyword: k,
            })),
          },
          {
            word: 'interface',
            help: 'IPv6 interface status; NAME: one interface',
            id: 'ipv6Interface',
            iface: true,
            children: [{ word: 'brief', help: 'IPv6 addresses of each interface', id: 'ipv6InterfaceBrief' }],
          },
        ],
      },
      {
        word: 'bgp',
        help: 'BGP information',
        children: [
          {
            word: 'ipv6',
            help: 'BGP IPv6',
            children: [
              {
                word: 'unicast',
                help: 'the BGP IPv6 unicast table',
                id: 'bgp6',
                children: [{ word: 'summary', help: 'BGP IPv6 neighbors and their state', id: 'bgp6Summary' }],
              },
            ],
          },
        ],
      },
      { word: 'interfaces', help: 'interfaces and tunnel counters', id: 'interfaces', iface: true },
      {
        word: 'ip',
        help: 'IP information',
        children: [
          {
            word: 'interface',
            help: 'IP interface status',
            children: [{ word: 'brief', help: 'interface summary', id: 'ipInterfaceBrief' }],
          },
          {
            word: 'nhrp',
            help: 'NHRP cache',
            id: 'nhrp',
            children: [
              { word: 'detail', help: 'NHRP cache with preference and origin', id: 'nhrp', detail: true },
              {
                word: 'nhs',
                help: 'Next Hop Servers',
                id: 'nhrpNhs',
                children: [
                  { word: 'detail', help: 'Next Hop Servers and their counters', id: 'nhrpNhs', detail: true },
                ],
              },
              { word: 'traffic', help: 'NHRP packet counters', id: 'nhrpTraffic' },
              { word: 'brief', help: 'NHRP cache, one line per entry', id: 'nhrpBrief' },
              { word: 'summary', help: 'NHRP cache entries by type', id: 'nhrpSummary' },
              { word: 'group-map', help: 'NHRP groups, their QoS policy and spokes', id: 'nhrpGroupMap' },
              { word: 'multicast', help: 'where multicast goes on each tunnel', id: 'nhrpMulticast' },
            ],
          },
          {
            word: 'eigrp',
            help: 'EIGRP information',
            children: [
              {
                word: 'neighbors',
                help: 'EIGRP neighbors',
                id: 'eigrpNeighbors',
                children: [{ word: 'detail', help: 'EIGRP neighbors in detail', id: 'eigrpNeighbors', detail: true }],
              },
              {
                word: 'topology',
                help: 'EIGRP topology table (successors and feasible successors)',
                id: 'eigrpTopology',
                children: [{ word: 'all-links', help: 'every path', id: 'eigrpTopology', detail: true }],
              },
              {
                word: 'interfaces',
                help: 'EIGRP interfaces',
                id: 'eigrpInterfaces',
                children: [{ word: 'detail', help: 'EIGRP interfaces in detail', id: 'eigrpInterfaces', detail: true }],
              },
              { word: 'traffic', help: 'EIGRP packet counters', id: 'eigrpTraffic' },
            ],
          },
          { word: 'protocols', help: 'routing protocol parameters', id: 'ipProtocols' },
          {
            word: 'bgp',
            help: 'the BGP table',
            id: 'bgp',
            children: [{ word: 'summary', help: 'BGP neighbors and their state', id: 'bgpSummary' }],
          },
          {
            word: 'ospf',
            help: 'OSPF information',
            children: [
              { word: 'neighbor', help: 'OSPF neighbors', id: 'ospfNeighbor' },
              {
                word: 'interface',
                help: 'OSPF interfaces',
                id: 'ospfInterface',
                children: [{ word: 'brief', help: 'one line per OSPF interface', id: 'ospfInterfaceBrief' }],
              },
            ],
          },
          {
            word: 'pim',
            help: 'PIM information',
            children: [
              { word: 'neighbor', help: 'PIM neighbors', id: 'pimNeighbor' },
              { word: 'interface', help: 'PIM interfaces', id: 'pimInterface' },
            ],
          },
          {
            word: 'mroute',
            help: 'the multicast routing table; A.B.C.D: one group',
            id: 'mroute',
            address: true,
          },
          {
            word: 'igmp',
            help: 'IGMP information',
            children: [{ word: 'groups', help: 'groups with receivers, per interface', id: 'igmpGroups' }],
          },
          {
            word: 'rip',
            help: 'RIP information',
            children: [{ word: 'database', help: 'RIP routes', id: 'ripDatabase' }],
          },
          {
            word: 'route',
            help: 'the routing table; WORD: one route kind; A.B.C.D [M.M.M.M]: the entry of a prefix',
            id: 'route',
            address: true,
            children: routeKinds,
          },
        ],
      },
      {
        word: 'running-config',
        help: 'the configuration in force',
        id: 'runningConfig',
        children: [
          { word: 'interface', help: 'one interface of it', id: 'runningConfig', iface: true, ifaceRequired: true },
        ],
      },
      {
        word: 'policy-map',
        help: 'QoS policies in force',
        children: [
          {
            word: 'multipoint',
            help: 'per-spoke QoS on multipoint tunnels ([TunnelN [NBMA address]])',
            id: 'policyMapMultipoint',
            iface: true,
            ifaceAddress: true,
          },
        ],
      },
      { word: 'version', help: 'software and uptime', id: 'version' },
      { word: 'logging', help: 'the log buffer', id: 'logging' },
    ],
  },
];

/** The `show` node and its subtree, with help texts (part of the exec tree, ./commands.ts). */
export const SHOW_TREE: ShowNode = TREE[0]!;

const FILTERS = ['begin', 'exclude', 'include', 'json'] as const;

const SHOW_CODES = {
  invalid: 'SHOW_INVALID_INPUT',
  incomplete: 'SHOW_INCOMPLETE',
  ambiguous: 'SHOW_AMBIGUOUS',
} as const;

/** Picks the keyword a word abbreviates (./match.ts), refusing with a ShowError. */
function choose(words: string[], tok: Token, line: string, prompt: string): number {
  const refuse = (kind: keyof typeof SHOW_CODES, command: string, column: number, detail: string): ShowError =>
    new ShowError(SHOW_CODES[kind], command, column, detail, prompt);
  return chooseKeyword(words, tok, line, refuse);
}

/** Reads a show command line; throws ShowError. `prompt` (e.g. `hub#`) is echoed before the caret line. */
export function parseShow(line: string, prompt = ''): ParsedShow {
  const all = tokenize(line);
  const bar = all.findIndex((t) => t.text === '|');
  const toks = bar >= 0 ? all.slice(0, bar) : all;
  if (toks.length === 0) throw new ShowError('SHOW_INCOMPLETE', line, 0, 'empty command', prompt);
  let nodes = TREE;
  let node: ShowNode | undefined;
  let json = false;
  const route: RouteArgs = {};
  let i = 0;
  for (; i < toks.length; i++) {
    // an interface name follows, unless a child word does (`show ipv6 interface brief`)
    if (node?.iface && !childrenOf(node).some((c) => c.word.startsWith(toks[i].text.toLowerCase()))) break;
    if (node?.address && looksLikeIpv4(toks[i].text)) {
      i = readAddress(toks, i, line, prompt, route);
      if (i < toks.length) {
        choose(['json'], toks[i], line, prompt);
        json = true;
        if (i + 1 < toks.length) choose([], toks[i + 1], line, prompt);
      }
      break;
    }
    const words = nodes.map((n) => n.word);
    if (node?.id !== undefined) words.push('json');
    const k = choose(words, toks[i], line, prompt);
    if (k === nodes.length) {
      json = true;
      if (i + 1 < toks.length) choose([], toks[i + 1], line, prompt);
      i++;
      break;
    }
    node = nodes[k];
    nodes = childrenOf(node);
  }
  const out: ParsedShow = { id: node?.id ?? 'version', detail: node?.detail === true, json, ...route };
  if (node?.routeKeyword !== undefined) out.routeKeyword = node.routeKeyword;
  let rest = node?.iface ? toks.slice(i) : [];
  if (rest.length > 0 && rest[rest.length - 1].text.toLowerCase() === 'json') {
    out.json = true;
    rest = rest.slice(0, -1);
  }
  if (node?.ifaceAddress && rest.length > 1 && looksLikeIpv4(rest[rest.length - 1].text)) {
    const a = rest[rest.length - 1];
    if (parseIpv4(a.text) === undefined)
      throw new ShowError(
        'SHOW_INVALID_INPUT',
        line,
        a.start,
        `expected an address A.B.C.D, found '${a.text}'`,
        prompt,
      );
    out.address = a.text;
    rest = rest.slice(0, -1);
  }
  if (rest.length > 0) {
    const first = rest[0];
    const text = line.slice(first.start, rest[rest.length - 1].start + rest[rest.length - 1].text.length);
    const parsed = parseInterfaceName(text);
    if (!parsed.ok) {
      if (parsed.incomplete)
        throw new ShowError('SHOW_INCOMPLETE', line, first.start, `expected ${parsed.expected}`, prompt);
      throw new ShowError(
        'SHOW_INVALID_INPUT',
        line,
        first.start,
        `expected ${parsed.expected}, found '${text}'`,
        prompt,
      );
    }
    out.interface = parsed.name;
    out.interfaceColumn = first.start;
  } else if (node?.id === undefined || (node.ifaceRequired && out.interface === undefined)) {
    throw new ShowError('SHOW_INCOMPLETE', line, line.length, 'the command is not complete', prompt);
  }
  if (bar >= 0) readPipe(all.slice(bar + 1), line, prompt, all[bar], out);
  return out;
}

/** What `show ip route A.B.C.D [M.M.M.M]` adds to a ParsedShow. */
type RouteArgs = Pick<ParsedShow, 'address' | 'prefixLength'>;

/** `A.B.C.D [M.M.M.M]` at token `i`; returns the index after it. */
function readAddress(toks: Token[], i: number, line: string, prompt: string, out: RouteArgs): number {
  const bad = (t: Token, what: string) =>
    new ShowError('SHOW_INVALID_INPUT', line, t.start, `expected ${what}, found '${t.text}'`, prompt);
  const a = toks[i];
  if (parseIpv4(a.text) === undefined) throw bad(a, 'an address A.B.C.D');
  out.address = a.text;
  const m = toks[i + 1];
  if (!m || !looksLikeIpv4(m.text)) return i + 1;
  const v = parseIpv4(m.text);
  const len = v === undefined ? undefined : lengthOfMaskBits(v);
  if (len === undefined) throw bad(m, 'a mask M.M.M.M');
  out.prefixLength = len;
  return i + 2;
}

/** `| json` or `| include|exclude|begin REGEX` (the regular expression is the rest of the line). */
function readPipe(toks: Token[], line: string, prompt: string, bar: Token, out: ParsedShow): void {
  if (toks.length === 0)
    throw new ShowError('SHOW_INCOMPLETE', line, bar.start + 1, 'expected a filter after |', prompt);
  const kind = FILTERS[choose([...FILTERS], toks[0], line, prompt)];
  if (kind === 'json') {
    if (out.json) throw new ShowError('SHOW_INVALID_INPUT', line, toks[0].start, 'json given twice', prompt);
    out.json = true;
    if (toks.length > 1) choose([], toks[1], line, prompt);
    return;
  }
  if (toks.length < 2)
    throw new ShowError('SHOW_INCOMPLETE', line, line.length, `expected a regular expression after ${kind}`, prompt);
  const source = line.slice(toks[1].start).trim();
  try {
    out.filter = { kind, pattern: new RegExp(source) };
  } catch {
    throw new ShowError(
      'SHOW_INVALID_INPUT',
      line,
      toks[1].start,
      `expected a regular expression, found '${source}'`,
      prompt,
    );
  }
}

/** Applies an output filter to rendered text, line by line, as IOS does. */
export function applyFilter(text: string, filter: ShowFilter | undefined): string {
  if (!filter) return text;
  const all = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  let kept: string[];
  if (filter.kind === 'include') kept = all.filter((l) => filter.pattern.test(l));
  else if (filter.kind === 'exclude') kept = all.filter((l) => !filter.pattern.test(l));
  else {
    const at = all.findIndex((l) => filter.pattern.test(l));
    kept = at < 0 ? [] : all.slice(at);
  }
  return kept.length === 0 ? '' : `${kept.join('\n')}\n`;
}
