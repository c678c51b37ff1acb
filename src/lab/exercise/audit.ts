/**
 * Before a grade: is the exercise's lab the one the task handed out? Every router must answer on its
 * control socket (else the lab is down), the nodes and links must be those of the exercise's topology,
 * and each router's running configuration (`show running-config json`) may differ from its starting
 * configuration (`dmvpnd --check-config --json` of the exercise's own file) only in the sections the
 * exercise's scope allows. Anything else is "modified beyond the task", and the lab is not graded.
 */
import { statSync } from 'node:fs';
import type { RunningConfigJson } from '../../node/api/index.js';
import { controlJson } from '../../node/api/index.js';
import { readStartupConfigs } from '../startup-configs.js';
import type { LabState } from '../state.js';
import { diffConfigs } from './config-sections.js';
import type { Modification } from './errors.js';
import type { Exercise } from './load.js';
import { inScope } from './scope.js';

/** What the audit found: routers that do not answer, and changes beyond the task. */
export interface LabAudit {
  down: Array<{ node: string; why: string }>;
  modifications: Modification[];
  /** The running configurations read, by router (for the grade to reuse). */
  configs: Record<string, RunningConfigJson>;
}

const startingCache = new Map<string, { mtimeMs: number; config: RunningConfigJson }>();

/** The starting configuration of each router of the exercise, as dmvpnd reads its file (cached by mtime). */
export function startingConfigs(ex: Exercise): Record<string, RunningConfigJson> {
  const routers = ex.topology.nodes.filter((n) => n.kind === 'dmvpn' && n.startupConfig !== undefined);
  const stale = routers.filter((n) => {
    const c = startingCache.get(n.startupConfig!);
    return c === undefined || c.mtimeMs !== statSync(n.startupConfig!).mtimeMs;
  });
  if (stale.length > 0) {
    const reports = readStartupConfigs(stale.map((n) => n.startupConfig!));
    stale.forEach((n, i) =>
      startingCache.set(n.startupConfig!, { mtimeMs: statSync(n.startupConfig!).mtimeMs, config: reports[i]!.config }),
    );
  }
  return Object.fromEntries(routers.map((n) => [n.name, startingCache.get(n.startupConfig!)!.config]));
}

const linkKey = (a: string, b: string) => [a, b].sort().join(' — ');

/** The nodes and links of `state` that are not those of the exercise's topology. */
export function topologyChanges(ex: Exercise, state: Pick<LabState, 'nodes' | 'links'>): Modification[] {
  const out: Modification[] = [];
  const want = new Map(ex.topology.nodes.map((n) => [n.name, n.kind as string]));
  const have = new Map(state.nodes.map((n) => [n.name, n.kind]));
  for (const [n, kind] of have) {
    if (!want.has(n)) out.push({ node: n, what: `node added (${kind})` });
    else if (want.get(n) !== kind) out.push({ node: n, what: `kind changed from ${want.get(n)} to ${kind}` });
  }
  for (const n of want.keys()) if (!have.has(n)) out.push({ node: n, what: 'node removed' });
  const wantLinks = new Set(
    ex.topology.links.map((l) => linkKey(`${l.a.node}:${l.a.iface}`, `${l.b.node}:${l.b.iface}`)),
  );
  const haveLinks = new Set(state.links.map((l) => linkKey(l.a, l.b)));
  for (const l of haveLinks) if (!wantLinks.has(l)) out.push({ node: l.split(':')[0]!, what: `link added: ${l}` });
  for (const l of wantLinks) if (!haveLinks.has(l)) out.push({ node: l.split(':')[0]!, what: `link removed: ${l}` });
  return out;
}

/** The configuration changes of each router beyond the exercise's scope. */
export function configChanges(
  ex: Exercise,
  starting: Record<string, RunningConfigJson>,
  running: Record<string, RunningConfigJson>,
): Modification[] {
  const out: Modification[] = [];
  for (const [node, now] of Object.entries(running)) {
    const before = starting[node];
    if (!before) continue;
    for (const c of diffConfigs(before, now)) {
      if (inScope(ex.scope, node, c.section)) continue;
      const details = c.details.length > 0 ? ` (${c.details.join('; ')})` : '';
      out.push({ node, what: `${c.section} ${c.change}${details}` });
    }
  }
  return out;
}

/** Audits the running lab `state` of exercise `ex`. */
export async function auditLab(ex: Exercise, state: LabState, timeoutMs = 5000): Promise<LabAudit> {
  const routers = state.nodes.filter((n) => n.control !== undefined);
  const down: LabAudit['down'] = [];
  const read = await Promise.all(
    routers.map((n) =>
      controlJson(n.control!, 'show running-config', timeoutMs).then(
        (c) => c as RunningConfigJson,
        (e: Error) => e,
      ),
    ),
  );
  // in the lab's node order, so messages read the same each time
  const configs: Record<string, RunningConfigJson> = {};
  routers.forEach((n, i) => {
    const r = read[i]!;
    if (r instanceof Error) down.push({ node: n.name, why: r.message.split('\n')[0]! });
    else configs[n.name] = r;
  });
  const modifications = [...topologyChanges(ex, state), ...configChanges(ex, startingConfigs(ex), configs)];
  return { down, modifications, configs };
}

/** `modified beyond the task: spoke1 interface GigabitEthernet0/1 changed (…); …`. */
export function modifiedMessage(ex: Exercise, mods: Modification[]): string {
  const allowed = Object.entries(ex.scope)
    .map(([r, heads]) => `${r}: ${heads.join(', ')}`)
    .join('; ');
  const lines = mods.map((m) => `  ${m.node} ${m.what}`);
  return [
    `modified beyond the task: ${mods.map((m) => `${m.node} ${m.what.split(' (')[0]}`).join('; ')}`,
    ...lines,
    `  the task allows changes to ${allowed || 'nothing'}; "dmvpn-lab exercise reset" starts again`,
  ].join('\n');
}
