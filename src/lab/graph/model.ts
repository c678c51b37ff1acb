/**
 * A lab as a graph: its nodes with their part (hub, spoke, host, nat, internet, switch; a router whose
 * config makes it neither hub nor spoke is `router`) and its links with the interface names as written.
 * Hub and spoke come from the startup-configs, as the checks read them: a router with an NHS is a spoke;
 * one with `ip nhrp map multicast dynamic`, or named as NHS by another, is a hub.
 */
import { existsSync } from 'node:fs';
import { nhrpTunnel, routerFacts } from '../checks/config-facts.js';
import { readStartupConfigs } from '../startup-configs.js';
import { findLab } from '../state.js';
import { loadTopology } from '../topology/load.js';
import type { Topology } from '../topology/types.js';

/** What a node is in the picture. */
export type GraphKind = 'hub' | 'spoke' | 'router' | 'host' | 'nat' | 'internet' | 'switch';

/** One node. */
export interface GraphNode {
  name: string;
  kind: GraphKind;
}

/** One link: each end's node and interface (as written in the topology). */
export interface GraphLink {
  a: { node: string; iface: string };
  b: { node: string; iface: string };
}

/** A lab's graph. */
export interface LabGraph {
  name: string;
  nodes: GraphNode[];
  links: GraphLink[];
}

/** The graph of a loaded topology. */
export function graphOf(t: Topology): LabGraph {
  const routers = t.nodes.filter((n) => n.kind === 'dmvpn' && n.startupConfig && existsSync(n.startupConfig));
  const reports = readStartupConfigs(routers.map((n) => n.startupConfig!));
  const tunnels = new Map(
    routers.flatMap((n, i) => {
      const tunnel = nhrpTunnel(routerFacts(reports[i]!.config));
      return tunnel ? [[n.name, tunnel] as const] : [];
    }),
  );
  const named = new Set([...tunnels.values()].flatMap((x) => x.nhs.map((h) => h.protocol)));
  const kindOf = (name: string, kind: string): GraphKind => {
    if (kind !== 'dmvpn') return kind as GraphKind;
    const tunnel = tunnels.get(name);
    if (!tunnel) return 'router';
    if (tunnel.nhs.length > 0) return 'spoke';
    return tunnel.mapMulticastDynamic || named.has(tunnel.address ?? '') ? 'hub' : 'router';
  };
  return {
    name: t.name,
    nodes: t.nodes.map((n) => ({ name: n.name, kind: kindOf(n.name, n.kind) })),
    links: t.links.map((l) => ({ a: { node: l.a.node, iface: l.a.iface }, b: { node: l.b.node, iface: l.b.iface } })),
  };
}

/** The graph of `labOrFile`: a topology file, else the name of a lab that is up (its topology file). */
export function loadGraph(labOrFile: string): LabGraph {
  if (existsSync(labOrFile)) return graphOf(loadTopology(labOrFile));
  const state = findLab(labOrFile);
  return graphOf(loadTopology(state.topologyFile, { name: state.name }));
}
