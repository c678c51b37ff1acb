/**
 * The show commands of dmvpnd: pure functions from a ShowState to IOS text or a JSON object.
 *
 *   renderShow('sh dmvpn', state)       → { text } (IOS layout)
 *   renderShow('show dmvpn json', state) → { json } (the documented shape; also `| json`)
 *   renderShow('show dmvpx', state)      → ShowError (code, and `text` with the `^` line)
 *   runShow(line, state)                 → the string to send back: text, JSON, or the error text
 */
import type { InterfaceConfigJson, RunningConfigJson } from '../api/schema/running-config.js';
import { renderInterface, renderRunningConfig } from '../config/render.js';
import { briefJson, briefText } from './brief.js';
import { clockJson, clockText, lastChangeLine } from './clock.js';
import { cryptoMapJson, cryptoMapText, cryptoSocketJson, cryptoSocketText } from './crypto-map.js';
import {
  cryptoSessionJson,
  cryptoSessionText,
  ikev2SaJson,
  ikev2SaText,
  ipsecSaJson,
  ipsecSaText,
  isakmpSaJson,
  isakmpSaText,
} from './crypto.js';
import { dmvpnDetailJson, dmvpnDetailText } from './dmvpn-detail.js';
import { dmvpnJson, dmvpnText } from './dmvpn.js';
import { eigrpInterfacesJson, eigrpNeighborsJson, eigrpText, eigrpTopologyJson, eigrpTrafficJson } from './eigrp.js';
import { ShowError } from './errors.js';
import { lines } from './format.js';
import { loggingJson, loggingText } from './logging.js';
import { nhrpBriefJson, nhrpBriefText } from './nhrp-brief.js';
import { nhrpSummaryJson, nhrpSummaryText } from './nhrp-summary.js';
import { nhrpMulticastJson, nhrpMulticastText } from './nhrp-multicast.js';
import { interfacesJson, interfacesText } from './interfaces.js';
import { allInterfaces } from './link.js';
import { applyFilter, parseShow, type ParsedShow } from '../exec/show-parse.js';
import { nhrpJson, nhrpText } from './nhrp.js';
import { nhsListJson, nhsText } from './nhs.js';
import { routeShow } from './route-show.js';
import * as multicast from './multicast.js';
import { IPV6_ROUTE_WORDS } from './route6.js';
import { ospf6NeighborJson, ospf6NeighborText } from './ospf6.js';
import * as routing from './routing.js';
import type { ShowState } from './state.js';
import { trafficJson, trafficText } from './traffic.js';
import { versionJson, versionText } from './version.js';
import { ipv6ProtocolsJson, ipv6ProtocolsText } from './protocols6.js';
import { dmvpn6Text, ipv6BriefJson, ipv6BriefText, ipv6RouteJson, ipv6RouteText, ipv6Views } from './ipv6.js';
import { ipv6InterfaceJson, ipv6InterfaceText } from './ipv6-interface.js';
import { ripngDatabaseJson, ripngDatabaseText } from './ripng.js';
import { ipProtocolsJson, ipProtocolsText } from './protocols.js';
import { nhrpGroupMapJson, nhrpGroupMapText, policyMapMultipointJson, policyMapMultipointText } from './qos.js';

export { ShowError, type ShowErrorCode } from './errors.js';
export { parseShow, applyFilter, type ParsedShow, type ShowCommandId, type ShowFilter } from '../exec/show-parse.js';
export type {
  LogView,
  ShowState,
  InterfaceState,
  RouteView,
  RouteCode,
  LinkState,
  InterfaceRates,
  EntryView,
  NhrpView,
} from './state.js';
export { iosTime, iosUptimeWords } from './format.js';
export { configRoutes, shortcutRoutes, derivedRoutes } from './route-source.js';
export type { DmvpnJson, DmvpnInterfaceJson, DmvpnPeerJson, DmvpnTargetJson } from './dmvpn.js';
export type { DmvpnDetailJson, DmvpnDetailInterfaceJson, DmvpnCryptoJson } from './dmvpn-detail.js';
export type { NhrpJson, NhrpEntryJson } from './nhrp.js';
export type { NhsListJson, NhsJson } from './nhs.js';
export type { NhrpTrafficJson, NhrpTrafficInterfaceJson } from './traffic.js';
export type { RouteTableJson, RouteJson } from './route.js';
export type { RouteEntryJson, RoutePathJson } from '../api/schema/route.js';
export type { InterfacesJson, InterfaceJson, InterfaceCountersJson } from './interfaces.js';
export type { InterfaceBriefJson, BriefJson } from './brief.js';
export type { VersionJson } from './version.js';
export type {
  NhrpBriefJson,
  NhrpBriefRowJson,
  NhrpSummaryJson,
  NhrpCountsJson,
  NhrpMulticastJson,
  LoggingJson,
  ClockJson,
} from '../api/schema/system.js';

/** What a show command produced. */
export type ShowResult = { text: string } | { json: unknown } | ShowError;

/** Runs one show command line against a state; never throws for a bad command line (returns ShowError). */
export function renderShow(command: string, state: ShowState): ShowResult {
  let cmd: ParsedShow;
  try {
    cmd = parseShow(command, `${state.config.hostname}#`);
  } catch (err) {
    if (err instanceof ShowError) return err;
    throw err;
  }
  const r = render(command, cmd, state);
  if (r instanceof ShowError || 'json' in r) return r;
  return { text: applyFilter(r.text, cmd.filter) };
}

/** The answer as the control socket sends it: IOS text, pretty JSON, or the IOS error text. */
export function runShow(command: string, state: ShowState): string {
  const r = renderShow(command, state);
  if (r instanceof ShowError) return r.output;
  if ('json' in r) return `${JSON.stringify(r.json, null, 2)}\n`;
  return r.text;
}

function render(line: string, cmd: ParsedShow, state: ShowState): ShowResult {
  const out = <T>(json: T, text: (j: T) => string[]): ShowResult => (cmd.json ? { json } : { text: lines(text(json)) });
  const ifaces = allInterfaces(state.config, state.interfaces);
  switch (cmd.id) {
    case 'dmvpn':
      return cmd.detail
        ? out(dmvpnDetailJson(state.config, ifaces), dmvpnDetailText)
        : out(dmvpnJson(ifaces), dmvpnText);
    case 'nhrp':
      return out(nhrpJson(ifaces), (j) => nhrpText(j, cmd.detail));
    case 'nhrpNhs':
      return out(nhsListJson(ifaces), (j) => nhsText(j, cmd.detail));
    case 'nhrpTraffic':
      return out(trafficJson(ifaces), trafficText);
    case 'nhrpBrief':
      return out(nhrpBriefJson(ifaces), nhrpBriefText);
    case 'nhrpSummary':
      return out(nhrpSummaryJson(ifaces), nhrpSummaryText);
    case 'nhrpGroupMap':
      return out(nhrpGroupMapJson(ifaces), nhrpGroupMapText);
    case 'policyMapMultipoint':
      return out(
        policyMapMultipointJson(state.config, ifaces, {
          ...(cmd.interface !== undefined ? { interface: cmd.interface } : {}),
          ...(cmd.address !== undefined ? { nbma: cmd.address } : {}),
        }),
        policyMapMultipointText,
      );
    case 'nhrpMulticast':
      return out(nhrpMulticastJson(ifaces), nhrpMulticastText);
    case 'logging':
      return out(loggingJson(state.log), loggingText);
    case 'cryptoIkev2Sa':
      return out(ikev2SaJson(state.interfaces), ikev2SaText);
    case 'cryptoIsakmpSa':
      return out(isakmpSaJson(state.interfaces), (j) => isakmpSaText(j, cmd.detail));
    case 'cryptoIpsecSa':
      return out(ipsecSaJson(state.interfaces), ipsecSaText);
    case 'cryptoSession':
      return out(cryptoSessionJson(state.interfaces), (j) => cryptoSessionText(j, cmd.detail));
    case 'cryptoSocket':
      return out(cryptoSocketJson(state.interfaces), cryptoSocketText);
    case 'cryptoMap':
      return out(cryptoMapJson(state.config, state.interfaces), cryptoMapText);
    case 'eigrpNeighbors':
      if (cmd.json) return { json: eigrpNeighborsJson(state.eigrp) };
      return { text: eigrpText('neighbors', state.eigrp, false) };
    case 'eigrpTopology':
      if (cmd.json) return { json: eigrpTopologyJson(state.eigrp) };
      return { text: eigrpText('topology', state.eigrp, cmd.detail) };
    case 'eigrpInterfaces':
      if (cmd.json) return { json: eigrpInterfacesJson(state.eigrp) };
      return { text: eigrpText('interfaces', state.eigrp, false) };
    case 'eigrpTraffic':
      if (cmd.json) return { json: eigrpTrafficJson(state.eigrp) };
      return { text: eigrpText('traffic', state.eigrp, false) };
    case 'ipv6EigrpNeighbors':
      if (cmd.json) return { json: eigrpNeighborsJson(state.eigrp6) };
      return { text: eigrpText('neighbors', state.eigrp6, false) };
    case 'ipv6EigrpTopology':
      if (cmd.json) return { json: eigrpTopologyJson(state.eigrp6) };
      return { text: eigrpText('topology', state.eigrp6, cmd.detail) };
    case 'ipv6EigrpInterfaces':
      if (cmd.json) return { json: eigrpInterfacesJson(state.eigrp6) };
      return { text: eigrpText('interfaces', state.eigrp6, false) };
    case 'ipv6EigrpTraffic':
      if (cmd.json) return { json: eigrpTrafficJson(state.eigrp6) };
      return { text: eigrpText('traffic', state.eigrp6, false) };
    case 'ipProtocols':
      return out(ipProtocolsJson(state.config, state.eigrp, state.frr), ipProtocolsText);
    case 'clock':
      return out(clockJson(state.wallClockMs ?? Date.now()), clockText);
    case 'route':
      return routeShow(cmd, state.routes, out);
    case 'ipv6Protocols':
      return out(ipv6ProtocolsJson(state.config, state.frr, state.eigrp6), ipv6ProtocolsText);
    case 'ipv6OspfNeighbor':
      return out(ospf6NeighborJson(state.config, state.frr?.ospf6Neighbors), ospf6NeighborText);
    case 'ipInterfaceBrief':
      return out(briefJson(state.config, ifaces), briefText);
    case 'version':
      return out(versionJson(state.config, state.uptimeSec, state.version), versionText);
    case 'interfaces': {
      const chosen = cmd.interface === undefined ? ifaces : ifaces.filter((i) => i.config.name === cmd.interface);
      if (chosen.length === 0) return noSuchInterface(line, cmd, state);
      return out(interfacesJson(state.config, chosen, state.now), interfacesText);
    }
    case 'ospfNeighbor':
      return out(routing.ospfNeighborJson(state.config, state.frr), routing.ospfNeighborText);
    case 'ospfInterface':
    case 'ospfInterfaceBrief':
      return out(routing.ospfInterfaceJson(state.config, state.frr), (j) =>
        routing.ospfInterfaceText(j, cmd.id === 'ospfInterfaceBrief'),
      );
    case 'bgp':
      return out(routing.bgpTableJson(state.frr), routing.bgpTableText);
    case 'bgpSummary':
      return out(routing.bgpSummaryJson(state.frr), routing.bgpSummaryText);
    case 'bgp6':
      return out(routing.bgpTableJson(state.frr), routing.bgpTableText);
    case 'bgp6Summary':
      return out(routing.bgpSummaryJson(state.frr, 'ipv6'), routing.bgpSummaryText);
    case 'pimNeighbor':
      return out(multicast.pimNeighborJson(state.config, state.frr), multicast.pimNeighborText);
    case 'pimInterface':
      return out(multicast.pimInterfaceJson(state.config, state.frr), multicast.pimInterfaceText);
    case 'mroute':
      return out(multicast.mrouteJson(state.config, state.frr, ifaces, cmd.address), multicast.mrouteText);
    case 'igmpGroups':
      return out(multicast.igmpGroupsJson(state.config, state.frr), multicast.igmpGroupsText);
    case 'ripDatabase':
      return out(routing.ripDatabaseJson(state.config, state.frr), routing.ripDatabaseText);
    case 'dmvpnIpv6':
      return out(dmvpnJson(ipv6Views(ifaces)), dmvpn6Text);
    case 'ipv6Nhrp':
      return out(nhrpJson(ipv6Views(ifaces)), (j) => nhrpText(j, cmd.detail));
    case 'ipv6NhrpBrief':
      return out(nhrpBriefJson(ipv6Views(ifaces)), nhrpBriefText);
    case 'ipv6NhrpNhs':
      return out(nhsListJson(ipv6Views(ifaces)), (j) => nhsText(j, cmd.detail));
    case 'ipv6NhrpTraffic':
      return out(trafficJson(ipv6Views(ifaces)), trafficText);
    case 'ipv6Route': {
      const codes = cmd.routeKeyword === undefined ? undefined : IPV6_ROUTE_WORDS[cmd.routeKeyword];
      const routes = (state.routes6 ?? []).filter((r) => codes === undefined || codes.includes(r.code));
      return out(ipv6RouteJson(routes), ipv6RouteText);
    }
    case 'ipv6InterfaceBrief':
      return out(ipv6BriefJson(state.config, ifaces), ipv6BriefText);
    case 'ipv6RipDatabase':
      return out(ripngDatabaseJson(state.config, state.frr), ripngDatabaseText);
    case 'ipv6Interface': {
      const j = ipv6InterfaceJson(state.config, ifaces, cmd.interface);
      if (cmd.interface !== undefined && j.interfaces.length === 0) return noSuchInterface(line, cmd, state);
      return out(j, ipv6InterfaceText);
    }
    case 'runningConfig': {
      if (cmd.interface === undefined) {
        const last = state.lastConfigChange;
        if (cmd.json) {
          const lastChange = last && { at: new Date(last.atMs).toISOString(), agoMs: last.agoMs };
          return {
            json: {
              ...structuredClone(state.config),
              ...(lastChange ? { lastChange } : {}),
            } satisfies RunningConfigJson,
          };
        }
        return { text: building(renderRunningConfig(state.config), last?.atMs) };
      }
      const iface = state.config.interfaces[cmd.interface];
      if (!iface) return noSuchInterface(line, cmd, state);
      if (cmd.json) return { json: structuredClone(iface) satisfies InterfaceConfigJson };
      return { text: building(`!\n${renderInterface(iface).join('\n')}\nend\n`) };
    }
  }
}

/** IOS's header above `show running-config`. */
function building(config: string, lastChangeMs?: number): string {
  const last = lastChangeMs === undefined ? '' : `!\n${lastChangeLine(lastChangeMs)}\n`;
  return `Building configuration...\n\nCurrent configuration : ${Buffer.byteLength(config)} bytes\n${last}${config}`;
}

function noSuchInterface(line: string, cmd: ParsedShow, state: ShowState): ShowError {
  return new ShowError(
    'SHOW_INVALID_INPUT',
    line,
    cmd.interfaceColumn ?? 0,
    `no interface ${cmd.interface}`,
    `${state.config.hostname}#`,
  );
}
