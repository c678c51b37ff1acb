/** The multicast lines of `show running-config`: `ip multicast-routing`, `ip pim …`, `ip igmp …`. */
import type { InterfaceConfig } from './model.js';
import type { MulticastConfig } from './multicast-model.js';

/** `ip multicast-routing` (IOS prints it among the first global lines), then `!`. */
export function renderMulticastRouting(m: MulticastConfig | undefined): string[] {
  return m?.routing ? ['ip multicast-routing', '!'] : [];
}

/** `ip pim rp-address …` and `ip pim spt-threshold infinity`, then `!`. */
export function renderPimGlobal(m: MulticastConfig | undefined): string[] {
  if (!m) return [];
  const out = m.rpAddresses.map(
    (r) => `ip pim rp-address ${r.address}${r.acl !== undefined ? ` ${r.acl}` : ''}${r.override ? ' override' : ''}`,
  );
  if (m.sptInfinity) out.push('ip pim spt-threshold infinity');
  return out.length > 0 ? [...out, '!'] : [];
}

/** An interface's `ip pim …` and `ip igmp …` lines, in IOS order. */
export function renderInterfaceMulticast(i: InterfaceConfig): string[] {
  const p = i.pim;
  if (!p) return [];
  const out: string[] = [];
  if (p.nbmaMode) out.push(' ip pim nbma-mode');
  if (p.drPriority !== undefined) out.push(` ip pim dr-priority ${p.drPriority}`);
  if (p.helloInterval !== undefined) out.push(` ip pim query-interval ${p.helloInterval}`);
  if (p.mode !== undefined) out.push(` ip pim ${p.mode}`);
  for (const g of p.joinGroups) out.push(` ip igmp join-group ${g}`);
  if (p.igmpVersion !== undefined) out.push(` ip igmp version ${p.igmpVersion}`);
  return out;
}
