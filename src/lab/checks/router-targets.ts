/**
 * What reachability expects between routers when the lab has no LAN hosts (course labs), from the
 * routers' configurations alone: each router's loopback is reachable from every other router whose
 * loopback the same routing protocol advertises (OSPF/EIGRP `network` with its wildcard, RIP's
 * classful `network`, BGP `network`, `redistribute connected`), pinged from the loopback. A lab
 * where no loopback is advertised expects its tunnel addresses to reach each other instead (hub and
 * spokes, and spoke to spoke), as the DMVPN itself carries them.
 */
import type { InterfaceConfigJson, RunningConfigJson } from '../../node/api/index.js';
import { classfulLength, inPrefix, lengthOfMaskString, networkOf } from '../../wire/ipv4-addr.js';
import type { RouterView } from './view.js';

/** A router address to ping, and to ping from. */
export interface RouterTarget {
  name: string;
  namespace: string;
  /** The address pinged, and the source of pings sent from this router. */
  address: string;
  /** loopback: advertised by `protocols`; tunnel: the tunnel address. */
  via: 'loopback' | 'tunnel';
  /** The routing protocols that advertise the loopback (empty for a tunnel address). */
  protocols: string[];
}

function primary(i: InterfaceConfigJson): { address: string; prefixLength: number } | undefined {
  return i.addresses.find((a) => a.family === 4 && !a.secondary);
}

function wildcardCovers(addr: string, net: string, wildcard: string | undefined): boolean {
  if (wildcard === undefined) return inPrefix(addr, net, classfulLength(net));
  const len = lengthOfMaskString(
    wildcard
      .split('.')
      .map((o) => 255 - Number(o))
      .join('.'),
  );
  return len !== undefined && inPrefix(addr, net, len);
}

/** The routing protocols of `config` that advertise interface `i` (its primary address). */
export function advertisedBy(config: RunningConfigJson, i: InterfaceConfigJson): string[] {
  const a = primary(i);
  if (!a) return [];
  const r = config.routing;
  const out: string[] = [];
  const connected = (list: Array<{ source: string }> | undefined) => (list ?? []).some((x) => x.source === 'connected');
  if (
    r?.ospf &&
    (r.ospf.networks.some((n) => wildcardCovers(a.address, n.address, n.wildcard)) ||
      i.ospf?.area !== undefined ||
      connected(r.ospf.redistribute))
  )
    out.push('ospf');
  const classful = (x: string) => networkOf(x, classfulLength(x));
  if (r?.rip && (r.rip.networks.some((n) => classful(n) === classful(a.address)) || connected(r.rip.redistribute)))
    out.push('rip');
  for (const e of config.eigrp ?? []) {
    if (e.shutdown) continue;
    const covered = e.networks.some((n) => wildcardCovers(a.address, n.address, n.wildcard));
    if (covered || e.redistribute.connected !== undefined) out.push(`eigrp ${e.as}`);
  }
  const bgp = r?.bgp;
  if (
    bgp &&
    (bgp.networks.some(
      (n) => n.prefixLength === a.prefixLength && n.address === networkOf(a.address, a.prefixLength),
    ) ||
      connected(bgp.redistribute))
  )
    out.push(`bgp ${bgp.asn}`);
  return out;
}

/** Each router's advertised loopback (the first one a protocol advertises), if any. */
function loopbackTarget(r: RouterView, config: RunningConfigJson): RouterTarget | undefined {
  for (const i of Object.values(config.interfaces)) {
    const a = i.kind === 'loopback' && !i.shutdown ? primary(i) : undefined;
    if (!a) continue;
    const protocols = advertisedBy(config, i);
    if (protocols.length > 0)
      return { name: r.name, namespace: r.namespace, address: a.address, via: 'loopback', protocols };
  }
  return undefined;
}

/**
 * The router pairs to test, [from, to]: every ordered pair of advertised loopbacks sharing a protocol;
 * else (no loopback advertised) every ordered pair of tunnel addresses on the same tunnel subnet.
 */
export function routerPairs(routers: RouterView[]): Array<readonly [RouterTarget, RouterTarget]> {
  const loops = routers.flatMap((r) => {
    const t = loopbackTarget(r, r.config);
    return t ? [t] : [];
  });
  if (loops.length >= 2) return pairs(loops, (a, b) => a.protocols.some((p) => b.protocols.includes(p)));
  const subnet = new Map<RouterTarget, string>();
  for (const r of routers) {
    const t = r.tunnel;
    if (!t || t.shutdown || t.address === undefined || t.prefixLength === undefined) continue;
    const target: RouterTarget = {
      name: r.name,
      namespace: r.namespace,
      address: t.address,
      via: 'tunnel',
      protocols: [],
    };
    subnet.set(target, `${networkOf(t.address, t.prefixLength)}/${t.prefixLength}`);
  }
  return pairs([...subnet.keys()], (a, b) => subnet.get(a) === subnet.get(b));
}

/** Every ordered pair of `ts` for which `same` holds. */
function pairs(
  ts: RouterTarget[],
  same: (a: RouterTarget, b: RouterTarget) => boolean,
): Array<readonly [RouterTarget, RouterTarget]> {
  return ts.flatMap((a) => ts.filter((b) => b !== a && same(a, b)).map((b) => [a, b] as const));
}
