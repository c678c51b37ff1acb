import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { toAscii } from '../../../src/lab/graph/ascii.js';
import { toDot } from '../../../src/lab/graph/dot.js';
import { toMermaid } from '../../../src/lab/graph/mermaid.js';
import { loadGraph, type LabGraph } from '../../../src/lab/graph/model.js';
import { loadTopology } from '../../../src/lab/topology/load.js';
import { netTopology } from '../fixtures/net-topology.js';
import { removeTemps, tempLab } from '../../helpers/lab.js';

after(removeTemps);
const LABS = join(import.meta.dirname, '..', '..', '..', 'labs');
const CLI = join(import.meta.dirname, '..', '..', '..', 'src', 'cli', 'main.ts');
const SHIPPED = ['phase1', 'phase2', 'phase3', 'dual-hub', 'nat'];
const file = (lab: string) => join(LABS, lab, `${lab}.clab.yml`);

/** A small DOT reader: the graph's name, node statements with their attributes, and `a -- b` edges with theirs. */
function readDot(text: string) {
  const head = /^graph "([^"]+)" \{\n/.exec(text);
  assert.ok(head, 'starts with graph "NAME" {');
  assert.ok(text.trimEnd().endsWith('}'), 'ends with }');
  const attrs = (s: string) =>
    Object.fromEntries(
      [...s.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|[\w.]+)/g)].map((m) => [m[1]!, m[2]!.replace(/^"|"$/g, '')]),
    );
  const nodes = new Map<string, Record<string, string>>();
  const edges: Array<{ a: string; b: string; attrs: Record<string, string> }> = [];
  for (const line of text.split('\n').slice(1, -2)) {
    const edge = /^\s*"([^"]+)" -- "([^"]+)" \[(.*)\];$/.exec(line);
    const node = /^\s*"([^"]+)" \[(.*)\];$/.exec(line);
    if (edge) edges.push({ a: edge[1]!, b: edge[2]!, attrs: attrs(edge[3]!) });
    else if (node) nodes.set(node[1]!, attrs(node[2]!));
    else assert.match(line, /^\s*(layout=|node \[)/, `unexpected DOT line: ${line}`);
  }
  return { name: head[1]!, nodes, edges };
}

describe('graph', () => {
  it('derives hub and spoke from the configs, the other kinds from the topology', () => {
    const kinds = Object.fromEntries(loadGraph(file('dual-hub')).nodes.map((n) => [n.name, n.kind]));
    assert.deepEqual(kinds, {
      hub1: 'hub',
      hub2: 'hub',
      spoke1: 'spoke',
      spoke2: 'spoke',
      spoke3: 'spoke',
      host1: 'host',
      host2: 'host',
      host3: 'host',
      inet: 'internet',
    });
    const nat = Object.fromEntries(loadGraph(file('nat')).nodes.map((n) => [n.name, n.kind]));
    assert.equal(nat.nat1, 'nat');
    assert.equal(nat.hub, 'hub');
  });

  for (const lab of SHIPPED) {
    it(`${lab}: every node and every link with its interfaces, in dot, mermaid and ascii`, () => {
      const t = loadTopology(file(lab));
      const g = loadGraph(file(lab));
      const dot = readDot(toDot(g));
      assert.equal(dot.name, t.name);
      assert.deepEqual([...dot.nodes.keys()].sort(), t.nodes.map((n) => n.name).sort());
      for (const n of g.nodes) assert.equal(dot.nodes.get(n.name)!.kind, n.kind);
      assert.equal(dot.edges.length, t.links.length);
      for (const l of t.links) {
        assert.ok(
          dot.edges.some(
            (e) =>
              e.a === l.a.node &&
              e.b === l.b.node &&
              e.attrs.taillabel === l.a.iface &&
              e.attrs.headlabel === l.b.iface,
          ),
          `dot lacks ${l.a.node}:${l.a.iface} -- ${l.b.node}:${l.b.iface}`,
        );
      }
      const mermaid = toMermaid(g);
      const ascii = toAscii(g);
      for (const l of t.links) {
        assert.ok(
          mermaid.includes(
            `n_${l.a.node.replace(/-/g, '_')} ---|"${l.a.iface} — ${l.b.iface}"| n_${l.b.node.replace(/-/g, '_')}`,
          ),
          `mermaid lacks ${l.a.node}-${l.b.node}`,
        );
        const down = `${l.a.iface} ── ${l.b.iface}  ${l.b.node} [`;
        const up = `${l.b.iface} ── ${l.a.iface}  ${l.a.node} [`;
        assert.ok(
          ascii.includes(down) || ascii.includes(up),
          `ascii lacks ${l.a.node}:${l.a.iface} -- ${l.b.node}:${l.b.iface}`,
        );
      }
      for (const n of g.nodes) assert.match(ascii, new RegExp(`${n.name} \\[${n.kind}\\]`));
    });
  }

  it('phase1 as mermaid and ascii (snapshots)', () => {
    const g = loadGraph(file('phase1'));
    assert.equal(
      toMermaid(g),
      `graph LR
  n_hub["hub<br/><i>hub</i>"]
  n_spoke1["spoke1<br/><i>spoke</i>"]
  n_host1["host1<br/><i>host</i>"]
  n_spoke2["spoke2<br/><i>spoke</i>"]
  n_host2["host2<br/><i>host</i>"]
  n_inet(("inet<br/><i>internet</i>"))
  n_hub ---|"GigabitEthernet0/1 — eth1"| n_inet
  n_spoke1 ---|"GigabitEthernet0/1 — eth2"| n_inet
  n_spoke1 ---|"GigabitEthernet0/2 — eth1"| n_host1
  n_spoke2 ---|"GigabitEthernet0/1 — eth3"| n_inet
  n_spoke2 ---|"GigabitEthernet0/2 — eth1"| n_host2
`,
    );
    assert.equal(
      toAscii(g),
      `lab phase1: 6 nodes, 5 links

inet [internet]
├─ eth1 ── GigabitEthernet0/1  hub [hub]
├─ eth2 ── GigabitEthernet0/1  spoke1 [spoke]
│  └─ GigabitEthernet0/2 ── eth1  host1 [host]
└─ eth3 ── GigabitEthernet0/1  spoke2 [spoke]
   └─ GigabitEthernet0/2 ── eth1  host2 [host]
`,
    );
  });

  it('shows a switch, NAT, and links that close a loop', () => {
    const dir = tempLab({ 'net.clab.yml': netTopology('gr') });
    const g = loadGraph(join(dir, 'net.clab.yml'));
    assert.match(toAscii(g), /eth3 ── eth1 {2}sw \[switch\]\n.*└─ eth2 ── eth1 {2}dc \[host\]/);
    const loop: LabGraph = {
      name: 'tri',
      nodes: [
        { name: 'a', kind: 'router' },
        { name: 'b', kind: 'router' },
        { name: 'c', kind: 'router' },
      ],
      links: [
        { a: { node: 'a', iface: 'e1' }, b: { node: 'b', iface: 'e1' } },
        { a: { node: 'b', iface: 'e2' }, b: { node: 'c', iface: 'e1' } },
        { a: { node: 'c', iface: 'e2' }, b: { node: 'a', iface: 'e2' } },
      ],
    };
    assert.match(toAscii(loop), /also linked:\n {2}[abc]:e\d ── [abc]:e\d\n$/);
  });

  it('the CLI writes the chosen format to stdout and refuses an unknown one', async () => {
    const r = await execa(process.execPath, ['--import', 'tsx', CLI, 'graph', file('dual-hub'), '--format', 'dot'], {
      reject: false,
    });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(readDot(`${r.stdout}\n`).edges.length, 8);
    const bad = await execa(process.execPath, ['--import', 'tsx', CLI, 'graph', file('dual-hub'), '--format', 'png'], {
      reject: false,
    });
    assert.equal(bad.exitCode, 2);
    assert.match(bad.stderr, /unknown format "png"/);
  });
});
