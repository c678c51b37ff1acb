/** `router ospf N` sub-mode lines and interface `ip ospf …` lines. */
import { lengthOfMaskBits, networkOf, parseIpv4 } from '../../../wire/ipv4-addr.js';
import type { Cmd } from '../line.js';
import type { InterfaceConfig } from '../model.js';
import type { Session } from '../session.js';
import type { OspfConfig, OspfInterfaceConfig, OspfNetworkType } from './model.js';
import { area, passiveInterface, redistribute, setRedistribute } from './words.js';

/** Applies one line of `router ospf N`; returns false when the command is not one dmvpnd runs. */
export function ospfLine(cmd: Cmd, o: OspfConfig, neg: boolean): boolean {
  const w = cmd.peek();
  cmd.pos++;
  switch (w) {
    case 'network': {
      const C = 'network';
      const address = cmd.ipv4(C, 'network address');
      const wildcard = cmd.ipv4(C, 'wildcard bits');
      cmd.keyword(C, ['area'] as const);
      const a = area(cmd, C);
      cmd.end(C);
      const same = (n: { address: string; wildcard: string }): boolean =>
        n.address === address && n.wildcard === wildcard;
      o.networks = o.networks.filter((n) => !same(n));
      if (!neg) o.networks.push({ address, wildcard, area: a });
      return true;
    }
    case 'router-id':
      if (neg) delete o.routerId;
      else o.routerId = cmd.ipv4('router-id', 'router id');
      cmd.end('router-id');
      return true;
    case 'passive-interface':
      passiveInterface(cmd, o, neg);
      return true;
    case 'area':
      return areaLine(cmd, o, neg);
    case 'default-information': {
      cmd.keyword('default-information', ['originate'] as const);
      const always = cmd.accept('always');
      cmd.pos = cmd.line.tokens.length; // metric / metric-type / route-map: not carried over
      if (neg) delete o.defaultOriginate;
      else o.defaultOriginate = { always };
      return true;
    }
    case 'redistribute':
      o.redistribute = setRedistribute(o.redistribute, redistribute(cmd, true), neg);
      return true;
    case 'summary-address': {
      const C = 'summary-address';
      const address = cmd.ipv4(C, 'summary address');
      const prefixLength = cmd.mask(C);
      const notAdvertise = cmd.accept('not-advertise');
      cmd.end(C);
      const net = networkOf(address, prefixLength);
      const rest = (o.summaries ?? []).filter((x) => !(x.address === net && x.prefixLength === prefixLength));
      if (!neg) rest.push({ address: net, prefixLength, notAdvertise });
      if (rest.length > 0) o.summaries = rest;
      else delete o.summaries;
      return true;
    }
    case 'distribute-list': {
      // the access-list form and `out` (redistribution filter) stay reported as not supported
      if (!cmd.accept('prefix')) return false;
      const C = 'distribute-list prefix';
      const name = cmd.word(C, 'a prefix-list name');
      if (cmd.peek() !== 'in' || cmd.left !== 1) return false;
      cmd.pos++;
      if (neg) delete o.distributeListIn;
      else o.distributeListIn = name;
      return true;
    }
  }
  return false;
}

function areaLine(cmd: Cmd, o: OspfConfig, neg: boolean): boolean {
  const C = 'area';
  const a = area(cmd, C);
  const what = cmd.peek();
  if (what === 'stub') {
    cmd.pos++;
    const noSummary = cmd.accept('no-summary');
    cmd.end(C);
    o.stubAreas = o.stubAreas.filter((s) => s.area !== a);
    if (!neg) o.stubAreas.push({ area: a, noSummary });
    return true;
  }
  if (what === 'range') {
    cmd.pos++;
    const address = cmd.ipv4(C, 'range address');
    const prefixLength = cmd.mask(C);
    cmd.accept('advertise');
    cmd.end(C);
    o.ranges = o.ranges.filter((r) => !(r.area === a && r.address === address && r.prefixLength === prefixLength));
    if (!neg) o.ranges.push({ area: a, address, prefixLength });
    return true;
  }
  return false;
}

const NETWORK_TYPES: readonly OspfNetworkType[] = [
  'broadcast',
  'point-to-multipoint',
  'non-broadcast',
  'point-to-point',
];

/** The interface settings OSPFv2 and OSPFv3 share. */
export type OspfSharedSettings = Pick<
  OspfInterfaceConfig,
  'network' | 'priority' | 'helloInterval' | 'deadInterval' | 'cost'
>;

/** `[no] ip|ipv6 ospf network|priority|hello-interval|dead-interval|cost …` (`cmd` after the word `w`) into `o`. */
export function ospfSharedSetting(
  cmd: Cmd,
  C: string,
  w: 'network' | 'priority' | 'hello-interval' | 'dead-interval' | 'cost',
  o: OspfSharedSettings,
  neg: boolean,
): void {
  if (w === 'network') {
    if (neg) {
      delete o.network;
      cmd.pos = cmd.line.tokens.length;
    } else {
      o.network = cmd.keyword(C, NETWORK_TYPES);
      if (o.network === 'point-to-multipoint') cmd.accept('non-broadcast');
      cmd.end(C);
    }
    return;
  }
  const key = (
    { priority: 'priority', 'hello-interval': 'helloInterval', 'dead-interval': 'deadInterval', cost: 'cost' } as const
  )[w];
  const [min, max] = w === 'priority' ? [0, 255] : [1, 65535];
  if (neg) {
    delete o[key];
    cmd.pos = cmd.line.tokens.length;
  } else {
    o[key] = cmd.uint(C, w, min, max);
    cmd.end(C);
  }
}

/** Interface `[no] ip ospf …`; `cmd` is positioned on `ospf`. Returns false for options not run. */
export function ospfInterfaceCommand(cmd: Cmd, _s: Session, iface: InterfaceConfig, neg: boolean): boolean {
  cmd.pos++;
  const C = 'ip ospf';
  iface.ospf ??= {};
  const o = iface.ospf;
  const w = cmd.peek();
  const done = (): true => {
    if (Object.keys(o).length === 0) delete iface.ospf;
    return true;
  };
  if (w !== undefined && /^[0-9]+$/.test(w)) {
    const processId = cmd.uint(C, 'process id', 1, 65535);
    cmd.keyword(C, ['area'] as const);
    const a = area(cmd, C);
    cmd.end(C);
    if (neg) delete o.area;
    else o.area = { processId, area: a };
    return done();
  }
  cmd.pos++;
  switch (w) {
    case 'network':
    case 'priority':
    case 'hello-interval':
    case 'dead-interval':
    case 'cost':
      ospfSharedSetting(cmd, C, w, o, neg);
      return done();
  }
  done();
  return false;
}

/** The prefix length of a contiguous wildcard, or undefined. */
export function wildcardLength(wildcard: string): number | undefined {
  const v = parseIpv4(wildcard);
  return v === undefined ? undefined : lengthOfMaskBits(~v >>> 0);
}
