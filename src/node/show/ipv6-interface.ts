/**
 * `show ipv6 interface [NAME]`: each interface with IPv6 on (or the one named), IOS layout — status, link-local and
 * global addresses with their subnets, the groups joined, and the IPv6 MTU (`ipv6 mtu`, else the IPv4 MTU, which is
 * what the data plane and the kernel apply).
 */
import type { Ipv6InterfaceJson } from '../api/schema/ipv6.js';
import { ipv6MtuOf } from '../config/derive.js';
import type { RouterConfig } from '../config/model.js';
import { networkOf6, solicitedNode6 } from '../../wire/ipv6-addr.js';
import { linkStatus } from './link.js';
import type { InterfaceState } from './state.js';

const up = (a: string): string => a.toUpperCase();

/** Whether IPv6 is on: an address, a link-local address or `ipv6 enable`. */
function ipv6On(s: InterfaceState): boolean {
  const v = s.config.ipv6;
  return v !== undefined && (v.addresses.length > 0 || v.linkLocal !== undefined || v.enabled);
}

/** `show ipv6 interface [NAME] json`; `name` picks one interface (listed even with IPv6 off, as IOS does). */
export function ipv6InterfaceJson(config: RouterConfig, states: InterfaceState[], name?: string): Ipv6InterfaceJson {
  const chosen = name === undefined ? states.filter(ipv6On) : states.filter((s) => s.config.name === name);
  return {
    interfaces: chosen.map((s) => {
      const link = linkStatus(config, s);
      const v = s.config.ipv6;
      const linkLocal = s.linkLocal6 ?? v?.linkLocal ?? null;
      const addresses = (v?.addresses ?? []).map((a) => ({
        address: a.address,
        prefixLength: a.prefixLength,
        subnet: `${networkOf6(a.address, a.prefixLength)}/${a.prefixLength}`,
      }));
      const groups = ['ff02::1', ...(config.ipv6?.unicastRouting ? ['ff02::2'] : [])];
      for (const a of [...addresses.map((x) => x.address), ...(linkLocal ? [linkLocal] : [])]) {
        const g = solicitedNode6(a);
        if (g !== undefined && !groups.includes(g)) groups.push(g);
      }
      return {
        name: s.config.name,
        status: link.status,
        protocol: link.protocol,
        linkLocal: ipv6On(s) ? linkLocal : null,
        addresses,
        joinedGroups: ipv6On(s) ? groups : [],
        mtu: ipv6MtuOf(s.config),
        mtuConfigured: v?.mtu !== undefined,
      };
    }),
  };
}

/** `show ipv6 interface` text, IOS layout. */
export function ipv6InterfaceText(j: Ipv6InterfaceJson): string[] {
  const out: string[] = [];
  for (const i of j.interfaces) {
    out.push(`${i.name} is ${i.status}, line protocol is ${i.protocol}`);
    if (i.linkLocal === null && i.addresses.length === 0) {
      out.push('  IPv6 is not enabled');
      continue;
    }
    out.push(`  IPv6 is enabled, link-local address is ${i.linkLocal === null ? 'not known yet' : up(i.linkLocal)}`);
    out.push('  No Virtual link-local address(es):');
    if (i.addresses.length === 0) out.push('  No global unicast address is configured');
    else out.push('  Global unicast address(es):');
    for (const a of i.addresses) out.push(`    ${up(a.address)}, subnet is ${up(a.subnet)}`);
    out.push('  Joined group address(es):', ...i.joinedGroups.map((g) => `    ${up(g)}`));
    out.push(
      `  MTU is ${i.mtu} bytes`,
      '  ICMP error messages limited to one every 100 milliseconds',
      '  ICMP redirects are enabled',
      '  ICMP unreachables are sent',
      '  ND DAD is not supported',
      '  ND reachable time is 30000 milliseconds (using 30000)',
      '  ND NS retransmit interval is 1000 milliseconds',
    );
  }
  return out;
}
