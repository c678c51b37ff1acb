/**
 * Reads a GNS3 project (`.gns3`, JSON): `topology.nodes` (node_id, name, node_type, ports) and
 * `topology.links` (two ends by node_id, adapter_number, port_number). Router configs come from the
 * project folder, `project-files/dynamips|iou/<node_id>/…startup-config.cfg`, or from the node's
 * `properties.startup_config_content`; VPCS hosts from `project-files/vpcs/<node_id>/startup.vpc`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { endpointName, hostAddressing, notIos } from './check.js';
import { ImportError, type ImportIssue } from './errors.js';
import { gns3Kind } from './kinds.js';
import type { ImportedLab, ImportedLink, ImportedNode } from './model.js';
import { labNameOfFile, NodeNames } from './names.js';

interface Gns3Port {
  name?: string;
  adapter_number?: number;
  port_number?: number;
}
interface Gns3Node {
  node_id?: string;
  name?: string;
  node_type?: string;
  ports?: Gns3Port[];
  properties?: { startup_config_content?: string };
}
interface Gns3LinkEnd {
  node_id?: string;
  adapter_number?: number;
  port_number?: number;
}

/** The first file under `dir` (depth ≤ 3) whose name matches `re`. */
function findFile(dir: string, re: RegExp, depth = 3): string | undefined {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return undefined;
  const entries = readdirSync(dir).sort();
  const hit = entries.find((e) => re.test(e) && statSync(join(dir, e)).isFile());
  if (hit) return join(dir, hit);
  if (depth === 0) return undefined;
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) {
      const f = findFile(p, re, depth - 1);
      if (f) return f;
    }
  }
  return undefined;
}

/** The file holding a node's configuration in the project folder, if any. */
function projectFile(base: string, n: Gns3Node): string | undefined {
  const dirs = ['dynamips', 'iou', 'vpcs'].map((t) => join(base, 'project-files', t, n.node_id ?? '-'));
  const re = n.node_type === 'vpcs' ? /^startup\.vpc$/ : /startup-config\.cfg$/;
  for (const d of dirs) {
    const f = findFile(d, re);
    if (f) return f;
  }
  return undefined;
}

/** Reads a GNS3 project file; its folder holds `project-files/`. */
export function readGns3(text: string, file: string): ImportedLab {
  let data: { topology?: { nodes?: unknown; links?: unknown }; type?: unknown };
  try {
    data = JSON.parse(text) as typeof data;
  } catch (cause) {
    throw new ImportError(file, [{ where: '', field: '', message: `not JSON: ${(cause as Error).message}` }]);
  }
  if (!Array.isArray(data?.topology?.nodes))
    throw new ImportError(file, [{ where: '', field: 'topology.nodes', message: 'not a GNS3 project: no node list' }]);
  const base = dirname(resolve(file));
  const issues: ImportIssue[] = [];
  const names = new NodeNames();
  const nodes: ImportedNode[] = [];
  const byId = new Map<string, { node: ImportedNode; raw: Gns3Node; where: string; hostText?: string }>();
  (data.topology.nodes as Gns3Node[]).forEach((raw, i) => {
    const where = `node "${raw?.name ?? '?'}" (${raw?.node_id ?? `topology.nodes[${i}]`})`;
    if (typeof raw?.node_id !== 'string') {
      issues.push({ where, field: 'node_id', message: 'a node needs a node_id (links name nodes by it)' });
      return;
    }
    const type = String(raw.node_type ?? '(none)');
    const m = gns3Kind(type);
    if ('refused' in m) {
      issues.push({ where, field: 'node_type', message: `${type}: ${m.refused}` });
      return;
    }
    const name = names.take(raw.name ?? raw.node_id, `node${i}`);
    const node: ImportedNode = { name, kind: m.kind, source: `${type} ${where}` };
    const f = m.kind === 'switch' ? undefined : projectFile(base, raw);
    const inline = raw.properties?.startup_config_content;
    const text = f ? readFileSync(f, 'utf8') : typeof inline === 'string' ? inline : undefined;
    if (m.kind === 'dmvpn') {
      const why = text ? notIos(text) : undefined;
      if (why) issues.push({ where, field: f ?? 'properties.startup_config_content', message: why });
      const body = text && text.trim() !== '' ? text : `hostname ${name}\n`;
      node.config = { text: body, origin: { file: f ?? resolve(file), firstLine: 1 } };
    }
    nodes.push(node);
    byId.set(raw.node_id, { node, raw, where, ...(text !== undefined ? { hostText: text } : {}) });
  });

  const links: ImportedLink[] = [];
  const linkedOf = new Map<string, Map<string, string>>();
  const rawLinks = Array.isArray(data.topology.links)
    ? (data.topology.links as Array<{ link_id?: string; nodes?: Gns3LinkEnd[] }>)
    : [];
  rawLinks.forEach((l, i) => {
    const where = `link ${l?.link_id ?? `topology.links[${i}]`}`;
    const ends = (Array.isArray(l?.nodes) ? l.nodes : []).map((e, j) => {
      const n = typeof e?.node_id === 'string' ? byId.get(e.node_id) : undefined;
      if (!n) {
        const refused = (data.topology!.nodes as Gns3Node[]).some((x) => x?.node_id === e?.node_id);
        if (!refused)
          issues.push({ where, field: `nodes[${j}].node_id`, message: `no node with id "${String(e?.node_id)}"` });
        return undefined;
      }
      const ports = Array.isArray(n.raw.ports) ? n.raw.ports : [];
      const pos = ports.findIndex((p) => p?.adapter_number === e.adapter_number && p?.port_number === e.port_number);
      const port = ports[pos];
      if (!port) {
        issues.push({
          where,
          field: `nodes[${j}]`,
          message: `${n.where} has no port adapter ${String(e.adapter_number)} port ${String(e.port_number)}`,
        });
        return undefined;
      }
      const label = port.name ?? `eth${pos}`;
      const written = endpointName(n.node.kind, n.node.kind === 'host' ? `eth${pos}` : label, pos);
      if (written === undefined) {
        issues.push({
          where: n.where,
          field: `ports[${pos}]`,
          message: `"${label}" is not an interface a ${n.node.kind} node can run (Ethernet interfaces only)`,
        });
        return undefined;
      }
      if (!linkedOf.has(e.node_id!)) linkedOf.set(e.node_id!, new Map());
      linkedOf.get(e.node_id!)!.set(written, written);
      return { node: n.node.name, iface: written };
    });
    if (ends.length !== 2) {
      issues.push({ where, field: 'nodes', message: `a link has two ends, found ${ends.length}` });
      return;
    }
    if (ends[0] && ends[1]) links.push({ a: ends[0], b: ends[1], source: where });
  });

  for (const [id, { node, where, hostText }] of byId) {
    if (node.kind !== 'host') continue;
    Object.assign(node, hostAddressing(hostText ?? '', linkedOf.get(id) ?? new Map(), where, 'startup.vpc', issues));
  }
  if (issues.length > 0) throw new ImportError(file, issues);
  return { format: 'gns3', file: resolve(file), name: labNameOfFile(file), nodes, links, notes: [] };
}
