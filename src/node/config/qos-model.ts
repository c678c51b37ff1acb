/** QoS configuration (MQC): class-maps, policy-maps, and where policies are attached. */

/** One `match …` line of a class-map. */
export type QosMatch =
  /** `match dscp ef af41 …` (DSCP values 0-63). */
  | { kind: 'dscp'; values: number[] }
  /** `match ip precedence 5 …` (precedence 0-7). */
  | { kind: 'precedence'; values: number[] }
  /** `match protocol rtp|icmp|tcp|udp` (rtp: UDP to an even port in 16384-32767, IOS `ip rtp priority`'s range). */
  | { kind: 'protocol'; protocol: QosProtocol }
  /** `match any`. */
  | { kind: 'any' };

/** The `match protocol` names dmvpnd classifies without NBAR. */
export const QOS_PROTOCOLS = ['rtp', 'icmp', 'tcp', 'udp'] as const;
export type QosProtocol = (typeof QOS_PROTOCOLS)[number];

/** `class-map [match-any|match-all] NAME`. */
export interface ClassMap {
  name: string;
  /** match-all (the IOS default): every match must hold; match-any: one is enough. */
  matchAll: boolean;
  matches: QosMatch[];
}

/** A rate given in kbit/s, or as a percentage (of the parent shape rate or the interface). */
export type QosRate = { kbps: number } | { percent: number };

/** One `class NAME` of a policy-map and its actions. */
export interface PolicyClass {
  name: string;
  /** `shape average BPS [BC]` (bits/s, committed burst in bits). */
  shape?: { averageBps: number; burstBits?: number };
  /** `priority [KBPS | percent N]` (absent rate: the whole parent rate). */
  priority?: QosRate | { all: true };
  /** `bandwidth KBPS | percent N | remaining percent N`. */
  bandwidth?: QosRate | { remainingPercent: number };
  /** `police [cir] BPS [BC]`: conform transmit, exceed drop. */
  police?: { cirBps: number; burstBytes?: number };
  /** `queue-limit N [packets]` (IOS default 64). */
  queueLimit?: number;
  /** `service-policy CHILD` under this class (hierarchical policy). */
  child?: string;
}

/** `policy-map NAME`. */
export interface PolicyMap {
  name: string;
  /** In configuration order; class-default (when configured) is kept last. */
  classes: PolicyClass[];
}

/** The QoS part of a RouterConfig. */
export interface QosConfig {
  classMaps: Record<string, ClassMap>;
  policyMaps: Record<string, PolicyMap>;
}

/** IOS DSCP names and their values. */
export const DSCP_NAMES: Readonly<Record<string, number>> = Object.freeze({
  default: 0,
  cs1: 8,
  af11: 10,
  af12: 12,
  af13: 14,
  cs2: 16,
  af21: 18,
  af22: 20,
  af23: 22,
  cs3: 24,
  af31: 26,
  af32: 28,
  af33: 30,
  cs4: 32,
  af41: 34,
  af42: 36,
  af43: 38,
  cs5: 40,
  ef: 46,
  cs6: 48,
  cs7: 56,
});

/** IOS's shaper queue default (`queue-limit` 64 packets). */
export const DEFAULT_QUEUE_LIMIT = 64;

/** An empty QoS configuration. */
export function emptyQos(): QosConfig {
  return { classMaps: {}, policyMaps: {} };
}
