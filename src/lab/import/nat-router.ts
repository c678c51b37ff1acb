/**
 * An IOS router whose only job is NAT (PAT) becomes our `nat` node: one interface with `ip nat
 * outside`, one or more with `ip nat inside`, `ip nat inside source list|route-map X interface OUT
 * overload` naming the outside one, a default route, and nothing of a DMVPN router (no tunnel, no
 * routing process, no crypto). That is what `export --format cml` writes for a nat node, and how
 * course labs draw a home router in front of a spoke. Anything else stays a `dmvpn` router.
 */
import { lengthOfMaskString } from '../../wire/ipv4-addr.js';

/** A NAT gateway read from an IOS configuration; interfaces by their IOS names. */
export interface NatRouter {
  /** IOS interface name -> address/prefix (inside and outside). */
  interfaces: Record<string, string>;
  /** The `ip nat outside` interface. */
  outside: string;
  gateway: string;
  /** Other static routes. */
  routes: Array<{ dst: string; via: string }>;
}

/** Lines that make a router more than a NAT gateway. */
const ROUTER_ONLY = /^(interface\s+tunnel|router\s|crypto\s)/i;

/** The NAT gateway `text` configures, or undefined when it is not (only) one. */
export function natRouter(text: string): NatRouter | undefined {
  const ifs = new Map<string, { address?: string; nat?: 'inside' | 'outside'; shutdown: boolean }>();
  let current: string | undefined;
  let overload: string | undefined;
  let gateway: string | undefined;
  const routes: NatRouter['routes'] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (ROUTER_ONLY.test(line)) return undefined;
    if (!line.startsWith(' ')) current = undefined;
    let m = /^interface\s+(\S+)/i.exec(line);
    if (m) {
      current = m[1]!;
      ifs.set(current, { shutdown: false });
      continue;
    }
    const i = current === undefined ? undefined : ifs.get(current);
    if (i) {
      m = /^\s+ip address (\d+\.\d+\.\d+\.\d+) (\d+\.\d+\.\d+\.\d+)\s*$/.exec(line);
      const len = m ? lengthOfMaskString(m[2]!) : undefined;
      if (m && len !== undefined) i.address = `${m[1]}/${len}`;
      m = /^\s+ip nat (inside|outside)\s*$/.exec(line);
      if (m) i.nat = m[1] as 'inside' | 'outside';
      if (/^\s+shutdown\s*$/.test(line)) i.shutdown = true;
      continue;
    }
    m = /^ip nat inside source (?:list|route-map) \S+ interface (\S+) overload\s*$/.exec(line);
    if (m) overload = m[1];
    m = /^ip route (\d+\.\d+\.\d+\.\d+) (\d+\.\d+\.\d+\.\d+) (\d+\.\d+\.\d+\.\d+)\s*$/.exec(line);
    const len = m ? lengthOfMaskString(m[2]!) : undefined;
    if (m && len === 0) gateway = m[3];
    else if (m && len !== undefined) routes.push({ dst: `${m[1]}/${len}`, via: m[3]! });
  }
  const up = [...ifs].filter(([, i]) => !i.shutdown && i.address !== undefined);
  const outside = up.filter(([, i]) => i.nat === 'outside');
  const inside = up.filter(([, i]) => i.nat === 'inside');
  if (outside.length !== 1 || inside.length === 0 || overload !== outside[0]![0] || gateway === undefined)
    return undefined;
  return {
    interfaces: Object.fromEntries([...outside, ...inside].map(([n, i]) => [n, i.address!])),
    outside: outside[0]![0],
    gateway,
    routes,
  };
}
