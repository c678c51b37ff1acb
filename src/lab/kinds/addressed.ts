/** Checks and setup shared by the kinds whose addresses are written in the topology (internet, nat, host). */
import { inCidr, parseCidr } from '../../wire/ipv4-addr.js';
import type { CheckIssue, TopoNode } from '../topology/types.js';
import { linuxName } from '../topology/ifnames.js';
import type { KindContext, NodeSetup } from './types.js';

/** Every linked interface has an address, every address is on a linked interface, routes go via a connected subnet. */
export function checkAddresses(node: TopoNode, ctx: KindContext): CheckIssue[] {
  const at = ['topology', 'nodes', node.name];
  const issues: CheckIssue[] = [];
  for (const iface of Object.keys(node.interfaces)) {
    if (!ctx.linked.includes(iface)) {
      issues.push({
        path: [...at, 'interfaces', iface],
        message: `${iface} has an address but no link uses "${node.name}:${iface}"`,
      });
    }
  }
  for (const iface of Object.keys(node.ipv6 ?? {})) {
    if (!ctx.linked.includes(iface)) {
      issues.push({
        path: [...at, 'ipv6', iface],
        message: `${iface} has an IPv6 address but no link uses "${node.name}:${iface}"`,
      });
    }
  }
  for (const iface of ctx.linked) {
    if (node.interfaces[iface] === undefined && node.ipv6?.[iface] === undefined) {
      issues.push({
        path: [...at, 'interfaces'],
        message: `${iface} is linked but has no address (add "${iface}: a.b.c.d/len")`,
      });
    }
  }
  node.routes.forEach((r, i) => {
    if (!onConnected(node, r.via)) {
      issues.push({
        path: [...at, 'routes', i, 'via'],
        message: `next hop ${r.via} is not on a subnet of ${node.name}'s interfaces`,
      });
    }
  });
  if (node.gateway !== undefined && !onConnected(node, node.gateway)) {
    issues.push({
      path: [...at, 'gateway'],
      message: `gateway ${node.gateway} is not on a subnet of ${node.name}'s interfaces`,
    });
  }
  return issues;
}

/** The interface whose subnet holds `ip`, or undefined. */
export function onConnected(node: TopoNode, ip: string): string | undefined {
  for (const [iface, text] of Object.entries(node.interfaces)) {
    const c = parseCidr(text);
    if (c && inCidr(ip, c) && c.address !== ip) return iface;
  }
  return undefined;
}

/** `ip -batch` lines for the node's addresses, routes and default route. */
export function addressLines(node: TopoNode): string[] {
  const lines = Object.entries(node.interfaces).map(([iface, a]) => `addr add ${a} dev ${iface}`);
  for (const r of node.routes) lines.push(`route add ${r.dst} via ${r.via}`);
  if (node.gateway !== undefined) lines.push(`route add default via ${node.gateway}`);
  return lines;
}

/**
 * IPv6 on only for a node with IPv6 addresses (`ipv6:`), on those interfaces, without duplicate address
 * detection (usable at once); the IPv6 default route via `ipv6-gateway`.
 */
export function ipv6Setup(node: TopoNode, s: NodeSetup): void {
  if (node.ipv6 === undefined) return;
  for (const k of ['all', 'default', ...Object.keys(node.ipv6)]) {
    s.sysctls[`net/ipv6/conf/${k}/disable_ipv6`] = '0';
    s.sysctls[`net/ipv6/conf/${k}/accept_dad`] = '0';
  }
  for (const [iface, a] of Object.entries(node.ipv6)) s.ip.push(`addr add ${a} dev ${iface} nodad`);
  if (node.ipv6Gateway !== undefined) s.ip.push(`route add ::/0 via ${node.ipv6Gateway}`);
}

/** Interface names for kinds that use Linux names directly (ethN and the like). */
export const linuxIfname = linuxName;
