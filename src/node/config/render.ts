/** `show running-config`: a RouterConfig printed back as IOS configuration that parses to the same config. */
import { maskString } from '../../wire/ipv4-addr.js';
import {
  IOS_DEFAULTS,
  modeText,
  type InterfaceConfig,
  type NhrpConfig,
  type RouterConfig,
  type StaticRoute,
} from './model.js';
import { renderAccess, renderVty } from './render-access.js';
import { renderCrypto } from './render-crypto.js';
import { renderEigrp, renderInterfaceEigrp, renderKeyChains } from './render-eigrp.js';
import { renderInterfaceMulticast, renderMulticastRouting, renderPimGlobal } from './render-multicast.js';
import { renderQos } from './render-qos.js';
import { renderInterfaceIpv6, renderIpv6Global } from './render-ipv6.js';
import { renderPrefixLists } from './routing/prefix-list.js';
import { renderRouteMaps } from './routing/route-map.js';
import { renderInterfaceRouting, renderRouting } from './routing/render.js';

/** The config in IOS `show running-config` form. */
export function renderRunningConfig(config: RouterConfig): string {
  const out: string[] = ['!', `hostname ${config.hostname}`, '!'];
  out.push(...renderAccess(config.access));
  const crypto = renderCrypto(config.crypto);
  if (crypto.length > 0) out.push(...crypto, '!');
  out.push(...renderKeyChains(config.keyChains));
  out.push(...renderMulticastRouting(config.multicast));
  out.push(...renderQos(config.qos));
  for (const iface of Object.values(config.interfaces)) out.push(...renderInterface(iface), '!');
  out.push(...renderEigrp(config.eigrp, config.eigrp6));
  out.push(...renderRouting(config.routing));
  const lists = renderPrefixLists(config);
  if (lists.length > 0) out.push(...lists, '!');
  out.push(...renderRouteMaps(config));
  out.push(...renderPimGlobal(config.multicast));
  for (const r of config.routes) out.push(renderRoute(r));
  if (config.routes.length > 0) out.push('!');
  out.push(...renderIpv6Global(config));
  out.push(...renderVty(config.access));
  out.push('end');
  return `${out.join('\n')}\n`;
}

/** The lines of one `interface` block (first line included). */
export function renderInterface(i: InterfaceConfig): string[] {
  const out = [`interface ${i.name}`];
  if (i.description !== undefined) out.push(` description ${i.description}`);
  if (i.addresses.length === 0) out.push(' no ip address');
  for (const a of i.addresses)
    out.push(` ip address ${a.address} ${maskString(a.prefixLength)}${a.secondary ? ' secondary' : ''}`);
  if (i.mtu !== undefined) out.push(` ip mtu ${i.mtu}`);
  out.push(...renderInterfaceEigrp(i));
  if (i.nhrp) out.push(...renderNhrp(i.nhrp));
  if (i.adjustMss !== undefined) out.push(` ip tcp adjust-mss ${i.adjustMss}`);
  if (i.nhrp?.group !== undefined) out.push(` nhrp group ${i.nhrp.group}`);
  out.push(...renderInterfaceIpv6(i));
  for (const g of i.nhrp?.groupPolicies ?? []) out.push(` nhrp map group ${g.group} service-policy output ${g.policy}`);
  out.push(...renderInterfaceRouting(i));
  out.push(...renderInterfaceMulticast(i));
  if (i.shutdown) out.push(' shutdown');
  if (i.servicePolicyOutput !== undefined) out.push(` service-policy output ${i.servicePolicyOutput}`);
  const t = i.tunnel;
  if (t) {
    // IPv6 addresses in upper case, as IOS writes them
    if (t.source)
      out.push(` tunnel source ${t.source.kind === 'interface' ? t.source.name : t.source.address.toUpperCase()}`);
    if (t.destination !== undefined) out.push(` tunnel destination ${t.destination.toUpperCase()}`);
    if (t.mode !== IOS_DEFAULTS.tunnelMode || t.transport !== 4) out.push(` tunnel mode ${modeText(t)}`);
    if (t.key !== undefined) out.push(` tunnel key ${t.key}`);
    if (t.protection)
      out.push(` tunnel protection ipsec profile ${t.protection.profile}${t.protection.shared ? ' shared' : ''}`);
  }
  return out;
}

/** The `ip nhrp …` lines, in the order IOS shows them; defaults are not printed. */
export function renderNhrp(n: NhrpConfig, word = 'ip nhrp'): string[] {
  const out: string[] = [];
  if (n.authentication !== undefined) out.push(` ${word} authentication ${n.authentication}`);
  for (const m of n.maps) {
    const len = m.prefixLength !== undefined ? `/${m.prefixLength}` : '';
    out.push(` ${word} map ${m.protocol}${len} ${m.nbma}`);
  }
  for (const nbma of n.multicastNbma) out.push(` ${word} map multicast ${nbma}`);
  if (n.multicastDynamic) out.push(` ${word} map multicast dynamic`);
  if (n.networkId !== undefined) out.push(` ${word} network-id ${n.networkId}`);
  if (n.holdtime !== IOS_DEFAULTS.nhrpHoldtime) out.push(` ${word} holdtime ${n.holdtime}`);
  for (const s of n.nhs) {
    let line = ` ${word} nhs ${s.address}`;
    if (s.nbma !== undefined) line += ` nbma ${s.nbma}`;
    if (s.multicast) line += ' multicast';
    if (s.priority !== IOS_DEFAULTS.nhsPriority) line += ` priority ${s.priority}`;
    if (s.cluster !== IOS_DEFAULTS.nhsCluster) line += ` cluster ${s.cluster}`;
    out.push(line);
  }
  for (const c of n.clusterMaxConnections)
    out.push(` ${word} nhs cluster ${c.cluster} max-connections ${c.maxConnections}`);
  if (n.registrationTimeout !== undefined) out.push(` ${word} registration timeout ${n.registrationTimeout}`);
  if (n.registrationNoUnique) out.push(` ${word} registration no-unique`);
  const ms = n.maxSend;
  if (ms.count !== IOS_DEFAULTS.maxSend.count || ms.interval !== IOS_DEFAULTS.maxSend.interval) {
    out.push(` ${word} max-send ${ms.count} every ${ms.interval}`);
  }
  if (n.redirect)
    out.push(` ${word} redirect${n.redirectTimeout !== undefined ? ` timeout ${n.redirectTimeout}` : ''}`);
  if (n.shortcut) out.push(` ${word} shortcut`);
  return out;
}

/** One `ip route` line. */
export function renderRoute(r: StaticRoute): string {
  let line = `ip route ${r.prefix.address} ${maskString(r.prefix.prefixLength)}`;
  if (r.interface !== undefined) line += ` ${r.interface}`;
  if (r.nextHop !== undefined) line += ` ${r.nextHop}`;
  if (r.distance !== IOS_DEFAULTS.routeDistance) line += ` ${r.distance}`;
  if (r.name !== undefined) line += ` name ${r.name}`;
  if (r.tag !== undefined) line += ` tag ${r.tag}`;
  if (r.permanent) line += ' permanent';
  if (r.track !== undefined) line += ` track ${r.track}`;
  return line;
}
