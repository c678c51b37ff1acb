/**
 * The labs screen's list: the labs shipped in `labs/`, any topology named on the command line, and every
 * lab in the registry (up, or being created), each with its node counts and runtime.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { listLabs } from '../lab/state.js';
import type { LabEntry, LabInfo, NodeInfo } from './model.js';
import type { LabState } from '../lab/state.js';

/** The `labs/` folder of this package (next to src/ and dist/). */
export function shippedLabsDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'labs');
}

/** Topology files under `dir/<lab>/*.clab.yml`. */
export function topologyFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(dir, d.name))
        .filter((f) => f.endsWith('.clab.yml'))
        .map((f) => join(dir, d.name, f)),
    )
    .sort();
}

/** The entry of a topology file (its name and node counts), or undefined when it does not parse. */
export function fileEntry(file: string): LabEntry | undefined {
  try {
    const doc = parse(readFileSync(file, 'utf8')) as {
      name?: unknown;
      topology?: { nodes?: Record<string, { kind?: string }> };
    };
    if (typeof doc?.name !== 'string') return undefined;
    const nodes = Object.values(doc.topology?.nodes ?? {});
    return {
      name: doc.name,
      file: resolve(file),
      up: false,
      nodes: nodes.length,
      routers: nodes.filter((n) => n?.kind === 'dmvpn').length,
      steps: [],
    };
  } catch {
    return undefined;
  }
}

/** The entry of a lab that is up. */
export function stateEntry(s: LabState): LabEntry {
  return {
    name: s.name,
    file: s.topologyFile,
    up: s.phase === 'up',
    nodes: s.nodes.length,
    routers: s.nodes.filter((n) => n.control).length,
    runtime: s.runtime,
    createdAt: s.createdAt,
    steps: [],
  };
}

/** Every lab to list: registry labs first, then files (shipped and `extra`) whose lab is not up. */
export function listEntries(extra: string[] = []): LabEntry[] {
  const up = listLabs().map(stateEntry);
  const names = new Set(up.map((l) => l.name));
  const files = [...extra, ...topologyFiles(shippedLabsDir())];
  const seen = new Set<string>();
  const down = files.flatMap((f) => {
    const e = fileEntry(f);
    if (!e || names.has(e.name) || seen.has(e.name)) return [];
    seen.add(e.name);
    return [e];
  });
  return [...up.sort((a, b) => a.name.localeCompare(b.name)), ...down];
}

/** The open lab as the screens need it. */
export function labInfo(s: LabState): LabInfo {
  const nodes: NodeInfo[] = s.nodes.map((n) => ({
    name: n.name,
    kind: n.kind,
    peers: n.interfaces.map((i) => i.peer),
    router: n.control !== undefined,
  }));
  return { name: s.name, runtime: s.runtime, labDir: s.labDir, createdAt: s.createdAt, nodes };
}
