/**
 * `export --format containerlab`: a lab as a topology containerlab deploys as it is. Every node is
 * `kind: linux` running the dmvpn-node image with `network-mode: none` (no management network, so no
 * path out of the lab); its setup script and router config are bound in, and the image's entry script
 * (dmvpn-node) waits for the links containerlab adds, applies the setup and starts dmvpnd.
 */
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { Document, isScalar, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import { planLab, type PlannedNode } from '../plan.js';
import { nodeImage } from '../runtime/docker-client.js';
import { setupScript } from '../runtime/netns.js';
import { loadTopology } from '../topology/load.js';
import type { Topology } from '../topology/types.js';

/** Where the image's entry script looks for a node's files. */
export const CONTAINER_SETUP = '/etc/dmvpn/setup.sh';
/** The router config path inside the container. */
export const CONTAINER_CONFIG = '/etc/dmvpn/startup-config.cfg';
/** The router's control socket inside the container (for `dmvpnd ctl`). */
export const CONTAINER_CONTROL = '/run/dmvpnd.sock';

/** One file the export writes next to the topology. */
export interface ExportFile {
  /** Path relative to the output topology's folder. */
  path: string;
  /** Text to write, or a file to copy. */
  text?: string;
  copyFrom?: string;
  mode?: number;
}

/** A containerlab topology and the node files it binds. */
export interface ContainerlabExport {
  yaml: string;
  files: ExportFile[];
}

function nodeEntry(n: PlannedNode, image: string, files: ExportFile[]): Record<string, unknown> {
  const name = n.node.name;
  const binds = [`${name}/setup.sh:${CONTAINER_SETUP}:ro`];
  files.push({
    path: `${name}/setup.sh`,
    text: `#!/bin/sh\n# ${name} (${n.node.kind}): applied by dmvpn-node once its links exist\n${setupScript(n)}\n`,
    mode: 0o755,
  });
  if (n.router && n.node.startupConfig) {
    binds.push(`${name}/startup-config.cfg:${CONTAINER_CONFIG}:ro`);
    files.push({ path: `${name}/startup-config.cfg`, copyFrom: n.node.startupConfig });
  }
  const env: Record<string, string> = {
    ...n.node.env,
    DMVPN_IFACES: n.interfaces.map((i) => i.name).join(' '),
    DMVPN_NAME: name,
  };
  const entry: Record<string, unknown> = {};
  if ((n.node.image ?? image) !== image) entry.image = n.node.image;
  entry.labels = { 'dmvpn-lab.kind': n.node.kind };
  entry.env = env;
  entry.binds = binds;
  return entry;
}

/** Builds the containerlab topology of `topology` (nodes run `image`). */
export function containerlabExport(
  topology: Topology,
  image = nodeImage(),
  sourceNote = basename(topology.file),
): ContainerlabExport {
  const plan = planLab(topology);
  const files: ExportFile[] = [];
  const nodes = Object.fromEntries(plan.nodes.map((n) => [n.node.name, nodeEntry(n, image, files)]));
  const links = plan.links.map((l) => ({ endpoints: [`${l.a.node}:${l.a.linux}`, `${l.b.node}:${l.b.linux}`] }));
  const doc = {
    name: topology.name,
    topology: { defaults: { kind: 'linux', image, 'network-mode': 'none' }, nodes, links },
  };
  const header = [
    '# yaml-language-server: $schema=https://raw.githubusercontent.com/srl-labs/containerlab/main/schemas/clab.schema.json',
    `# Lab ${topology.name}, exported by "dmvpn-lab export --format containerlab" from ${sourceNote}.`,
    `# Every node runs ${image} (make image builds it) with no management network: the links below are its only interfaces.`,
    '# Deploy: sudo containerlab deploy -t <this file>; a router: docker exec clab-<lab>-<node> dmvpnd ctl /run/dmvpnd.sock show dmvpn',
  ];
  const yaml = new Document(doc);
  // Endpoints in containerlab's usual flow style: ["a:eth1", "b:eth1"].
  for (const link of (yaml.getIn(['topology', 'links']) as YAMLSeq<YAMLMap>).items) {
    const endpoints = link.get('endpoints', true);
    if (!isSeq(endpoints)) continue;
    endpoints.flow = true;
    for (const e of endpoints.items) if (isScalar(e)) e.type = 'QUOTE_DOUBLE';
  }
  return { yaml: `${header.join('\n')}\n${yaml.toString({ lineWidth: 0 })}`, files };
}

/** Where `export` writes when no -o is given: `<name>-containerlab/<name>.clab.yml` in the current folder. */
export function defaultExportPath(name: string): string {
  return resolve(`${name}-containerlab`, `${name}.clab.yml`);
}

/** Reads `file`, writes the containerlab topology to `out` (a .clab.yml path, or a folder) with its node files; returns what it wrote. */
export function writeContainerlabExport(
  file: string,
  opts: { out?: string; image?: string } = {},
): { topology: string; files: string[] } {
  const topology = loadTopology(file);
  let out = opts.out === undefined ? defaultExportPath(topology.name) : resolve(opts.out);
  if (!/\.ya?ml$/.test(out)) out = join(out, `${topology.name}.clab.yml`);
  const dir = dirname(out);
  const rel = relative(process.cwd(), topology.file);
  const result = containerlabExport(topology, opts.image ?? nodeImage(), rel.startsWith('..') ? topology.file : rel);
  const written: string[] = [];
  for (const f of result.files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    if (f.copyFrom !== undefined) copyFileSync(f.copyFrom, path);
    else writeFileSync(path, f.text ?? '');
    if (f.mode !== undefined) chmodSync(path, f.mode);
    written.push(path);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(out, result.yaml);
  return { topology: out, files: written };
}
