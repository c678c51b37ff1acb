/** Kind `host`: a LAN machine with an address and a gateway, to send traffic from. */
import { addressLines, checkAddresses, linuxIfname } from './addressed.js';
import { baseSetup, type NodeKind } from './types.js';

/** The host kind. */
export const hostKind: NodeKind = {
  name: 'host',
  fields: ['interfaces', 'gateway', 'routes'],
  router: false,
  ifname: linuxIfname,
  ifnameHint: 'Linux names (eth1, …)',
  check: (node, ctx) => checkAddresses(node, ctx),
  setup(node, ctx) {
    const s = baseSetup(ctx.linked);
    s.ip.push(...addressLines(node));
    return s;
  },
};
