/**
 * A policy-map (src/node/config/qos-model.ts) compiled for the shaper: the parent shape rate and burst,
 * and the leaf classes that share it (a child policy's classes, or class-default alone), each with its
 * match, its kind (priority or weighted), its rate and its queue limit. Pure data, so a plan holding
 * it compares with isDeepStrictEqual.
 */
import { DEFAULT_QUEUE_LIMIT, type PolicyClass, type QosConfig, type QosMatch } from '../config/qos-model.js';

/** One leaf class of a compiled policy. */
export interface ShaperClassSpec {
  name: string;
  /** Empty: class-default (matches what no other class matched). */
  matches: QosMatch[];
  matchAll: boolean;
  /** `priority`: served first, policed to `rateBps` while the shaper is congested. */
  priority: boolean;
  /** Priority rate or bandwidth guarantee, bits/s (0: none). */
  rateBps: number;
  /** Share of what the priority classes leave (weighted round robin), > 0. */
  weight: number;
  /** `police`: conform transmit, exceed drop. */
  police?: { cirBps: number; burstBytes: number };
  queueLimit: number;
}

/** A compiled policy. */
export interface ShaperPolicy {
  /** Policy-map name, and the name of its child policy (for show policy-map). */
  name: string;
  child?: string;
  /** The class the shape is configured in (class-default as a rule). */
  parentClass: string;
  /** `shape average` bits/s; undefined: not shaped (classes still police and queue at line rate). */
  shapeBps?: number;
  /** Committed burst, bytes (tokens the shaper may save up). */
  burstBytes: number;
  classes: ShaperClassSpec[];
}

/** Rate used for percentages when a policy has no shape (a nominal 100 Mbit/s interface). */
const NOMINAL_BPS = 100_000_000;

/**
 * Default committed burst: 25 ms at the shape rate, at least two full frames. IOS uses a shorter
 * interval (Tc 4-10 ms); the user-space timer fires every 1-10 ms on a loaded host, so a smaller
 * bucket would lose tokens between wake-ups and shape below the rate.
 */
export function defaultBurstBytes(bps: number): number {
  return Math.max(3000, Math.round((bps / 8) * 0.025));
}

/** Compiles policy-map `name` of `q`; undefined when it does not exist. */
export function compilePolicy(q: QosConfig | undefined, name: string): ShaperPolicy | undefined {
  const pm = q?.policyMaps[name];
  if (!q || !pm) return undefined;
  const shaped = pm.classes.find((c) => c.shape !== undefined);
  const rate = shaped?.shape?.averageBps;
  const parentRate = rate ?? NOMINAL_BPS;
  const childMap = shaped?.child !== undefined ? q.policyMaps[shaped.child] : undefined;
  let leaves: PolicyClass[];
  if (shaped) leaves = childMap ? childMap.classes : [{ name: 'class-default', queueLimit: shaped.queueLimit }];
  else leaves = pm.classes;
  if (!leaves.some((c) => c.name === 'class-default')) leaves = [...leaves, { name: 'class-default' }];
  const classes = leaves.map((c) => leafSpec(q, c, parentRate));
  const guaranteed = classes.reduce((n, c) => n + c.rateBps, 0);
  const leftover = Math.max(parentRate - guaranteed, parentRate * 0.01);
  for (const [i, c] of leaves.entries()) {
    const spec = classes[i]!;
    const b = c.bandwidth;
    if (b && 'remainingPercent' in b) spec.weight = (leftover * b.remainingPercent) / 100;
    else if (spec.rateBps > 0) spec.weight = spec.rateBps;
    else spec.weight = c.name === 'class-default' ? leftover : parentRate * 0.01;
  }
  return {
    name,
    ...(childMap ? { child: childMap.name } : {}),
    parentClass: shaped?.name ?? 'class-default',
    ...(rate !== undefined ? { shapeBps: rate } : {}),
    burstBytes:
      shaped?.shape?.burstBits !== undefined ? Math.ceil(shaped.shape.burstBits / 8) : defaultBurstBytes(parentRate),
    classes,
  };
}

function leafSpec(q: QosConfig, c: PolicyClass, parentRate: number): ShaperClassSpec {
  const cm = c.name === 'class-default' ? undefined : q.classMaps[c.name];
  const rateOf = (r: { kbps: number } | { percent: number }): number =>
    'kbps' in r ? r.kbps * 1000 : (parentRate * r.percent) / 100;
  let rateBps = 0;
  if (c.priority) rateBps = 'all' in c.priority ? parentRate : rateOf(c.priority);
  else if (c.bandwidth && !('remainingPercent' in c.bandwidth)) rateBps = rateOf(c.bandwidth);
  return {
    name: c.name,
    matches: cm?.matches ?? [],
    matchAll: cm?.matchAll ?? true,
    priority: c.priority !== undefined,
    rateBps,
    weight: 1,
    ...(c.police
      ? { police: { cirBps: c.police.cirBps, burstBytes: c.police.burstBytes ?? defaultBurstBytes(c.police.cirBps) } }
      : {}),
    queueLimit: c.queueLimit ?? DEFAULT_QUEUE_LIMIT,
  };
}

/** The DSCP, protocol and UDP destination port of an IP packet starting at `off` (IPv4 or IPv6). */
function fields(p: Uint8Array, off: number): { dscp: number; proto: number; dport: number } {
  if (p.length < off + 20) return { dscp: 0, proto: -1, dport: -1 };
  if (p[off]! >> 4 === 6) {
    const tc = ((p[off]! & 0x0f) << 4) | (p[off + 1]! >> 4);
    const proto = p[off + 6]!;
    const l4 = off + 40;
    return { dscp: tc >> 2, proto, dport: p.length >= l4 + 4 ? (p[l4 + 2]! << 8) | p[l4 + 3]! : -1 };
  }
  const ihl = (p[off]! & 0x0f) << 2;
  const fragOff = ((p[off + 6]! & 0x1f) << 8) | p[off + 7]!;
  const l4 = off + ihl;
  const dport = fragOff === 0 && p.length >= l4 + 4 ? (p[l4 + 2]! << 8) | p[l4 + 3]! : -1;
  return { dscp: p[off + 1]! >> 2, proto: p[off + 9]!, dport };
}

function matchOne(m: QosMatch, f: { dscp: number; proto: number; dport: number }): boolean {
  switch (m.kind) {
    case 'any':
      return true;
    case 'dscp':
      return m.values.includes(f.dscp);
    case 'precedence':
      return m.values.includes(f.dscp >> 3);
    case 'protocol':
      if (m.protocol === 'icmp') return f.proto === 1 || f.proto === 58;
      if (m.protocol === 'tcp') return f.proto === 6;
      if (m.protocol === 'udp') return f.proto === 17;
      return f.proto === 17 && f.dport >= 16384 && f.dport <= 32767 && (f.dport & 1) === 0;
  }
}

/** Index of the class an IP packet (at `off` in `p`) belongs to: the first whose matches hold, else class-default. */
export function classify(classes: readonly ShaperClassSpec[], p: Uint8Array, off: number): number {
  const f = fields(p, off);
  let fallback = classes.length - 1;
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i]!;
    if (c.matches.length === 0) {
      if (c.name === 'class-default') fallback = i;
      continue;
    }
    const ok = c.matchAll ? c.matches.every((m) => matchOne(m, f)) : c.matches.some((m) => matchOne(m, f));
    if (ok) return i;
  }
  return fallback;
}
