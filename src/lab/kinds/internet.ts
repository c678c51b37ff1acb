/**
 * Kind `internet`: a routed core with one link per site; it forwards between its connected subnets only,
 * IPv4 and, on the interfaces given `ipv6:` addresses (an IPv6 NBMA), IPv6.
 */
import { addressLines, checkAddresses, ipv6Setup, linuxIfname } from './addressed.js';
import { baseSetup, type NodeKind } from './types.js';

/** The internet kind. It has no default route: anything it cannot route is dropped inside the lab. */
export const internetKind: NodeKind = {
  name: 'internet',
  fields: ['interfaces', 'routes', 'ipv6'],
  router: false,
  ifname: linuxIfname,
  ifnameHint: 'Linux names (eth1, eth2, …)',
  check: (node, ctx) => checkAddresses(node, ctx),
  setup(node, ctx) {
    const s = baseSetup(ctx.linked);
    s.sysctls['net/ipv4/ip_forward'] = '1';
    s.ip.push(...addressLines(node));
    ipv6Setup(node, s);
    if (node.ipv6 !== undefined) s.sysctls['net/ipv6/conf/all/forwarding'] = '1';
    return s;
  },
};
