/**
 * What a student may change in an exercise: per router, the configuration sections of the task, named
 * as their IOS heads (`interface Tunnel0`, `ip route`, `router eigrp 100`, `crypto ikev2 keyring`;
 * `*` for anything). Declared in exercise.yml (`scope`), else read from the reference solution: the
 * sections its lines enter or write. A head allows every section it begins, word by word
 * (`router eigrp` allows `router eigrp 100`; `crypto` allows every crypto block).
 */

/** Per router, the section heads it may change; a router not listed may not change at all. */
export type Scope = Record<string, string[]>;

/** IOS lines that enter a configuration mode (their section is the line, without `no`). */
const OPENS =
  /^(interface|router|key chain|route-map|crypto (ikev2 (keyring|profile|proposal|policy)|ipsec (profile|transform-set)|isakmp policy))\b/i;
/** Global lines that are a section by themselves (named by these words). */
const GLOBAL =
  /^(ip route|ip prefix-list|hostname|crypto isakmp key|crypto isakmp (nat )?keepalive|crypto isakmp aggressive-mode)\b/i;

/** The section head a global line opens or writes, or undefined for a line of a mode. */
function headOf(line: string): { head: string; opens: boolean } | undefined {
  const l = line.trim().replace(/^no\s+/i, '');
  const open = OPENS.exec(l);
  if (open) {
    // the block's name: up to the first argument after the keywords (route-map NAME, interface NAME)
    const words = l.split(/\s+/);
    // router PROTOCOL [ID]: the process is the name
    const keep = open[0].split(/\s+/).length + (/^router$/i.test(open[0]) ? 2 : 1);
    return { head: words.slice(0, keep).join(' '), opens: true };
  }
  const g = GLOBAL.exec(l);
  return g ? { head: g[0], opens: false } : undefined;
}

/** The sections each router's solution lines enter or write. */
export function scopeFromSolution(solution: Record<string, string[]>): Scope {
  const out: Scope = {};
  for (const [router, lines] of Object.entries(solution)) {
    const heads = new Set<string>();
    for (const line of lines) {
      if (/^\s*(exit|end)\s*$/i.test(line)) continue;
      const h = headOf(line);
      if (h) heads.add(h.head);
    }
    if (heads.size > 0) out[router] = [...heads];
  }
  return out;
}

const INTERFACE_TYPES = ['GigabitEthernet', 'FastEthernet', 'Ethernet', 'Tunnel', 'Loopback'];

/** A canonical interface name from an abbreviation (`tu0` → `Tunnel0`, `gi0/1` → `GigabitEthernet0/1`). */
export function canonicalInterface(name: string): string {
  const m = /^([a-z-]+)\s*([\d/.]+)$/i.exec(name.trim());
  if (!m) return name;
  const type = INTERFACE_TYPES.find((t) => t.toLowerCase().startsWith(m[1]!.toLowerCase()));
  return type ? `${type}${m[2]}` : name;
}

function words(head: string): string[] {
  const w = head.trim().split(/\s+/);
  if (w[0]?.toLowerCase() === 'interface' && w.length >= 2)
    return ['interface', canonicalInterface(w.slice(1).join(''))];
  return w.map((x) => x.toLowerCase());
}

/** True when `head` allows `section`: one begins the other, word by word (case aside; `*` allows all). */
export function headAllows(head: string, section: string): boolean {
  if (head.trim() === '*') return true;
  const [a, b] = [words(head), words(section)];
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i]!.toLowerCase() !== b[i]!.toLowerCase()) return false;
  return true;
}

/** True when `router` may change `section` under `scope`. */
export function inScope(scope: Scope, router: string, section: string): boolean {
  return (scope[router] ?? []).some((h) => headAllows(h, section));
}
