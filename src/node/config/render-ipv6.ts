/** `show running-config` lines of the IPv6 overlay: interface `ipv6 …` lines and global `ipv6 …` lines. */
import { IOS_DEFAULTS, type InterfaceConfig, type RouterConfig, type StaticRoute } from './model.js';
import { renderNhrp } from './render.js';

/** An interface's `ipv6 address|enable|mtu` and `ipv6 nhrp` lines. */
export function renderInterfaceIpv6(i: InterfaceConfig): string[] {
  const out: string[] = [];
  const v = i.ipv6;
  if (v?.enabled) out.push(' ipv6 enable');
  if (v?.linkLocal !== undefined) out.push(` ipv6 address ${v.linkLocal.toUpperCase()} link-local`);
  for (const a of v?.addresses ?? []) out.push(` ipv6 address ${a.address.toUpperCase()}/${a.prefixLength}`);
  if (v?.mtu !== undefined) out.push(` ipv6 mtu ${v.mtu}`);
  if (i.nhrp6) out.push(...renderNhrp(i.nhrp6, 'ipv6 nhrp').map(upperIpv6));
  return out;
}

/** `ipv6 unicast-routing` and the `ipv6 route` lines. */
export function renderIpv6Global(config: RouterConfig): string[] {
  const g = config.ipv6;
  if (!g) return [];
  const out: string[] = [];
  if (g.unicastRouting) out.push('ipv6 unicast-routing');
  out.push(...g.routes.map(renderIpv6Route));
  return out.length > 0 ? [...out, '!'] : [];
}

/** One `ipv6 route` line. */
export function renderIpv6Route(r: StaticRoute): string {
  let line = `ipv6 route ${r.prefix.address.toUpperCase()}/${r.prefix.prefixLength}`;
  if (r.interface !== undefined) line += ` ${r.interface}`;
  if (r.nextHop !== undefined) line += ` ${r.nextHop.toUpperCase()}`;
  if (r.distance !== IOS_DEFAULTS.routeDistance) line += ` ${r.distance}`;
  if (r.name !== undefined) line += ` name ${r.name}`;
  if (r.tag !== undefined) line += ` tag ${r.tag}`;
  return line;
}

/** IOS prints IPv6 addresses in upper case: every word with a colon, upper-cased. */
function upperIpv6(line: string): string {
  return line.replace(/\S*:\S*/g, (w) => w.toUpperCase());
}
