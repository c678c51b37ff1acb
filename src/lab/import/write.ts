/**
 * Writes an imported lab in our format: `<lab>.clab.yml` and one `<node>.cfg` per router, each
 * configuration byte for byte as published. Files go to a fresh temp folder first and are loaded
 * back as any topology is; only a lab that loads is copied to its folder, so a failure leaves nothing.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { LabError, TopologyError, type TopologyIssue } from '../errors.js';
import { ImportError } from './errors.js';
import { loadTopology } from '../topology/load.js';
import type { Topology } from '../topology/types.js';
import type { ImportedLab } from './model.js';

/** The topology file's text for an imported lab. */
export function topologyText(lab: ImportedLab): string {
  const nodes: Record<string, Record<string, unknown>> = {};
  for (const n of lab.nodes) {
    const node: Record<string, unknown> = { kind: n.kind };
    if (n.kind === 'dmvpn') node['startup-config'] = `${n.name}.cfg`;
    if (n.kind === 'host' || n.kind === 'nat') {
      node.interfaces = n.interfaces ?? {};
      if (n.gateway !== undefined) node.gateway = n.gateway;
      if (n.ipv6 !== undefined) node.ipv6 = n.ipv6;
      if (n.ipv6Gateway !== undefined) node['ipv6-gateway'] = n.ipv6Gateway;
      if (n.outside !== undefined) node.outside = n.outside;
      if (n.routes !== undefined && n.routes.length > 0) node.routes = n.routes;
    }
    nodes[n.name] = node;
  }
  const links = lab.links.map((l) => ({ endpoints: [`${l.a.node}:${l.a.iface}`, `${l.b.node}:${l.b.iface}`] }));
  const head = [
    `# Imported from ${basename(lab.file)} (${lab.format.toUpperCase()}) by "dmvpn-lab import".`,
    '# Router configurations are the published ones, unchanged; interface names are kept (IOS names).',
  ];
  return `${head.join('\n')}\n${stringify({ name: lab.name, topology: { nodes, links } }, { flowCollectionPadding: true })}`;
}

/** The files of an imported lab, by file name. */
export function labFiles(lab: ImportedLab): Map<string, string> {
  const files = new Map<string, string>([[`${lab.name}.clab.yml`, topologyText(lab)]]);
  for (const n of lab.nodes) {
    if (n.config) files.set(`${n.name}.cfg`, n.config.text.endsWith('\n') ? n.config.text : `${n.config.text}\n`);
  }
  return files;
}

/**
 * Writes the lab into `dir` (created when missing; files of the same name replaced) once it loads as a
 * topology; returns the topology file and the files written. Throws the load error, writing nothing.
 */
export function writeLab(
  lab: ImportedLab,
  dir: string,
  check?: (t: Topology) => void,
): { topologyFile: string; files: string[] } {
  const files = labFiles(lab);
  const tmp = mkdtempSync(join(tmpdir(), 'dmvpn-import-'));
  try {
    for (const [f, text] of files) writeFileSync(join(tmp, f), text);
    try {
      const topology = loadTopology(join(tmp, `${lab.name}.clab.yml`));
      check?.(topology);
    } catch (e) {
      if (!(e instanceof TopologyError)) throw e;
      // What the topology checks find (a host gateway off its subnet, the same address twice on a
      // segment) is a problem of the source lab: name the node, not the temp file.
      const node = (i: TopologyIssue) => /^topology\.nodes\.([^.[]+)/.exec(i.field)?.[1];
      throw new ImportError(
        lab.file,
        e.issues.map((i) => ({
          where: node(i) ? `node "${node(i)}"` : basename(i.file),
          field: i.field.replace(/^topology\.nodes\.[^.[]+\.?/, ''),
          message: `${i.message}${/\.cfg$/.test(i.file) ? ` (${basename(i.file)} line ${i.line})` : ''}`,
        })),
      );
    }
    try {
      mkdirSync(dir, { recursive: true });
      for (const f of files.keys()) copyFileSync(join(tmp, f), join(dir, f));
    } catch (cause) {
      throw new LabError('BAD_ARGUMENT', `cannot write the imported lab to ${dir}: ${(cause as Error).message}`, {
        cause,
        exitCode: 2,
      });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const out = resolve(dir);
  return { topologyFile: join(out, `${lab.name}.clab.yml`), files: [...files.keys()].map((f) => join(out, f)) };
}
