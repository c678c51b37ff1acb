/** `show ip protocols`: every routing process, EIGRP (run by dmvpnd) and OSPF/BGP/RIP (run by FRR), IOS layout. */
import type { ProtocolsJson } from '../api/schema/routing.js';
import type { RouterConfig } from '../config/model.js';
import { type EigrpView, eigrpProtocols, eigrpProtocolText } from './eigrp.js';
import { type FrrShowData, frrProtocols, frrProtocolText } from './routing.js';

/** The JSON form: EIGRP first, then the FRR processes. */
export function ipProtocolsJson(
  config: RouterConfig,
  eigrp: EigrpView | undefined,
  frr: FrrShowData | undefined,
): ProtocolsJson {
  return { protocols: [...eigrpProtocols(eigrp), ...frrProtocols(config, frr)] };
}

/** The IOS text. */
export function ipProtocolsText(j: ProtocolsJson): string[] {
  const out = ['*** IP Routing is NSF aware ***', ''];
  for (const p of j.protocols) out.push(...('protocol' in p ? eigrpProtocolText(p) : frrProtocolText(p)));
  return out;
}
