/** Turns a validated topology into a plan: a namespace per node, a veth per link, and each node's setup. */
import { kindOf } from './kinds/index.js';
import type { NodeSetup } from './kinds/types.js';
import { namespaceName, ruleTag } from './paths.js';
import { linkedInterfaces } from './topology/semantic.js';
import type { TopoLink, Topology, TopoNode } from './topology/types.js';
import type { LabInterfaceState } from './state.js';
import type { MgmtPlan } from './mgmt.js';

/** One node to create. */
export interface PlannedNode {
  node: TopoNode;
  namespace: string;
  router: boolean;
  interfaces: LabInterfaceState[];
  setup: NodeSetup;
}

/** Everything to create for a lab, before anything is created. */
export interface LabPlan {
  name: string;
  topology: Topology;
  nodes: PlannedNode[];
  links: TopoLink[];
  /** The management network (netns runtime), set by upLab: it depends on the other labs' subnets. */
  mgmt?: MgmtPlan;
}

/** Plans `topology`: namespaces `dl-<lab>-<node>`, interfaces named as inside the node, iptables rules tagged `dmvpn-lab:<lab>`. */
export function planLab(topology: Topology): LabPlan {
  const { name, links } = topology;
  const nodes = topology.nodes.map((node): PlannedNode => {
    const kind = kindOf(node.kind);
    const linked = linkedInterfaces(node.name, links);
    const setup = kind.setup(node, { topology, linked });
    const interfaces = links.flatMap((l) =>
      [[l.a, l.b] as const, [l.b, l.a] as const]
        .filter(([mine]) => mine.node === node.name)
        .map(([mine, far]) => ({ name: mine.linux, written: mine.iface, peer: `${far.node}:${far.iface}` })),
    );
    setup.ip.push(...interfaces.map((i) => `link set ${i.name} alias ${ruleTag(name)}:${i.peer}`));
    setup.iptables = setup.iptables.map((r) => [...r, '-m', 'comment', '--comment', ruleTag(name)]);
    return { node, namespace: namespaceName(name, node.name), router: kind.router, interfaces, setup };
  });
  return { name, topology, nodes, links };
}
