/** Semantic differences between two configs, so a running router can react to a live change. */
import { isDeepStrictEqual } from 'node:util';
import type { CryptoConfig } from './crypto-model.js';
import type { InterfaceConfig, NhrpConfig, RouterConfig, StaticRoute, TunnelIfConfig } from './model.js';

type FieldChange<K extends string, T> = {
  [F in keyof T]-?: { kind: K; iface: string; field: F; from: T[F]; to: T[F] };
}[keyof T];

/** Interface fields that can change in place (name, kind and device are fixed for an interface). */
export type InterfaceFields = Omit<InterfaceConfig, 'name' | 'kind' | 'linuxName' | 'tunnel' | 'nhrp'>;

/** A change to an interface's own settings (addresses, shutdown, mtu, adjustMss, description). */
export type InterfaceChange = FieldChange<'interface', InterfaceFields>;
/** A change to a tunnel setting (source, destination, mode, transport, key, protection). */
export type TunnelChange = FieldChange<'tunnel', TunnelIfConfig>;
/** A change to an NHRP setting (redirect, shortcut, nhs, maps, holdtime …). */
export type NhrpChange = FieldChange<'nhrp', NhrpConfig>;

/** One semantic change, in the order: hostname, interfaces (config order), routes, crypto. */
export type ConfigChange =
  | { kind: 'hostname'; from: string; to: string }
  | { kind: 'interface-added'; iface: string; config: InterfaceConfig }
  | { kind: 'interface-removed'; iface: string; config: InterfaceConfig }
  | InterfaceChange
  | TunnelChange
  | NhrpChange
  | { kind: 'routes'; added: StaticRoute[]; removed: StaticRoute[] }
  | { kind: 'crypto'; field: keyof CryptoConfig }
  /** `router eigrp`, `ipv6 router eigrp` or `key chain` blocks changed. */
  | { kind: 'eigrp' }
  /** `router ospf|bgp|rip` blocks or their interface lines changed. */
  | { kind: 'routing' }
  /** Users, enable secret, vty lines or SSH settings changed. */
  | { kind: 'access' };

/** Everything that differs from `before` to `after`. */
export function diffConfig(before: RouterConfig, after: RouterConfig): ConfigChange[] {
  const out: ConfigChange[] = [];
  if (before.hostname !== after.hostname) out.push({ kind: 'hostname', from: before.hostname, to: after.hostname });
  for (const [name, old] of Object.entries(before.interfaces)) {
    if (!after.interfaces[name]) out.push({ kind: 'interface-removed', iface: name, config: old });
  }
  for (const [name, now] of Object.entries(after.interfaces)) {
    const old = before.interfaces[name];
    if (!old) {
      out.push({ kind: 'interface-added', iface: name, config: now });
      continue;
    }
    out.push(...fields('interface', name, pick(old), pick(now)));
    if (old.tunnel && now.tunnel) out.push(...fields('tunnel', name, old.tunnel, now.tunnel));
    if (old.nhrp && now.nhrp) out.push(...fields('nhrp', name, old.nhrp, now.nhrp));
  }
  const added = after.routes.filter((r) => !before.routes.some((b) => isDeepStrictEqual(b, r)));
  const removed = before.routes.filter((r) => !after.routes.some((a) => isDeepStrictEqual(a, r)));
  if (added.length > 0 || removed.length > 0) out.push({ kind: 'routes', added, removed });
  if (!isDeepStrictEqual(before.routing, after.routing)) out.push({ kind: 'routing' });
  for (const field of Object.keys(after.crypto) as Array<keyof CryptoConfig>) {
    if (!isDeepStrictEqual(before.crypto[field], after.crypto[field])) out.push({ kind: 'crypto', field });
  }
  if (
    !isDeepStrictEqual(before.eigrp, after.eigrp) ||
    !isDeepStrictEqual(before.eigrp6, after.eigrp6) ||
    !isDeepStrictEqual(before.keyChains, after.keyChains)
  ) {
    out.push({ kind: 'eigrp' });
  }
  if (!isDeepStrictEqual(before.access, after.access)) out.push({ kind: 'access' });
  return out;
}

/** Items of `to` not in `from`, and items of `from` not in `to` (for list fields such as nhs or maps). */
export function listDelta<T>(from: readonly T[], to: readonly T[]): { added: T[]; removed: T[] } {
  return {
    added: to.filter((x) => !from.some((y) => isDeepStrictEqual(x, y))),
    removed: from.filter((x) => !to.some((y) => isDeepStrictEqual(x, y))),
  };
}

function pick(i: InterfaceConfig): InterfaceFields {
  const { name: _n, kind: _k, linuxName: _l, tunnel: _t, nhrp: _h, ...rest } = i;
  return rest;
}

function fields<K extends string, T extends object>(kind: K, iface: string, a: T, b: T): FieldChange<K, T>[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as Array<keyof T>);
  const out: FieldChange<K, T>[] = [];
  for (const field of keys) {
    if (!isDeepStrictEqual(a[field], b[field])) {
      out.push({ kind, iface, field, from: a[field], to: b[field] } as FieldChange<K, T>);
    }
  }
  return out;
}
