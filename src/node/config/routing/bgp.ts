/** `router bgp ASN` sub-mode lines (the `address-family ipv4` lines are read the same way). */
import { classfulLength, formatIpv4, networkBits, networkOf, parseCidr, parseIpv4 } from '../../../wire/ipv4-addr.js';
import type { Cmd } from '../line.js';
import type { BgpConfig, BgpNeighbor, BgpPeerGroup, BgpPeerSettings } from './model.js';
import { bgpIpv6Line } from './bgp6.js';
import { canonicalIpv6, isIpv6, networkOf6, parseCidr6 } from '../../../wire/ipv6-addr.js';
import { newBgpIpv6 } from './model6.js';
import { interfaceName, redistribute, setRedistribute } from './words.js';

/** The address family a `router bgp` block is in (`address-family ipv6` … `exit-address-family`). */
export interface BgpFamily {
  family: 'ipv4' | 'ipv6';
}

/** Applies one line of `router bgp`; returns false when the command is not one dmvpnd runs. */
export function bgpLine(cmd: Cmd, b: BgpConfig, neg: boolean, at: BgpFamily = { family: 'ipv4' }): boolean {
  if (at.family === 'ipv6' && cmd.peek() !== 'address-family' && cmd.peek() !== 'exit-address-family')
    return bgpIpv6Line(cmd, b, neg, at);
  const w = cmd.peek();
  cmd.pos++;
  switch (w) {
    case 'neighbor':
      return neighborLine(cmd, b, neg);
    case 'network': {
      const C = 'network';
      const address = cmd.ipv4(C, 'network');
      // `network 0.0.0.0` without a mask is the default route on IOS
      const prefixLength = cmd.accept('mask') ? cmd.mask(C) : address === '0.0.0.0' ? 0 : classfulLength(address);
      cmd.end(C);
      const net = { address: formatIpv4(networkBits(parseIpv4(address)!, prefixLength)), prefixLength };
      b.networks = b.networks.filter((n) => !(n.address === net.address && n.prefixLength === net.prefixLength));
      if (!neg) b.networks.push(net);
      return true;
    }
    case 'aggregate-address': {
      const C = 'aggregate-address';
      const address = cmd.ipv4(C, 'aggregate prefix');
      const prefixLength = cmd.mask(C);
      const agg = { address: networkOf(address, prefixLength), prefixLength, summaryOnly: false, asSet: false };
      while (cmd.left > 0) {
        const k = cmd.keyword(C, ['summary-only', 'as-set'] as const);
        if (k === 'summary-only') agg.summaryOnly = true;
        else agg.asSet = true;
      }
      b.aggregates = b.aggregates.filter((a) => !(a.address === agg.address && a.prefixLength === agg.prefixLength));
      if (!neg) b.aggregates.push(agg);
      return true;
    }
    case 'redistribute':
      b.redistribute = setRedistribute(b.redistribute, redistribute(cmd, true), neg);
      return true;
    case 'bgp':
      return bgpWord(cmd, b, neg);
    case 'auto-summary':
    case 'synchronization':
      // IOS 15 defaults (no auto-summary, no synchronization) are what FRR does; the negated form is a no-op
      if (!neg) return false;
      cmd.end(w);
      return true;
    case 'address-family': {
      const family = cmd.keyword('address-family', ['ipv4', 'ipv6'] as const);
      cmd.accept('unicast');
      cmd.end('address-family');
      if (family === 'ipv6' && neg) delete b.ipv6;
      else at.family = family;
      if (family === 'ipv6' && !neg) b.ipv6 ??= newBgpIpv6();
      return true;
    }
    case 'exit-address-family':
      at.family = 'ipv4';
      return true;
  }
  return false;
}

function bgpWord(cmd: Cmd, b: BgpConfig, neg: boolean): boolean {
  const C = 'bgp';
  const w = cmd.peek();
  cmd.pos++;
  if (w === 'router-id') {
    if (neg) delete b.routerId;
    else b.routerId = cmd.ipv4(C, 'router id');
    cmd.end(C);
    return true;
  }
  if (w === 'listen' && cmd.peek() === 'range') {
    cmd.pos++;
    const at = cmd.pos;
    const word = cmd.word(C, 'a prefix A.B.C.D/N or X:X::X/N');
    const c = parseCidr(word) ?? parseCidr6(word);
    if (!c) cmd.invalid(C, 'a prefix A.B.C.D/N or X:X::X/N', at);
    cmd.keyword(C, ['peer-group'] as const);
    const peerGroup = cmd.word(C, 'a peer-group name');
    cmd.end(C);
    const address = isIpv6(c.address) ? networkOf6(c.address, c.prefixLength) : networkOf(c.address, c.prefixLength);
    b.listenRanges = b.listenRanges.filter((r) => !(r.address === address && r.prefixLength === c.prefixLength));
    if (!neg) b.listenRanges.push({ address, prefixLength: c.prefixLength, peerGroup });
    return true;
  }
  if (w === 'log-neighbor-changes') {
    cmd.end(C);
    return true;
  }
  return false;
}

function neighborLine(cmd: Cmd, b: BgpConfig, neg: boolean): boolean {
  const C = 'neighbor';
  let id = cmd.word(C, 'a neighbor address or peer-group name');
  const v6 = canonicalIpv6(id);
  if (v6 !== undefined) id = v6;
  const isAddress = parseIpv4(id) !== undefined || v6 !== undefined;
  const what = cmd.peek();
  if (!isAddress && what === 'peer-group' && cmd.left === 1) {
    cmd.pos++;
    b.peerGroups = b.peerGroups.filter((g) => g.name !== id);
    if (neg) b.neighbors = b.neighbors.filter((n) => n.peerGroup !== id);
    else b.peerGroups.push({ name: id, nextHopSelf: false, routeReflectorClient: false });
    return true;
  }
  let peer: BgpNeighbor | BgpPeerGroup | undefined = isAddress
    ? b.neighbors.find((n) => n.address === id)
    : b.peerGroups.find((g) => g.name === id);
  if (!peer) {
    if (!isAddress) cmd.invalid(C, `a configured peer-group (neighbor ${id} peer-group first)`, cmd.pos - 1);
    if (neg) {
      cmd.pos = cmd.line.tokens.length;
      return true;
    }
    peer = { address: id, nextHopSelf: false, routeReflectorClient: false };
    b.neighbors.push(peer);
  }
  cmd.pos++;
  const settings: BgpPeerSettings = peer;
  switch (what) {
    case 'remote-as':
      if (neg && isAddress) {
        b.neighbors = b.neighbors.filter((n) => n !== peer);
        cmd.pos = cmd.line.tokens.length;
        return true;
      }
      if (neg) delete settings.remoteAs;
      else settings.remoteAs = cmd.uint(C, 'AS number', 1, 4294967295);
      cmd.end(C);
      return true;
    case 'peer-group': {
      if (!isAddress) return false;
      const group = cmd.word(C, 'a peer-group name');
      cmd.end(C);
      if (!b.peerGroups.some((g) => g.name === group)) cmd.invalid(C, 'a configured peer-group', cmd.pos - 1);
      if (neg) delete (peer as BgpNeighbor).peerGroup;
      else (peer as BgpNeighbor).peerGroup = group;
      return true;
    }
    case 'next-hop-self':
      cmd.accept('all');
      cmd.end(C);
      settings.nextHopSelf = !neg;
      return true;
    case 'route-reflector-client':
      cmd.end(C);
      settings.routeReflectorClient = !neg;
      return true;
    case 'description':
      if (neg) delete settings.description;
      else settings.description = cmd.rest(C, 'a description');
      cmd.pos = cmd.line.tokens.length;
      return true;
    case 'update-source':
      if (neg) delete settings.updateSource;
      else settings.updateSource = interfaceName(cmd, C);
      cmd.pos = cmd.line.tokens.length;
      return true;
    case 'activate':
      cmd.end(C);
      return true;
    case 'prefix-list':
    case 'route-map': {
      const name = cmd.word(C, `a ${what} name`);
      const dir = cmd.keyword(C, ['in', 'out'] as const);
      cmd.end(C);
      const key = (
        what === 'prefix-list' ? { in: 'prefixListIn', out: 'prefixListOut' } : { in: 'routeMapIn', out: 'routeMapOut' }
      )[dir] as 'prefixListIn' | 'prefixListOut' | 'routeMapIn' | 'routeMapOut';
      if (neg) delete settings[key];
      else settings[key] = name;
      return true;
    }
  }
  return false;
}
