/** A lab graph as a Mermaid flowchart (GitHub renders it in Markdown): kind in each node, interfaces on each link. */
import type { LabGraph } from './model.js';

/** A Mermaid node id: letters, digits and underscores only. */
function id(name: string): string {
  return `n_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** Text inside quotes in Mermaid (quotes become #quot;). */
function text(s: string): string {
  return s.replace(/"/g, '#quot;');
}

/** The graph as Mermaid text. */
export function toMermaid(g: LabGraph): string {
  const lines = ['graph LR'];
  for (const n of g.nodes) {
    const label = `"${text(n.name)}<br/><i>${n.kind}</i>"`;
    const shape = n.kind === 'internet' ? `((${label}))` : n.kind === 'switch' ? `[[${label}]]` : `[${label}]`;
    lines.push(`  ${id(n.name)}${shape}`);
  }
  for (const l of g.links) {
    lines.push(`  ${id(l.a.node)} ---|"${text(l.a.iface)} — ${text(l.b.iface)}"| ${id(l.b.node)}`);
  }
  return `${lines.join('\n')}\n`;
}
