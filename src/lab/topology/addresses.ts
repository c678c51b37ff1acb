/**
 * Address conflicts found before a lab starts: the same IPv4 address twice on one segment. A segment
 * is what one address must be unique on: the two ends of a link (with every port of a switch joined
 * into one), a DMVPN cloud (tunnel interfaces with the same tunnel key), a router's own loopback.
 * Addresses come from the topology (internet, nat and host interfaces) and from the routers'
 * startup-configs as dmvpnd reads them (`--check-config`: the addresses in force and the line of each),
 * each with the file and line it is written on.
 * The same private address behind two NAT gateways is on two segments and is fine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { parseCidr } from '../../wire/ipv4-addr.js';
import { TopologyError, type TopologyIssue } from '../errors.js';
import { readStartupConfigs, type StartupConfigReport } from '../startup-configs.js';
import { iosToLinux } from './ifnames.js';
import { locate } from './locate.js';
import type { Topology } from './types.js';

/** One address written somewhere: the node and interface it belongs to, where it is written, its segment. */
export interface AddressUse {
  node: string;
  /** The interface as written (IOS name in a config, Linux name in the topology). */
  iface: string;
  address: string;
  prefix: number;
  file: string;
  line: number;
  column: number;
  /** What the address must be unique on, e.g. `link hub:eth1`, `tunnel key 100`. */
  segment: string;
}

/** The routers' startup-configs as dmvpnd reads them, by file (only the files that exist). */
function readConfigs(topology: Topology): Map<string, StartupConfigReport> {
  const files = [...new Set(topology.nodes.flatMap((n) => (n.startupConfig ? [n.startupConfig] : [])))];
  const present = files.filter((f) => existsSync(f)); // a missing startup-config is reported by the topology check
  const reports = readStartupConfigs(present);
  return new Map(present.map((f, i) => [f, reports[i]!]));
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Segments of linked interfaces: `node:linux` -> a name shared by every interface on the same wire or switch. */
function segmentsOf(topology: Topology): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(k, r);
    return r;
  };
  const union = (a: string, b: string): void => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(rb, ra);
  };
  for (const l of topology.links) union(`${l.a.node}:${l.a.linux}`, `${l.b.node}:${l.b.linux}`);
  for (const sw of topology.nodes.filter((n) => n.kind === 'switch')) {
    const ends = topology.links.flatMap((l) => [l.a, l.b].filter((e) => e.node === sw.name));
    const ports = ends.map((e) => `${e.node}:${e.linux}`);
    for (const p of ports.slice(1)) union(ports[0]!, p);
  }
  const names = new Map<string, string>();
  for (const sw of topology.nodes.filter((n) => n.kind === 'switch')) {
    const port = topology.links.flatMap((l) => [l.a, l.b]).find((e) => e.node === sw.name);
    if (port) names.set(find(`${port.node}:${port.linux}`), `switch ${sw.name}`);
  }
  const out = new Map<string, string>();
  for (const k of parent.keys()) out.set(k, names.get(find(k)) ?? `link ${find(k)}`);
  return out;
}

/** Every address the lab's topology and router configs assign, each with where it is written and its segment. */
export function addressUses(topology: Topology, configs = readConfigs(topology)): AddressUse[] {
  const segments = segmentsOf(topology);
  const uses: AddressUse[] = [];
  const text = readText(topology.file);
  const lc = new LineCounter();
  const doc = text === undefined ? undefined : parseDocument(text, { lineCounter: lc });
  for (const node of topology.nodes) {
    for (const [iface, cidr] of Object.entries(node.interfaces)) {
      const c = parseCidr(cidr);
      if (!c) continue;
      const pos = doc ? locate(doc, lc, ['topology', 'nodes', node.name, 'interfaces', iface]) : { line: 1, column: 1 };
      const segment = segments.get(`${node.name}:${iface}`) ?? `interface ${node.name}:${iface}`;
      uses.push({
        node: node.name,
        iface,
        address: c.address,
        prefix: c.prefixLength,
        file: topology.file,
        ...pos,
        segment,
      });
    }
    const report = node.startupConfig === undefined ? undefined : configs.get(node.startupConfig);
    if (report === undefined) continue;
    for (const a of report.addressLines) {
      const i = report.config.interfaces[a.interface];
      if (i === undefined) continue;
      const linux = iosToLinux(i.name);
      const linked = linux !== undefined ? segments.get(`${node.name}:${linux}`) : undefined;
      const key = i.tunnel?.key;
      const segment = linux?.startsWith('tun')
        ? `tunnel ${key === undefined ? 'without a key' : `key ${key}`}`
        : (linked ?? `interface ${node.name}:${i.name}`);
      const { address, prefixLength: prefix, line, column } = a;
      uses.push({ node: node.name, iface: i.name, address, prefix, file: node.startupConfig!, line, column, segment });
    }
  }
  return uses;
}

/** Where a use is written, for messages: `spoke1.cfg:17`. */
function where(u: AddressUse): string {
  return `${u.file.split('/').pop()}:${u.line}`;
}

/**
 * Address conflicts of a lab: every address used a second time on the same segment, reported at the
 * second place it is written and naming the first. Empty when there is none.
 */
export function validateAddresses(topology: Topology, configs = readConfigs(topology)): TopologyIssue[] {
  const first = new Map<string, AddressUse>();
  const issues: TopologyIssue[] = [];
  for (const u of addressUses(topology, configs)) {
    const key = `${u.segment}|${u.address}`;
    const f = first.get(key);
    if (f === undefined) {
      first.set(key, u);
      continue;
    }
    issues.push({
      file: u.file,
      line: u.line,
      column: u.column,
      field: `node ${u.node} interface ${u.iface}`,
      message:
        `address ${u.address} is already ${f.node === u.node ? '' : `${f.node}'s `}address on ${f.iface} ` +
        `(${where(f)}), ` +
        `on the same segment (${u.segment})`,
    });
  }
  return issues;
}

/** Throws a TopologyError listing every address conflict of the lab (see validateAddresses). */
export function assertAddresses(topology: Topology, configs = readConfigs(topology)): void {
  const issues = validateAddresses(topology, configs);
  if (issues.length > 0) throw new TopologyError(topology.file, issues);
}
