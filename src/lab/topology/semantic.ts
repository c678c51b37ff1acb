/** Checks a topology beyond its schema: defaults merged, links point at real interfaces, each kind's own rules. */
import { resolve } from 'node:path';
import { kindOf } from '../kinds/index.js';
import type { IssueList } from './issues.js';
import type { RawNode } from './schema.js';
import type { Endpoint, TopoLink, Topology, TopoNode } from './types.js';

const COMMON_FIELDS = ['kind', 'env', 'labels', 'image'];

/** Merges defaults and kind defaults into a node; reports a missing kind and fields that do not apply. */
export function mergeNode(
  name: string,
  node: RawNode,
  defaults: RawNode,
  kinds: Record<string, RawNode>,
  base: string,
  issues: IssueList,
): TopoNode | undefined {
  const at = ['topology', 'nodes', name];
  const kindName = node.kind ?? defaults.kind;
  if (kindName === undefined) {
    issues.add(at, `node "${name}" has no kind (one of dmvpn, switch, internet, nat, host)`);
    return undefined;
  }
  const kind = kindOf(kindName);
  for (const field of Object.keys(node)) {
    if (!COMMON_FIELDS.includes(field) && !kind.fields.includes(field)) {
      issues.add([...at, field], `"${field}" does not apply to a ${kindName} node`);
    }
  }
  const k = kinds[kindName] ?? {};
  const m = { ...defaults, ...k, ...node };
  return {
    name,
    kind: kindName,
    startupConfig: m['startup-config'] === undefined ? undefined : resolve(base, m['startup-config']),
    env: { ...defaults.env, ...k.env, ...node.env },
    labels: { ...defaults.labels, ...k.labels, ...node.labels },
    image: m.image,
    interfaces: node.interfaces ?? {},
    gateway: node.gateway,
    ...(node.ipv6 !== undefined ? { ipv6: node.ipv6 } : {}),
    ...(node['ipv6-gateway'] !== undefined ? { ipv6Gateway: node['ipv6-gateway'] } : {}),
    outside: node.outside,
    routes: node.routes ?? [],
    ...(m['mgmt-ipv4'] !== undefined ? { mgmtIpv4: m['mgmt-ipv4'] } : {}),
  };
}

/** Resolves link endpoints to Linux interface names, then runs each kind's checks; returns the good links. */
export function checkLinks(
  topology: Topology,
  raw: Array<{ endpoints: [string, string]; labels?: Record<string, string> } | undefined>,
  broken: Set<string>,
  issues: IssueList,
): TopoLink[] {
  const byName = new Map(topology.nodes.map((n) => [n.name, n]));
  const used = new Map<string, number>();
  const links: TopoLink[] = [];
  raw.forEach((l, index) => {
    if (!l) return;
    const ends = l.endpoints.map((text, j) => endpoint(text, ['topology', 'links', index, 'endpoints', j]));
    if (ends[0] && ends[1] && ends[0].node === ends[1].node) {
      issues.add(
        ['topology', 'links', index, 'endpoints'],
        `a link joins two different nodes; both ends are on "${ends[0].node}"`,
      );
      return;
    }
    if (ends[0] && ends[1]) links.push({ index, a: ends[0], b: ends[1], labels: l.labels ?? {} });
  });

  function endpoint(text: string, path: Array<string | number>): Endpoint | undefined {
    const [nodeName = '', iface = ''] = text.split(':');
    const node = byName.get(nodeName);
    if (!node) {
      if (!broken.has(nodeName)) {
        const all = [...byName.keys(), ...broken].sort();
        issues.add(path, `unknown node "${nodeName}" (nodes: ${all.join(', ') || 'none'})`);
      }
      return undefined;
    }
    const kind = kindOf(node.kind);
    const linux = kind.ifname(iface);
    if (linux === undefined) {
      issues.add(path, `"${iface}" is not an interface name for a ${node.kind} node: expected ${kind.ifnameHint}`);
      return undefined;
    }
    const key = `${nodeName}:${linux}`;
    const first = used.get(key);
    if (first !== undefined) {
      issues.add(path, `${nodeName}:${iface} is already used by topology.links[${first}]`);
      return undefined;
    }
    used.set(key, Number(path[2]));
    return { node: nodeName, iface, linux };
  }

  for (const node of topology.nodes) {
    const linked = linkedInterfaces(node.name, links);
    for (const issue of kindOf(node.kind).check(node, { topology: { ...topology, links }, linked })) {
      issues.add(issue.path, issue.message);
    }
  }
  return links;
}

/** Linux names of a node's linked interfaces, in link order. */
export function linkedInterfaces(node: string, links: TopoLink[]): string[] {
  return links.flatMap((l) => [l.a, l.b].filter((e) => e.node === node).map((e) => e.linux));
}
