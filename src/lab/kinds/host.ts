/** Kind `host`: a LAN machine with an address and a gateway, to send traffic from. */
import { addressLines, checkAddresses, ipv6Setup, linuxIfname } from './addressed.js';
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
    ipv6Setup(node, s);
    return s;
  },
};
