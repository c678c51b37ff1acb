/** Kind `host`: a LAN machine with an address and a gateway, to send traffic from. */
import { addressLines, checkAddresses, linuxIfname } from './addressed.js';
import { baseSetup, type NodeKind } from './types.js';

/** The host kind. */
export const hostKind: NodeKind = {
  name: 'host',
  fields: ['interfaces', 'gateway', 'routes', 'ipv6', 'ipv6-gateway'],
  router: false,
  ifname: linuxIfname,
  ifnameHint: 'Linux names (eth1, …)',
  check: (node, ctx) => checkAddresses(node, ctx),
  setup(node, ctx) {
    const s = baseSetup(ctx.linked);
    s.ip.push(...addressLines(node));
    // IPv6 on only for a host with IPv6 addresses (no duplicate address detection: usable at once)
    if (node.ipv6 !== undefined) {
      for (const k of ['all', 'default', ...Object.keys(node.ipv6)]) {
        s.sysctls[`net/ipv6/conf/${k}/disable_ipv6`] = '0';
        s.sysctls[`net/ipv6/conf/${k}/accept_dad`] = '0';
      }
      for (const [iface, a] of Object.entries(node.ipv6)) s.ip.push(`addr add ${a} dev ${iface} nodad`);
      if (node.ipv6Gateway !== undefined) s.ip.push(`route add ::/0 via ${node.ipv6Gateway}`);
    }
    return s;
  },
};
