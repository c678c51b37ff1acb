/** The node kinds, registered by name. */
import type { KindName } from '../topology/schema.js';
import { dmvpnKind } from './dmvpn.js';
import { hostKind } from './host.js';
import { internetKind } from './internet.js';
import { natKind } from './nat.js';
import { switchKind } from './switch.js';
import type { NodeKind } from './types.js';

const kinds: Record<KindName, NodeKind> = {
  dmvpn: dmvpnKind,
  switch: switchKind,
  internet: internetKind,
  nat: natKind,
  host: hostKind,
};

/** The implementation of a kind. */
export function kindOf(name: KindName): NodeKind {
  return kinds[name];
}
