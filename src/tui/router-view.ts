/**
 * A router's view from its show commands' JSON (`show dmvpn json`, `show ip nhrp nhs json`,
 * `show interfaces json`), as the node table and the topology drawing need it. Pure.
 */
import type { NhsView, PeerView, RouterView } from './model.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

const UP = /^(up|re|r|responding|registered)$/i;

/** The JSON answers of one poll (any may be missing when its command failed). */
export interface RouterJson {
  dmvpn?: unknown;
  nhs?: unknown;
  interfaces?: unknown;
}

function peers(dmvpn: unknown): { role?: 'hub' | 'spoke'; peers: PeerView[] } {
  const out: PeerView[] = [];
  let role: 'hub' | 'spoke' | undefined;
  for (const i of arr(obj(dmvpn).interfaces)) {
    const t = str(obj(i).type);
    if (t === 'hub' || t === 'spoke') role ??= t;
    for (const p of arr(obj(i).peers)) {
      const o = obj(p);
      const nbma = str(o.nbma);
      const state = str(o.state) ?? '?';
      if (nbma === undefined) continue;
      const tunnel = str(o.tunnel);
      const attrs = arr(o.attributes).map(String);
      const shortcuts = arr(o.targets)
        .map(obj)
        .map((x) => str(x.network))
        .filter((n): n is string => n !== undefined && n !== `${tunnel}/32`);
      out.push({
        nbma,
        ...(tunnel ? { tunnel } : {}),
        state,
        up: UP.test(state),
        dynamic: attrs.includes('D'),
        shortcuts,
      });
    }
  }
  return { ...(role ? { role } : {}), peers: out };
}

function nhsList(nhs: unknown): NhsView[] {
  return arr(obj(nhs).interfaces).flatMap((i) =>
    arr(obj(i).nhs).flatMap((n): NhsView[] => {
      const o = obj(n);
      const address = str(o.address);
      const state = str(o.state) ?? '?';
      if (address === undefined) return [];
      return [{ address, ...(str(o.nbma) ? { nbma: str(o.nbma)! } : {}), state, up: UP.test(state) }];
    }),
  );
}

function tunnelIface(interfaces: unknown): Obj | undefined {
  return arr(obj(interfaces).interfaces)
    .map(obj)
    .find((i) => obj(i.tunnel).source !== undefined || /^Tunnel/.test(str(i.name) ?? ''));
}

/** Builds the router view from a poll's JSON; `base` carries what the poll does not (process, RSS). */
export function routerView(
  json: RouterJson,
  base: Pick<RouterView, 'running' | 'pid' | 'rssKb'>,
  now: number,
): RouterView {
  const p = peers(json.dmvpn);
  const nhs = nhsList(json.nhs);
  const tun = tunnelIface(json.interfaces);
  const counters = obj(tun?.counters);
  const address = str(tun?.address);
  const role = p.role ?? (nhs.length > 0 ? 'spoke' : 'router');
  return {
    role,
    running: base.running,
    ...(base.pid !== undefined ? { pid: base.pid } : {}),
    ...(base.rssKb !== undefined ? { rssKb: base.rssKb } : {}),
    ...(address ? { tunnel: address.split('/')[0]! } : {}),
    ...(str(obj(tun?.tunnel).source) ? { nbma: str(obj(tun?.tunnel).source)! } : {}),
    nhs,
    peers: p.peers,
    ...(num(counters.packetsIn) !== undefined ? { packetsIn: num(counters.packetsIn)! } : {}),
    ...(num(counters.packetsOut) !== undefined ? { packetsOut: num(counters.packetsOut)! } : {}),
    updatedAt: now,
  };
}

/** Number of shortcut routes a router holds. */
export function shortcutCount(r: RouterView): number {
  return r.peers.reduce((n, p) => n + (p.up ? p.shortcuts.length : 0), 0);
}

/** Spoke-to-spoke tunnels: pairs [a, b] (a < b) where a router holds an up dynamic peer that is router b. */
export function spokePairs(routers: Record<string, RouterView>): Array<[string, string]> {
  const byTunnel = new Map<string, string>();
  for (const [name, r] of Object.entries(routers)) if (r.tunnel) byTunnel.set(r.tunnel, name);
  const seen = new Set<string>();
  const out: Array<[string, string]> = [];
  for (const [name, r] of Object.entries(routers)) {
    if (r.role !== 'spoke' || !r.running) continue;
    for (const p of r.peers) {
      const other = p.tunnel ? byTunnel.get(p.tunnel) : undefined;
      if (!other || !p.up || routers[other]?.role !== 'spoke') continue;
      const pair: [string, string] = name < other ? [name, other] : [other, name];
      const key = pair.join(' ');
      if (!seen.has(key)) {
        seen.add(key);
        out.push(pair);
      }
    }
  }
  return out;
}
