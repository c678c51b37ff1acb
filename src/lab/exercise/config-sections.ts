/**
 * A router's configuration (the `show running-config json` shape) cut into IOS sections, each named by
 * its head (`interface Tunnel0`, `ip route`, `router eigrp 100`, `crypto ikev2 keyring KR`), and the
 * differences between two of them: which sections were added, removed or changed, and in which fields.
 */
import type { RunningConfigJson } from '../../node/api/index.js';

/** A section that differs between two configurations. */
export interface SectionChange {
  section: string;
  change: 'added' | 'removed' | 'changed';
  /** What differs, field by field (`nhrp.authentication "DMVPN" → "DMVNP"`), at most a few. */
  details: string[];
}

const CRYPTO_BLOCKS: Record<string, (e: Record<string, unknown>) => string> = {
  isakmpPolicies: (e) => `crypto isakmp policy ${e.priority}`,
  isakmpKeys: () => 'crypto isakmp key',
  transformSets: (e) => `crypto ipsec transform-set ${e.name}`,
  ipsecProfiles: (e) => `crypto ipsec profile ${e.name}`,
  ikev2Proposals: (e) => `crypto ikev2 proposal ${e.name}`,
  ikev2Policies: (e) => `crypto ikev2 policy ${e.name}`,
  ikev2Keyrings: (e) => `crypto ikev2 keyring ${e.name}`,
  ikev2Profiles: (e) => `crypto ikev2 profile ${e.name}`,
};
const CRYPTO_SINGLE: Record<string, string> = {
  isakmpKeepalive: 'crypto isakmp keepalive',
  isakmpNatKeepalive: 'crypto isakmp nat keepalive',
  isakmpAggressiveDisable: 'crypto isakmp aggressive-mode',
};

/** Adds `value` to section `name` (a section written by several lines keeps them as a list). */
function put(out: Map<string, unknown>, name: string, value: unknown, many = false): void {
  if (!many) {
    out.set(name, value);
    return;
  }
  out.set(name, [...((out.get(name) as unknown[] | undefined) ?? []), value]);
}

function routeText(r: RunningConfigJson['routes'][number]): string {
  const via = [r.nextHop, r.interface].filter(Boolean).join(' ');
  return `${r.prefix.address}/${r.prefix.prefixLength} ${via}${r.distance !== 1 ? ` ${r.distance}` : ''}`;
}

/** The sections of a configuration, by head. */
export function sectionsOf(c: RunningConfigJson): Map<string, unknown> {
  const out = new Map<string, unknown>();
  put(out, 'hostname', c.hostname);
  for (const [name, i] of Object.entries(c.interfaces)) put(out, `interface ${name}`, i);
  if (c.routes.length > 0) put(out, 'ip route', c.routes.map(routeText).sort());
  const crypto = (c.crypto ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(crypto)) {
    if (v === undefined) continue;
    const block = CRYPTO_BLOCKS[k];
    if (block && Array.isArray(v)) for (const e of v) put(out, block(e as Record<string, unknown>), e, true);
    else put(out, CRYPTO_SINGLE[k] ?? `crypto ${k}`, v);
  }
  for (const e of c.eigrp ?? []) put(out, `router eigrp ${e.name ?? e.as}`, e);
  for (const k of c.keyChains ?? []) put(out, `key chain ${k.name}`, k);
  if (c.routing?.ospf) put(out, `router ospf ${c.routing.ospf.processId}`, c.routing.ospf);
  if (c.routing?.bgp) put(out, `router bgp ${c.routing.bgp.asn}`, c.routing.bgp);
  if (c.routing?.rip) put(out, 'router rip', c.routing.rip);
  for (const [n, v] of Object.entries(c.prefixLists ?? {})) put(out, `ip prefix-list ${n}`, v);
  for (const [n, v] of Object.entries(c.routeMaps ?? {})) put(out, `route-map ${n}`, v);
  // lastChange says when, not what: it is no section.
  const known = new Set(['hostname', 'interfaces', 'routes', 'crypto', 'eigrp', 'keyChains', 'routing', 'lastChange']);
  for (const [k, v] of Object.entries(c))
    if (!known.has(k) && k !== 'prefixLists' && k !== 'routeMaps' && v !== undefined) put(out, k, v);
  return out;
}

const short = (v: unknown): string => {
  const s = v === undefined ? 'unset' : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

/** The fields where `a` and `b` differ, as `path before → after`. */
export function fieldDiffs(a: unknown, b: unknown, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const obj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (obj(a) && obj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => fieldDiffs(a[k], b[k], path ? `${path}.${k}` : k));
  }
  if (
    Array.isArray(a) &&
    Array.isArray(b) &&
    a.every((x) => typeof x === 'string') &&
    b.every((x) => typeof x === 'string')
  ) {
    const added = b.filter((x) => !a.includes(x)).map((x) => `+ ${x}`);
    const removed = a.filter((x) => !b.includes(x)).map((x) => `- ${x}`);
    return [...removed, ...added].map((x) => (path ? `${path} ${x}` : x));
  }
  return [`${path || 'value'} ${short(a)} → ${short(b)}`];
}

/** The sections that differ from `before` to `after`. */
export function diffConfigs(before: RunningConfigJson, after: RunningConfigJson): SectionChange[] {
  const [a, b] = [sectionsOf(before), sectionsOf(after)];
  const out: SectionChange[] = [];
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    if (!b.has(name)) out.push({ section: name, change: 'removed', details: [] });
    else if (!a.has(name)) out.push({ section: name, change: 'added', details: [] });
    else {
      const details = fieldDiffs(a.get(name), b.get(name));
      if (details.length > 0) out.push({ section: name, change: 'changed', details: details.slice(0, 4) });
    }
  }
  return out;
}
