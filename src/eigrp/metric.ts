/**
 * The classic EIGRP metric (RFC 7868 5.6.1, IOS "metric style narrow"): the vector a route TLV
 * carries (scaled delay and bandwidth, MTU, hop count, reliability, load) and the composite distance
 *
 *   metric = 256 * (K1 * 10^7 / min_bw_kbit + K2 * ... + K3 * sum_delay_tens_of_us) [* K5 / (rel + K4)]
 *
 * in the TLV's scaled units: bandwidth field = 256 * floor(10^7 / kbit), delay field = 256 * tens
 * of microseconds. A delay of 0xffffffff is unreachable (infinite distance).
 */
import type { ClassicMetric, WideMetric } from '../wire/eigrp/index.js';

/** The delay field of an unreachable route, and the distance it gives. */
export const UNREACHABLE_DELAY = 0xffffffff;
export const INFINITY = 0xffffffff;

/** K1..K5 as configured with `metric weights 0 K1 K2 K3 K4 K5` (IOS default 1 0 1 0 0). */
export type KValues = readonly [number, number, number, number, number];
export const DEFAULT_K: KValues = [1, 0, 1, 0, 0];

/** Bandwidth field for a link of `kbit` kbit/s. */
export function scaledBandwidth(kbit: number): number {
  return Math.floor(10_000_000 / Math.max(1, kbit)) * 256;
}

/** Delay field for `us` microseconds of delay (IOS counts delay in tens of microseconds). */
export function scaledDelay(us: number): number {
  return Math.floor(us / 10) * 256;
}

/** The vector of a directly connected link. */
export function linkMetric(kbit: number, delayUs: number, mtu = 1500): ClassicMetric {
  return {
    delay: scaledDelay(delayUs),
    bandwidth: scaledBandwidth(kbit),
    mtu,
    hopCount: 0,
    reliability: 255,
    load: 1,
    routeTag: 0,
    flags: 0,
  };
}

/** The unreachable vector (a withdrawal, or a Query/Reply with no route). */
export function unreachable(base?: ClassicMetric): ClassicMetric {
  return { ...(base ?? linkMetric(1, 0)), delay: UNREACHABLE_DELAY };
}

export function isUnreachable(m: ClassicMetric): boolean {
  return m.delay === UNREACHABLE_DELAY;
}

/** A neighbor's reported vector plus the link it arrived on: what the route costs through that neighbor. */
export function addLink(reported: ClassicMetric, link: ClassicMetric): ClassicMetric {
  if (isUnreachable(reported)) return { ...reported };
  return {
    delay: Math.min(UNREACHABLE_DELAY - 1, reported.delay + link.delay),
    bandwidth: Math.max(reported.bandwidth, link.bandwidth),
    mtu: Math.min(reported.mtu, link.mtu),
    hopCount: Math.min(255, reported.hopCount + 1),
    reliability: Math.min(reported.reliability, link.reliability),
    load: Math.max(reported.load, link.load),
    routeTag: reported.routeTag,
    flags: 0,
  };
}

/** The composite distance of a vector under K values (INFINITY when unreachable). */
export function composite(m: ClassicMetric, k: KValues = DEFAULT_K): number {
  if (isUnreachable(m)) return INFINITY;
  const [k1, k2, k3, k4, k5] = k;
  let d = k1 * m.bandwidth + Math.floor((k2 * m.bandwidth) / (256 - Math.min(255, m.load))) + k3 * m.delay;
  if (k5 !== 0) d = Math.floor((d * k5) / (m.reliability + k4));
  return Math.min(INFINITY - 1, d);
}

/** Whether two vectors are the same on the wire (what decides whether an Update must be sent). */
export function sameMetric(a: ClassicMetric, b: ClassicMetric): boolean {
  return (
    a.delay === b.delay &&
    a.bandwidth === b.bandwidth &&
    a.mtu === b.mtu &&
    a.hopCount === b.hopCount &&
    a.reliability === b.reliability &&
    a.load === b.load &&
    a.routeTag === b.routeTag
  );
}

/** A wide (64-bit) metric of a named-mode peer as a classic vector (delay ps -> tens of µs, kbit/s). */
export function classicOfWide(w: {
  delay: number;
  bandwidth: number;
  mtu: number;
  hopCount: number;
  reliability: number;
  load: number;
  flags: number;
}): ClassicMetric {
  const unreachableWide = w.delay >= UNREACHABLE_WIDE_DELAY;
  return {
    delay: unreachableWide
      ? UNREACHABLE_DELAY
      : Math.min(UNREACHABLE_DELAY - 1, Math.floor(w.delay / 10_000_000) * 256),
    bandwidth: scaledBandwidth(w.bandwidth),
    mtu: w.mtu,
    hopCount: w.hopCount,
    reliability: w.reliability,
    load: w.load,
    routeTag: 0,
    flags: w.flags,
  };
}

/** The widest delay field (48 bits): an unreachable wide metric. */
export const UNREACHABLE_WIDE_DELAY = 0xffff_ffff_ffff;

/**
 * A classic vector as the wide (64-bit) metric a named-mode router sends: delay in picoseconds
 * (tens of µs × 10^7), bandwidth in kbit/s (the minimum bandwidth the scaled field stands for),
 * unreachable as the 48-bit all-ones delay. classicOfWide gives the vector back unchanged.
 */
export function wideOfClassic(m: ClassicMetric): WideMetric {
  const scaled = Math.floor(m.bandwidth / 256);
  return {
    priority: 0,
    reliability: m.reliability,
    load: m.load,
    mtu: m.mtu,
    hopCount: m.hopCount,
    delay: isUnreachable(m) ? UNREACHABLE_WIDE_DELAY : Math.floor(m.delay / 256) * 10_000_000,
    bandwidth: scaled === 0 ? UNREACHABLE_WIDE_DELAY : Math.floor(10_000_000 / scaled),
    reserved: 0,
    flags: m.flags,
    attributes: new Uint8Array(0),
  };
}
