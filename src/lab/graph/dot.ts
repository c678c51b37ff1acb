/** A lab graph in Graphviz DOT: an undirected graph, one shape per kind, interface names at each link end. */
import type { GraphKind, LabGraph } from './model.js';

const SHAPES: Record<GraphKind, string> = {
  hub: 'doubleoctagon',
  spoke: 'octagon',
  router: 'octagon',
  host: 'box',
  nat: 'trapezium',
  internet: 'ellipse',
  switch: 'box3d',
};

/** A DOT string literal. */
function q(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** The graph as DOT text (`dot -Tsvg` draws it). */
export function toDot(g: LabGraph): string {
  const lines = [`graph ${q(g.name)} {`, '  layout=neato; overlap=false; splines=true;'];
  lines.push('  node [fontname="Helvetica"];');
  for (const n of g.nodes) {
    lines.push(`  ${q(n.name)} [label=${q(`${n.name}\n${n.kind}`)}, shape=${SHAPES[n.kind]}, kind=${q(n.kind)}];`);
  }
  for (const l of g.links) {
    lines.push(`  ${q(l.a.node)} -- ${q(l.b.node)} [taillabel=${q(l.a.iface)}, headlabel=${q(l.b.iface)}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
