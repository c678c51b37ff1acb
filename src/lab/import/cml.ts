/**
 * Reads a Cisco Modeling Labs 2.x lab (YAML, schema versions 0.x): `nodes` (id, label,
 * node_definition, configuration as a string or a list of {name, content}, interfaces) and `links`
 * (n1/i1 to n2/i2 by id). Every problem is collected; any one refuses the file.
 */
import { resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, Scalar } from 'yaml';
import { endpointName, hostAddressing, notIos } from './check.js';
import { ImportError, type ImportIssue } from './errors.js';
import { cmlKind } from './kinds.js';
import type { ImportedLab, ImportedLink, ImportedNode } from './model.js';
import { labNameOfFile, NodeNames } from './names.js';
import { natRouter } from './nat-router.js';

interface CmlInterface {
  id?: string;
  label?: string;
  slot?: number;
  type?: string;
}
interface CmlNode {
  id?: string;
  label?: string;
  node_definition?: string;
  configuration?: unknown;
  interfaces?: CmlInterface[];
}
interface CmlLink {
  id?: string;
  n1?: string;
  n2?: string;
  i1?: string;
  i2?: string;
}

/** True when `text` looks like a CML lab: top-level `nodes` and `links` lists and no `topology`. */
export function looksLikeCml(text: string): boolean {
  return /^nodes:/m.test(text) && /^links:/m.test(text) && !/^topology:/m.test(text);
}

/** The configuration text of a node and the position of its first line in the file. */
function configOf(
  doc: Document,
  lc: LineCounter,
  index: number,
  value: unknown,
): { text: string; firstLine: number } | undefined | 'bad' {
  if (value === null || value === undefined) return undefined;
  let path: unknown[] = ['nodes', index, 'configuration'];
  let text: string;
  if (typeof value === 'string') text = value;
  else if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    const files = value as Array<{ name?: unknown; content?: unknown }>;
    let i = files.findIndex((f) => typeof f?.name === 'string' && /config/i.test(f.name));
    if (i < 0) i = 0;
    if (typeof files[i]?.content !== 'string') return 'bad';
    text = files[i]!.content as string;
    path = [...path, i, 'content'];
  } else return 'bad';
  const node = doc.getIn(path, true);
  let firstLine = 1;
  if (isScalar(node) && node.range) {
    const at = lc.linePos(node.range[0]).line;
    const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
    firstLine = block ? at + 1 : at;
  }
  return { text, firstLine };
}

/**
 * Makes a router whose configuration only does NAT (./nat-router.ts) a `nat` node, its interfaces
 * named as its links' ends will be; false (the node unchanged) when it is not one.
 */
function asNatGateway(node: ImportedNode, raw: CmlNode): boolean {
  const nat = natRouter(node.config!.text);
  if (!nat) return false;
  const ifs = Array.isArray(raw.interfaces) ? raw.interfaces : [];
  const written = (ios: string): string | undefined => {
    const pos = ifs.findIndex((x) => x?.label === ios);
    return pos < 0 ? undefined : endpointName('nat', ios, ifs[pos]!.slot ?? pos);
  };
  const names = Object.keys(nat.interfaces).map(written);
  const outside = written(nat.outside);
  if (names.some((n) => n === undefined) || outside === undefined) return false;
  node.kind = 'nat';
  node.interfaces = Object.fromEntries(Object.values(nat.interfaces).map((a, i) => [names[i]!, a]));
  node.outside = outside;
  node.gateway = nat.gateway;
  if (nat.routes.length > 0) node.routes = nat.routes;
  delete node.config;
  return true;
}

/** Reads CML text; `file` names it in messages and in the configs' origins. */
export function readCml(text: string, file: string): ImportedLab {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const issues: ImportIssue[] = [];
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new ImportError(file, [{ where: '', field: `line ${lc.linePos(e.pos[0]).line}`, message: e.message }]);
  }
  const data = doc.toJS() as { nodes?: unknown; links?: unknown; lab?: { version?: unknown } } | null;
  if (!isMap(doc.contents) || !isSeq(doc.getIn(['nodes'], true)))
    throw new ImportError(file, [{ where: '', field: 'nodes', message: 'not a CML lab: expected a list of nodes' }]);
  const version = data?.lab?.version;
  if (version !== undefined && !/^0\.\d+\.\d+$/.test(String(version))) {
    throw new ImportError(file, [
      {
        where: '',
        field: 'lab.version',
        message: `CML schema version ${String(version)} is not one this reads (0.x, CML 2.x)`,
      },
    ]);
  }
  const nodes = (data?.nodes ?? []) as CmlNode[];
  const links = (Array.isArray(data?.links) ? data.links : []) as CmlLink[];
  const names = new NodeNames();
  const out: ImportedNode[] = [];
  const notes: string[] = [];
  const byId = new Map<string, { node: ImportedNode; raw: CmlNode; where: string; index: number }>();

  nodes.forEach((raw, index) => {
    const where = `node "${raw?.label ?? '?'}" (${raw?.id ?? `nodes[${index}]`})`;
    if (typeof raw?.id !== 'string') {
      issues.push({ where, field: 'id', message: 'a node needs an id (links name nodes by id)' });
      return;
    }
    const definition = typeof raw.node_definition === 'string' ? raw.node_definition : '';
    const m = cmlKind(definition || '(none)');
    if ('refused' in m) {
      issues.push({ where, field: 'node_definition', message: `${definition || '(none)'}: ${m.refused}` });
      return;
    }
    const name = names.take(raw.label ?? raw.id, raw.id);
    const node: ImportedNode = { name, kind: m.kind, source: `${definition} ${where}` };
    if (m.note !== undefined) notes.push(`${name} (${definition}) ${m.note}`);
    if (m.kind === 'dmvpn') {
      const c = configOf(doc, lc, index, raw.configuration);
      if (c === 'bad') {
        issues.push({ where, field: 'configuration', message: 'expected a string or a list of {name, content}' });
        return;
      }
      const why = c ? notIos(c.text) : undefined;
      if (why) issues.push({ where, field: 'configuration', message: why });
      const body = c && c.text.trim() !== '' ? c.text : `hostname ${name}\n`;
      node.config = { text: body, origin: { file, firstLine: c?.firstLine ?? 1 } };
      if (asNatGateway(node, raw))
        notes.push(`${name} (${definition}) runs as a nat node: its configuration only does NAT`);
    }
    out.push(node);
    byId.set(raw.id, { node, raw, where, index });
  });

  const imported: ImportedLink[] = [];
  const ifnames = new Map<string, string>(); // `${nodeId}:${ifaceId}` -> name written
  links.forEach((l, i) => {
    const where = `link ${l?.id ?? `links[${i}]`}`;
    const ends = (['1', '2'] as const).map((k) => {
      const nodeId = l?.[`n${k}`];
      const ifId = l?.[`i${k}`];
      const n = typeof nodeId === 'string' ? byId.get(nodeId) : undefined;
      if (!n) {
        const refused = nodes.some((x) => x?.id === nodeId);
        if (!refused) issues.push({ where, field: `n${k}`, message: `no node with id "${String(nodeId)}"` });
        return undefined;
      }
      const ifs = Array.isArray(n.raw.interfaces) ? n.raw.interfaces : [];
      const pos = ifs.findIndex((x) => x?.id === ifId);
      const iface = ifs[pos];
      if (!iface) {
        const have = ifs.map((x) => x?.id).join(', ') || 'none';
        issues.push({
          where,
          field: `i${k}`,
          message: `${n.where} has no interface "${String(ifId)}" (it has ${have})`,
        });
        return undefined;
      }
      const label = iface.label ?? String(ifId);
      const written = endpointName(n.node.kind, label, iface.slot ?? pos);
      if (written === undefined) {
        issues.push({
          where: n.where,
          field: `interfaces.${String(ifId)}`,
          message: `"${label}" is not an interface a ${n.node.kind} node can run (Ethernet interfaces only)`,
        });
        return undefined;
      }
      ifnames.set(`${nodeId}:${label}`, written);
      return { node: n.node.name, iface: written };
    });
    if (ends[0] && ends[1]) imported.push({ a: ends[0], b: ends[1], source: where });
  });

  for (const { node, raw, where } of byId.values()) {
    if (node.kind !== 'host') continue;
    const linked = new Map(
      [...ifnames].filter(([k]) => k.startsWith(`${raw.id}:`)).map(([k, v]) => [k.split(':')[1]!, v]),
    );
    const c = configOf(doc, lc, byId.get(raw.id!)!.index, raw.configuration);
    const text = typeof c === 'object' ? c.text : '';
    Object.assign(node, hostAddressing(text, linked, where, 'configuration', issues));
  }
  if (issues.length > 0) throw new ImportError(file, issues);
  return { format: 'cml', file: resolve(file), name: labNameOfFile(file), nodes: out, links: imported, notes };
}
