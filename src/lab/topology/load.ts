/** Reads a topology file, validates it (schema, then every cross-reference), and returns a Topology or every error at once. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod/v4';
import { LabError, TopologyError } from '../errors.js';
import { IssueList } from './issues.js';
import { linkSchema, mgmtSchema, nameSchema, nodeSchema, type RawNode } from './schema.js';
import type { Topology } from './types.js';
import { checkLinks, mergeNode } from './semantic.js';

/** Options for loading: `name` overrides the lab name in the file (like containerlab's --name). */
export interface LoadOptions {
  name?: string;
}

const shell = z
  .object({
    name: nameSchema,
    mgmt: z.unknown().optional(),
    topology: z
      .object({
        defaults: z.unknown().optional(),
        kinds: z.record(z.enum(['dmvpn', 'switch', 'internet', 'nat', 'host']), z.unknown()).optional(),
        nodes: z.record(z.string(), z.unknown()),
        links: z.array(z.unknown()).optional(),
      })
      .strict(),
  })
  .strict();

/** Reads and validates `file`; throws TOPOLOGY_UNREADABLE or a TopologyError listing every issue. */
export function loadTopology(file: string, opts: LoadOptions = {}): Topology {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new LabError('TOPOLOGY_UNREADABLE', `cannot read topology file ${file}: ${(cause as Error).message}`, {
      cause,
    });
  }
  return parseTopology(text, file, opts);
}

/** Validates topology text; `file` names it in errors and anchors relative paths. */
export function parseTopology(text: string, file: string, opts: LoadOptions = {}): Topology {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const issues = new IssueList(file, doc, lc);
  if (issues.addYamlErrors()) {
    throw new TopologyError(file, issues.sorted());
  }
  const data = doc.toJS() as unknown;
  const top = shell.safeParse(data);
  if (!top.success) issues.addZod([], top.error);
  const raw = (data ?? {}) as {
    name?: unknown;
    topology?: { defaults?: unknown; kinds?: Record<string, unknown>; nodes?: unknown; links?: unknown };
  };
  const t = raw.topology ?? {};

  const part = (path: Array<string | number>, value: unknown): RawNode | undefined => {
    const r = nodeSchema.safeParse(value ?? {});
    if (r.success) return r.data;
    issues.addZod(path, r.error);
    return undefined;
  };
  const defaults = t.defaults === undefined ? {} : (part(['topology', 'defaults'], t.defaults) ?? {});
  const kinds: Record<string, RawNode> = {};
  for (const [k, v] of Object.entries(isObject(t.kinds) ? t.kinds : {}))
    kinds[k] = part(['topology', 'kinds', k], v) ?? {};

  const nodes = new Map<string, RawNode>();
  const broken = new Set<string>();
  for (const [n, v] of Object.entries(isObject(t.nodes) ? t.nodes : {})) {
    const nameOk = nameSchema.safeParse(n);
    if (!nameOk.success) issues.addZod(['topology', 'nodes', n], nameOk.error);
    const node = part(['topology', 'nodes', n], v);
    if (node && nameOk.success) nodes.set(n, node);
    else broken.add(n);
  }
  const links = (Array.isArray(t.links) ? t.links : []).map((l, i) => {
    const ends = (l as { endpoints?: unknown } | null)?.endpoints;
    if (Array.isArray(ends) && ends.length !== 2) {
      issues.add(['topology', 'links', i, 'endpoints'], `a link has exactly two endpoints, found ${ends.length}`);
      return undefined;
    }
    const r = linkSchema.safeParse(l);
    if (!r.success) issues.addZod(['topology', 'links', i], r.error);
    return r.success ? r.data : undefined;
  });

  const base = dirname(resolve(file));
  const merged = [...nodes].flatMap(([n, node]) => {
    const m = mergeNode(n, node, defaults, kinds, base, issues);
    if (!m) broken.add(n);
    return m ? [m] : [];
  });
  let name = typeof raw.name === 'string' ? raw.name : '';
  if (opts.name !== undefined) {
    const r = nameSchema.safeParse(opts.name);
    if (!r.success) throw new LabError('BAD_ARGUMENT', `lab name "${opts.name}": ${r.error.issues[0]?.message}`);
    name = opts.name;
  }
  const topology: Topology = { name, file: resolve(file), nodes: merged, links: [] };
  const mgmt = mgmtSchema.safeParse((data as { mgmt?: unknown } | null)?.mgmt ?? {});
  if (!mgmt.success) issues.addZod(['mgmt'], mgmt.error);
  else
    topology.mgmt = {
      network: mgmt.data.network ?? 'clab',
      ...(mgmt.data['ipv4-subnet'] ? { subnet: mgmt.data['ipv4-subnet'] } : {}),
    };
  topology.links = checkLinks(topology, links, broken, issues);
  if (issues.items.length > 0) throw new TopologyError(file, issues.sorted());
  return topology;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
