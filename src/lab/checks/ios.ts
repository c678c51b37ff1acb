/**
 * What the checks read from a router's configuration (`show running-config`, IOS text): addresses,
 * the tunnel's NHRP settings, static routes. A reader of the lines that matter, not a config parser:
 * everything else is skipped, and the router itself already refused what is invalid.
 */
import { isIpv4, lengthOfMaskString } from '../../wire/ipv4-addr.js';

/** An interface other than a tunnel. */
export interface IfaceFacts {
  name: string;
  address?: string;
  prefixLength?: number;
  shutdown: boolean;
}

/** One `ip nhrp nhs`: the NHS's tunnel address ('dynamic' when learned) and NBMA address when known. */
export interface NhsFacts {
  protocol: string;
  nbma?: string;
}

/** A tunnel interface's addresses and NHRP settings. */
export interface TunnelFacts {
  name: string;
  address?: string;
  prefixLength?: number;
  shutdown: boolean;
  multipoint: boolean;
  source?: string;
  destination?: string;
  key?: number;
  networkId?: number;
  authentication?: string;
  holdtime?: number;
  /** `ip nhrp registration timeout N`: seconds between registrations. */
  registrationTimeout?: number;
  redirect: boolean;
  shortcut: boolean;
  mapMulticastDynamic: boolean;
  maps: Array<{ protocol: string; nbma: string }>;
  nhs: NhsFacts[];
}

/** One `ip route`. */
export interface RouteFacts {
  prefix: string;
  prefixLength: number;
  nextHop?: string;
  iface?: string;
  distance?: number;
  /** The line as written, for `no` + line. */
  line: string;
}

/** The parts of a router's configuration the checks use. */
export interface RouterFacts {
  hostname?: string;
  interfaces: IfaceFacts[];
  tunnels: TunnelFacts[];
  routes: RouteFacts[];
}

const isIp = (s: string | undefined): s is string => s !== undefined && isIpv4(s);

function newTunnel(name: string): TunnelFacts {
  return { name, shutdown: false, multipoint: false, redirect: false, shortcut: false, mapMulticastDynamic: false, maps: [], nhs: [] };
}

function tunnelLine(t: TunnelFacts, w: string[]): void {
  const [a, b, c, d] = w;
  if (a === 'tunnel' && b === 'mode') t.multipoint = c === 'gre' && d === 'multipoint';
  else if (a === 'tunnel' && b === 'source') t.source = c;
  else if (a === 'tunnel' && b === 'destination') t.destination = c;
  else if (a === 'tunnel' && b === 'key') t.key = Number(c);
  else if (a !== 'ip' || b !== 'nhrp') return;
  else if (c === 'network-id') t.networkId = Number(d);
  else if (c === 'authentication') t.authentication = d;
  else if (c === 'holdtime') t.holdtime = Number(d);
  else if (c === 'registration' && d === 'timeout') t.registrationTimeout = Number(w[4]);
  else if (c === 'redirect') t.redirect = true;
  else if (c === 'shortcut') t.shortcut = true;
  else if (c === 'map' && d === 'multicast') t.mapMulticastDynamic ||= w[4] === 'dynamic';
  else if (c === 'map' && isIp(d) && isIp(w[4])) t.maps.push({ protocol: d, nbma: w[4] });
  else if (c === 'nhs' && d !== undefined && d !== 'cluster') {
    const i = w.indexOf('nbma');
    t.nhs.push({ protocol: d, ...(i > 0 && w[i + 1] !== undefined ? { nbma: w[i + 1] } : {}) });
  }
}

function routeLine(line: string, w: string[]): RouteFacts | undefined {
  // ip route PREFIX MASK [IFACE] [NEXT-HOP] [DISTANCE] [name N] [tag T] [permanent]
  const [, , prefix, mask, ...rest] = w;
  const prefixLength = mask === undefined ? undefined : lengthOfMaskString(mask);
  if (!isIp(prefix) || prefixLength === undefined) return undefined;
  const r: RouteFacts = { prefix, prefixLength, line };
  for (let i = 0; i < rest.length; i++) {
    const x = rest[i]!;
    if (x === 'name' || x === 'tag') i++;
    else if (isIp(x)) r.nextHop = x;
    else if (/^\d+$/.test(x)) r.distance = Number(x);
    else if (x !== 'permanent' && r.nextHop === undefined) r.iface = x;
  }
  return r;
}

/** Reads the lines of an IOS configuration that the checks use. */
export function readRouterFacts(text: string): RouterFacts {
  const facts: RouterFacts = { interfaces: [], tunnels: [], routes: [] };
  let iface: IfaceFacts | undefined;
  let tunnel: TunnelFacts | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('!')) continue;
    const w = line.split(/\s+/);
    const indented = /^\s/.test(raw);
    if (!indented) {
      iface = undefined;
      tunnel = undefined;
    }
    if (w[0] === 'hostname') facts.hostname = w[1];
    else if (w[0] === 'interface' && w[1] !== undefined) {
      if (/^(tunnel|tu)\d+$/i.test(w[1])) facts.tunnels.push((tunnel = newTunnel(w[1])));
      else facts.interfaces.push((iface = { name: w[1], shutdown: false }));
    } else if (w[0] === 'ip' && w[1] === 'route' && !indented) {
      const r = routeLine(line, w);
      if (r) facts.routes.push(r);
    } else if (w[0] === 'ip' && w[1] === 'address' && isIp(w[2]) && w[4] !== 'secondary') {
      const target = tunnel ?? iface;
      if (target) Object.assign(target, { address: w[2], prefixLength: lengthOfMaskString(w[3] ?? '') });
    } else if (w[0] === 'shutdown' || (w[0] === 'no' && w[1] === 'shutdown')) {
      const target = tunnel ?? iface;
      if (target) target.shutdown = w[0] === 'shutdown';
    } else if (tunnel) tunnelLine(tunnel, w);
  }
  for (const t of facts.tunnels) {
    for (const n of t.nhs) if (n.nbma === undefined) {
      const m = t.maps.find((x) => x.protocol === n.protocol);
      if (m) n.nbma = m.nbma;
    }
  }
  return facts;
}

/** The tunnel that runs NHRP (the first with an NHS, a multicast map or redirect; else the first tunnel). */
export function nhrpTunnel(f: RouterFacts): TunnelFacts | undefined {
  return f.tunnels.find((t) => t.nhs.length > 0 || t.mapMulticastDynamic || t.redirect) ?? f.tunnels[0];
}

/** The address of the interface a tunnel is sourced from (`tunnel source IFACE|ADDRESS`). */
export function tunnelSourceAddress(f: RouterFacts, t: TunnelFacts): string | undefined {
  if (t.source === undefined) return undefined;
  if (isIp(t.source)) return t.source;
  return f.interfaces.find((i) => i.name.toLowerCase() === t.source!.toLowerCase())?.address;
}
