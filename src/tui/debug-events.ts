/**
 * Reads a router's `debug nhrp` stream: each line (`*Dec  1 22:44:52.087: NHRP: Tunnel0: …` or a syslog
 * line `%DMVPN-5-NHRP_NHS_UP: …`) becomes a TuiEvent with its time, node and kind. Pure.
 */
import type { EventKind, TuiEvent } from './model.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const STAMP = /^\*?([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3}): /;

/** ms since 1970 of an IOS stamp (UTC; the year is the one of `now`, or the one before around New Year). */
export function parseStamp(line: string, now: number): { at: number; rest: string } | undefined {
  const m = STAMP.exec(line);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]!);
  if (month < 0) return undefined;
  const year = new Date(now).getUTCFullYear();
  const at = (y: number): number =>
    Date.UTC(y, month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  const t = at(year) - now > 86_400_000 ? at(year - 1) : at(year);
  return { at: t, rest: line.slice(m[0].length) };
}

/** Ordered rules: the first whose pattern matches names the kind. */
const RULES: Array<[RegExp, EventKind]> = [
  [/SHORTCUT|shortcut/, 'shortcut'],
  [/Traffic Indication|Redirect:/, 'indication'],
  [/Resolution|Resolving|Resolved|Negative reply/, 'resolution'],
  [/Registration|Registered|Deregistering|REGREFUSED/, 'registration'],
  [/NHRP_NHS_|NHS .*(marked down|->|probing)/, 'nhs'],
  [/NHRP_NHP_/, 'peer'],
  [/Purge/, 'purge'],
  [/cache (add|remove)|cache: removed/, 'cache'],
  [/Error Indication|Dropped packet|Authentication failure|PAKREPLY|%[A-Z]+-[0-3]-/, 'error'],
  [/^%SYS-|^%TRACK-|^%TUN-/, 'system'],
];

/** The kind of an event text. */
export function classify(text: string): EventKind {
  for (const [re, kind] of RULES) if (re.test(text)) return kind;
  return 'other';
}

/** The event of one debug line from `node`, or undefined for lines that are not events (the banner, blanks). */
export function parseDebugLine(node: string, line: string, now: number): TuiEvent | undefined {
  const trimmed = line.trim();
  if (trimmed === '' || /debugging is (on|off)$/.test(trimmed)) return undefined;
  const stamped = parseStamp(trimmed, now);
  const raw = stamped ? stamped.rest : trimmed;
  const text = raw.replace(/^NHRP: /, '').replace(/^(%[A-Z0-9_-]+: )?Tunnel0: /, '$1');
  return { at: stamped ? stamped.at : now, received: now, node, kind: classify(text), text };
}

/**
 * Whether `e` passes the filter: every word must appear in its node, kind or text, and no `-word` may
 * (case-insensitive): `spoke1 -cache` is spoke1's events without the cache changes.
 */
export function matchesFilter(e: TuiEvent, filter: string): boolean {
  const words = filter
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '' && w !== '-');
  if (words.length === 0) return true;
  const hay = `${e.node} ${e.kind} ${e.text}`.toLowerCase();
  return words.every((w) => (w.startsWith('-') ? !hay.includes(w.slice(1)) : hay.includes(w)));
}
