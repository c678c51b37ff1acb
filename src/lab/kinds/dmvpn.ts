/** Kind `dmvpn`: a router running dmvpnd with its IOS startup-config; the router sets its own addresses. */
import { existsSync } from 'node:fs';
import { iosToLinux } from '../topology/ifnames.js';
import { baseSetup, type NodeKind } from './types.js';

/** The dmvpn router kind; its process is started by src/lab/router.ts. */
export const dmvpnKind: NodeKind = {
  name: 'dmvpn',
  fields: ['startup-config'],
  router: true,
  ifname: (name) => {
    const l = iosToLinux(name);
    return l && /^eth\d+$/.test(l) ? l : undefined;
  },
  ifnameHint: 'GigabitEthernet0/N, GigabitEthernetN, Ethernet S/P (or Gi0/N, ethN)',
  check(node) {
    const at = ['topology', 'nodes', node.name];
    if (node.startupConfig === undefined) {
      return [
        {
          path: [...at, 'startup-config'],
          message: 'a dmvpn router needs a startup-config (its IOS configuration file)',
        },
      ];
    }
    if (!existsSync(node.startupConfig)) {
      return [{ path: [...at, 'startup-config'], message: `startup-config not found: ${node.startupConfig}` }];
    }
    return [];
  },
  setup(_node, ctx) {
    const s = baseSetup(ctx.linked);
    s.sysctls['net/ipv4/ip_forward'] = '1';
    return s;
  },
};
