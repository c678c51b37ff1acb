/** Kind `switch`: a flat L2 segment (CML's unmanaged switch): a bridge in its own namespace, every link a port. */
import { linuxName } from '../topology/ifnames.js';
import { baseSetup, type NodeKind } from './types.js';

/** The bridge's name inside the switch's namespace. */
export const BRIDGE = 'br0';

/** The switch kind. */
export const switchKind: NodeKind = {
  name: 'switch',
  fields: [],
  router: false,
  ifname: (name) => (name === BRIDGE ? undefined : linuxName(name)),
  ifnameHint: 'any Linux interface name except br0 (eth1, port1, …)',
  check(node, ctx) {
    if (ctx.linked.length > 0) return [];
    return [{ path: ['topology', 'nodes', node.name], message: 'a switch with no links joins nothing' }];
  },
  setup(_node, ctx) {
    const s = baseSetup([]);
    s.ip.push(`link add ${BRIDGE} type bridge`);
    for (const port of ctx.linked) s.ip.push(`link set ${port} master ${BRIDGE}`, `link set ${port} up`);
    s.ip.push(`link set ${BRIDGE} up`);
    return s;
  },
};
