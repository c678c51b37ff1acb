/** The node-kind interface: one file per kind (containerlab style) implements it. */
import type { KindName } from '../topology/schema.js';
import type { CheckIssue, Topology, TopoNode } from '../topology/types.js';

/** What a runtime applies inside a node once its links exist. */
export interface NodeSetup {
  /** /proc/sys/ paths (e.g. `net/ipv4/ip_forward`) and their values. */
  sysctls: Record<string, string>;
  /** `ip -batch` lines, run in order. */
  ip: string[];
  /** iptables argument lists (each gets a `dmvpn-lab:<lab>` comment from the kind). */
  iptables: string[][];
}

/** What a kind is told about the node it sets up. */
export interface KindContext {
  topology: Topology;
  /** Linux names of the node's linked interfaces, in link order. */
  linked: string[];
}

/** A node kind: how its interface names read, what it checks, and what it sets up. */
export interface NodeKind {
  readonly name: KindName;
  /** Fields a node of this kind may set (beyond kind, env, labels, image). */
  readonly fields: readonly string[];
  /** True when the node runs a dmvpnd router process. */
  readonly router: boolean;
  /** Maps an endpoint interface name to the Linux name inside the node; undefined when not valid here. */
  ifname(name: string): string | undefined;
  /** Says which interface names are valid, for error messages. */
  readonly ifnameHint: string;
  /** Semantic checks beyond the schema; paths are absolute in the file. */
  check(node: TopoNode, ctx: KindContext): CheckIssue[];
  /** Kernel configuration of the node. */
  setup(node: TopoNode, ctx: KindContext): NodeSetup;
}

/** The setup every node gets: lo and its links up, no IPv6 (clean captures), no reverse-path filter. */
export function baseSetup(linked: string[]): NodeSetup {
  return {
    sysctls: {
      'net/ipv6/conf/all/disable_ipv6': '1',
      'net/ipv6/conf/default/disable_ipv6': '1',
      'net/ipv4/conf/all/rp_filter': '0',
      'net/ipv4/conf/default/rp_filter': '0',
    },
    ip: ['link set lo up', ...linked.map((i) => `link set ${i} up`)],
    iptables: [],
  };
}
