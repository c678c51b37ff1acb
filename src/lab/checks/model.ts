/** The result model of `dmvpn-lab check`: one result per check per node pair (or step), with its evidence. */

/** The checks, in the order they run. */
export const CHECK_NAMES = [
  'registration',
  'routing',
  'phase',
  'reachability',
  'multicast',
  'nat',
  'ipsec',
  'qos',
  'transition',
  'failover',
] as const;

/** A check's name; `expect` runs the assertions of an --expect file (src/lab/expect/). */
export type CheckName = (typeof CHECK_NAMES)[number] | 'expect';

/** pass, fail, or skip (the check does not apply, or a step it needs could not happen). */
export type CheckStatus = 'pass' | 'fail' | 'skip';

/** Packets in a capture that decided a result: the pcap file, Wireshark frame numbers, and what they show. */
export interface Evidence {
  pcap: string;
  frames: number[];
  what: string;
}

/** Lines of a router's show command that decided a result. */
export interface ShownLines {
  node: string;
  command: string;
  lines: string[];
}

/** A measured value: milliseconds and packet counts as numbers, a path as text. */
export type Figure = number | string | boolean | null;

/** One outcome: a check applied to some nodes (a pair, a spoke and its NHS, a hub), or one step of it. */
export interface CheckResult {
  name: CheckName;
  /** The nodes concerned: a pair as [from, to], or one node. */
  nodes: string[];
  /** The step within the check, when it has several (e.g. `phase1→phase2`, `hub1 stopped`). */
  step?: string;
  status: CheckStatus;
  /** One line: why it passed, failed or was skipped. */
  reason: string;
  figures: Record<string, Figure>;
  evidence: Evidence[];
  /** The output that decided it (the answer of a show command), when a command decided it. */
  output?: string;
  /** Show output that decided it (the routing check), when any. */
  shown?: ShownLines[];
}

/** Everything `check` found out about one lab. */
export interface CheckReport {
  lab: string;
  topologyFile: string;
  labDir: string;
  startedAt: string;
  /** Wall time of the whole check, lab up and down included. */
  durationMs: number;
  /** True when the check brought the lab up itself. */
  broughtUp: boolean;
  /** True when the lab is still up after the check. */
  keptUp: boolean;
  /** The pcaps captured (Internet-facing links). */
  pcaps: string[];
  /** Each check that was planned: how long it ran, or why it did not apply. */
  checks: Array<{ name: CheckName; durationMs: number; notApplicable?: string }>;
  results: CheckResult[];
  summary: { pass: number; fail: number; skip: number };
}

/** Builds a result; figures and evidence default to empty. */
export function result(
  name: CheckName,
  nodes: string[],
  status: CheckStatus,
  reason: string,
  more: Partial<Pick<CheckResult, 'step' | 'figures' | 'evidence' | 'shown'>> = {},
): CheckResult {
  return {
    name,
    nodes,
    ...(more.step !== undefined ? { step: more.step } : {}),
    status,
    reason,
    figures: more.figures ?? {},
    evidence: more.evidence ?? [],
    ...(more.shown && more.shown.length > 0 ? { shown: more.shown } : {}),
  };
}

/** Counts of each status. */
export function summarize(results: CheckResult[]): CheckReport['summary'] {
  const s = { pass: 0, fail: 0, skip: 0 };
  for (const r of results) s[r.status]++;
  return s;
}
