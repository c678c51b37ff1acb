/** Checks across lines that IOS accepts but that leave a tunnel or route not working as probably meant. */
import { modeText, type RouterConfig } from './model.js';
import type { ConfigWarning } from './result.js';
import { validateIpv6 } from './validate-ipv6.js';

/** Warnings about the loaded config as a whole (line 0: they are not about one line). */
export function validateConfig(config: RouterConfig, file: string): ConfigWarning[] {
  const out: ConfigWarning[] = [];
  const warn = (code: string, text: string, message: string): void => {
    out.push({ code, file, line: 0, text, message });
  };
  for (const iface of Object.values(config.interfaces)) {
    const t = iface.tunnel;
    const n = iface.nhrp;
    if (!t || !n) continue;
    const where = `interface ${iface.name}`;
    if (iface.addresses.length === 0) warn('TUNNEL_NO_ADDRESS', where, `${iface.name} has no ip address`);
    if (!t.source) warn('TUNNEL_NO_SOURCE', where, `${iface.name} has no tunnel source: it stays down`);
    else if (t.source.kind === 'interface') {
      const src = config.interfaces[t.source.name];
      if (!src) warn('TUNNEL_SOURCE_UNKNOWN', where, `tunnel source ${t.source.name} is not configured`);
      else if (t.transport === 4 && src.addresses.length === 0)
        warn('TUNNEL_SOURCE_NO_ADDRESS', where, `tunnel source ${src.name} has no ip address`);
      else if (t.transport === 6 && (src.ipv6?.addresses.length ?? 0) === 0)
        warn('TUNNEL_SOURCE_NO_ADDRESS', where, `tunnel source ${src.name} has no global ipv6 address`);
    }
    if (t.mode === 'gre-multipoint' && t.destination !== undefined) {
      warn(
        'TUNNEL_MULTIPOINT_DESTINATION',
        where,
        `tunnel destination ${t.destination} is not used in mode gre multipoint`,
      );
    }
    if (t.mode === 'gre-p2p' && t.destination === undefined) {
      warn(
        'TUNNEL_NO_DESTINATION',
        where,
        `${iface.name} is point-to-point (tunnel mode ${modeText(t)}) without a tunnel destination: it stays down`,
      );
    }
    const usesNhrp =
      n.maps.length > 0 ||
      n.nhs.length > 0 ||
      n.multicastDynamic ||
      n.multicastNbma.length > 0 ||
      n.redirect ||
      n.shortcut;
    if (usesNhrp && n.networkId === undefined)
      warn('NHRP_NO_NETWORK_ID', where, `NHRP is off on ${iface.name}: no ip nhrp network-id`);
    for (const nhs of n.nhs) {
      if (nhs.address === 'dynamic' || nhs.nbma !== undefined) continue;
      if (!n.maps.some((m) => m.protocol === nhs.address)) {
        warn(
          'NHRP_NHS_NO_NBMA',
          where,
          `NHS ${nhs.address} has no NBMA address (add 'nbma A.B.C.D' or 'ip nhrp map ${nhs.address} A.B.C.D')`,
        );
      }
    }
  }
  for (const r of config.routes) {
    if (r.interface && r.interface !== 'Null0' && !config.interfaces[r.interface]) {
      warn(
        'ROUTE_INTERFACE_UNKNOWN',
        `ip route ${r.prefix.address}/${r.prefix.prefixLength}`,
        `route via ${r.interface}, which is not configured`,
      );
    }
  }
  out.push(...validateIpv6(config, file));
  return out;
}
