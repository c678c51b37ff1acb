/** Whole-config checks of the IPv6 overlay, the counterparts of validate.ts's `ip nhrp` checks. */
import type { RouterConfig } from './model.js';
import type { ConfigWarning } from './result.js';

/** Warnings about the `ipv6 nhrp` settings of each tunnel (line 0: not about one line). */
export function validateIpv6(config: RouterConfig, file: string): ConfigWarning[] {
  const out: ConfigWarning[] = [];
  const warn = (code: string, text: string, message: string): void => {
    out.push({ code, file, line: 0, text, message });
  };
  for (const iface of Object.values(config.interfaces)) {
    const n = iface.nhrp6;
    if (!iface.tunnel || !n) continue;
    const where = `interface ${iface.name}`;
    const usesNhrp = n.maps.length > 0 || n.nhs.length > 0 || n.multicastDynamic || n.multicastNbma.length > 0;
    if ((usesNhrp || n.redirect || n.shortcut) && n.networkId === undefined)
      warn('NHRP6_NO_NETWORK_ID', where, `IPv6 NHRP is off on ${iface.name}: no ipv6 nhrp network-id`);
    if (n.networkId !== undefined && (iface.ipv6?.addresses.length ?? 0) === 0)
      warn('NHRP6_NO_ADDRESS', where, `${iface.name} has ipv6 nhrp but no global ipv6 address to register`);
    for (const nhs of n.nhs) {
      if (nhs.address === 'dynamic' || nhs.nbma !== undefined) continue;
      if (!n.maps.some((m) => m.protocol === nhs.address)) {
        warn(
          'NHRP6_NHS_NO_NBMA',
          where,
          `NHS ${nhs.address} has no NBMA address (add 'nbma A.B.C.D' or 'ipv6 nhrp map ${nhs.address}/LEN A.B.C.D')`,
        );
      }
    }
  }
  return out;
}
