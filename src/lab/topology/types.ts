/** A validated topology: defaults merged, paths resolved, interface names mapped to Linux names. */
import type { KindName } from './schema.js';

/** One node after `topology.defaults` and `topology.kinds.<kind>` are merged into it. */
export interface TopoNode {
  name: string;
  kind: KindName;
  /** Absolute path of the IOS startup-config (dmvpn). */
  startupConfig?: string;
  env: Record<string, string>;
  labels: Record<string, string>;
  image?: string;
  /** Linux interface name -> address/prefix (internet, nat, host). */
  interfaces: Record<string, string>;
  gateway?: string;
  /** host: Linux interface name -> IPv6 address/prefix, and the IPv6 default gateway. */
  ipv6?: Record<string, string>;
  ipv6Gateway?: string;
  outside?: string;
  routes: Array<{ dst: string; via: string }>;
  /** dmvpn: the management address asked for (`mgmt-ipv4`). */
  mgmtIpv4?: string;
}

/** One end of a link: the name as written and the Linux name inside the node. */
export interface Endpoint {
  node: string;
  iface: string;
  linux: string;
}

/** A point-to-point link (a veth pair) between two nodes. */
export interface TopoLink {
  index: number;
  a: Endpoint;
  b: Endpoint;
  labels: Record<string, string>;
}

/** A topology ready to plan: every node and link checked. */
export interface Topology {
  name: string;
  /** Absolute path of the topology file. */
  file: string;
  nodes: TopoNode[];
  links: TopoLink[];
  /** The `mgmt` block: network name and subnet (absent subnet: the default, see lab/mgmt.ts). */
  mgmt?: { network: string; subnet?: string };
}

/** A problem found by a semantic check, located by its field path in the file. */
export interface CheckIssue {
  path: Array<string | number>;
  message: string;
}
