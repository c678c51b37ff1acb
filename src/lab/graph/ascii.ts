/**
 * A lab graph as a text tree for the terminal: from the node with the most links, each neighbour
 * indented under the node it hangs off, with the interfaces of the link between them; links that
 * close a loop are listed after the tree.
 *
 *   inet [internet]
 *   ├─ eth1 ── GigabitEthernet0/1  hub1 [hub]
 *   └─ eth3 ── GigabitEthernet0/1  spoke1 [spoke]
 *      └─ GigabitEthernet0/2 ── eth1  host1 [host]
 */
import type { GraphLink, LabGraph } from './model.js';

/** A link seen from one of its nodes. */
interface Neighbour {
  link: GraphLink;
  mine: string;
  far: string;
  farIface: string;
}

/** The graph as a text tree. */
export function toAscii(g: LabGraph): string {
  const kind = new Map(g.nodes.map((n) => [n.name, n.kind]));
  const links = new Map<string, Neighbour[]>(g.nodes.map((n) => [n.name, []]));
  for (const l of g.links) {
    links.get(l.a.node)?.push({ link: l, mine: l.a.iface, far: l.b.node, farIface: l.b.iface });
    links.get(l.b.node)?.push({ link: l, mine: l.b.iface, far: l.a.node, farIface: l.a.iface });
  }
  const seen = new Set<string>();
  const used = new Set<GraphLink>();
  const out = [`lab ${g.name}: ${g.nodes.length} nodes, ${g.links.length} links`, ''];
  const walk = (node: string, prefix: string): void => {
    const next = links.get(node)!.filter((x) => !used.has(x.link) && !seen.has(x.far));
    for (const x of next) seen.add(x.far);
    next.forEach((x, i) => {
      used.add(x.link);
      const last = i === next.length - 1;
      out.push(`${prefix}${last ? '└─' : '├─'} ${x.mine} ── ${x.farIface}  ${x.far} [${kind.get(x.far)}]`);
      walk(x.far, `${prefix}${last ? '   ' : '│  '}`);
    });
  };
  const byDegree = [...g.nodes].sort((a, b) => links.get(b.name)!.length - links.get(a.name)!.length);
  for (const root of byDegree) {
    if (seen.has(root.name)) continue;
    seen.add(root.name);
    out.push(`${root.name} [${root.kind}]`);
    walk(root.name, '');
  }
  const loops = g.links.filter((l) => !used.has(l));
  if (loops.length > 0) {
    out.push('', 'also linked:', ...loops.map((l) => `  ${l.a.node}:${l.a.iface} ── ${l.b.node}:${l.b.iface}`));
  }
  return `${out.join('\n')}\n`;
}
