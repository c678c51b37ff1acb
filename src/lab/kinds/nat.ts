/** Kind `nat`: a gateway that masquerades its inside segments behind its outside address (iptables, in its namespace). */
import { networkOf, parseCidr } from '../../wire/ipv4-addr.js';
import type { TopoNode } from '../topology/types.js';
import { addressLines, checkAddresses, linuxIfname, onConnected } from './addressed.js';
import { baseSetup, type NodeKind } from './types.js';

/** The outside interface: `outside` if given, else the one on the gateway's subnet. */
export function outsideOf(node: TopoNode): string | undefined {
  return node.outside ?? (node.gateway === undefined ? undefined : onConnected(node, node.gateway));
}

/** The nat kind. Its rules live in its own namespace, so deleting the namespace deletes them. */
export const natKind: NodeKind = {
  name: 'nat',
  fields: ['interfaces', 'gateway', 'outside', 'routes'],
  router: false,
  ifname: linuxIfname,
  ifnameHint: 'Linux names (eth1, eth2, …)',
  check(node, ctx) {
    const at = ['topology', 'nodes', node.name];
    const issues = checkAddresses(node, ctx);
    if (node.gateway === undefined)
      issues.push({ path: at, message: 'a nat gateway needs `gateway` (the next hop on its outside segment)' });
    const out = outsideOf(node);
    if (node.outside !== undefined && node.interfaces[node.outside] === undefined) {
      issues.push({
        path: [...at, 'outside'],
        message: `outside interface ${node.outside} has no address in interfaces`,
      });
    } else if (out !== undefined && Object.keys(node.interfaces).length < 2) {
      issues.push({
        path: [...at, 'interfaces'],
        message: 'a nat gateway needs an inside interface besides its outside one',
      });
    }
    return issues;
  },
  setup(node, ctx) {
    const s = baseSetup(ctx.linked);
    s.sysctls['net/ipv4/ip_forward'] = '1';
    s.ip.push(...addressLines(node));
    const out = outsideOf(node)!;
    for (const [iface, text] of Object.entries(node.interfaces)) {
      if (iface === out) continue;
      const c = parseCidr(text)!;
      const inside = `${networkOf(c.address, c.prefixLength)}/${c.prefixLength}`;
      s.iptables.push(['-t', 'nat', '-A', 'POSTROUTING', '-s', inside, '-o', out, '-j', 'MASQUERADE']);
    }
    // GRE from outside that matches no mapping is addressed to the gateway itself: drop it before
    // conntrack confirms an entry for it. Such an entry (peer -> outside address) would take the
    // tuple that the inside spoke's own GRE to that peer needs once masqueraded, and the spoke's
    // packets would be dropped until it timed out: two spokes behind NAT answering each other's
    // Resolution Requests at the same moment could then never reach each other. A home or branch
    // NAT router keeps no state for such packets either.
    s.iptables.push(['-A', 'INPUT', '-i', out, '-p', 'gre', '-j', 'DROP']);
    return s;
  },
};
