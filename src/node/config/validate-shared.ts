/**
 * Protected tunnels on one tunnel source (IOS "Sharing IPsec with Tunnel Protection", dual cloud): every such tunnel
 * needs `tunnel protection ipsec profile P shared` with the same P, or IKE and ESP of one reach the other (on IOS:
 * SAs on the wrong SA database, duplicate SAs, flapping tunnels). Reported at the `tunnel protection` line.
 */
import { resolveTunnelSource } from './derive.js';
import type { RouterConfig } from './model.js';
import type { ConfigWarning } from './result.js';

/** Where a `tunnel protection` line stands: its interface, line number and text. */
export interface ProtectionLine {
  interface: string;
  line: number;
  text: string;
}

/** Warnings for tunnels sharing a source without `shared`, or with different profiles; at their protection line. */
export function sharedProtectionWarnings(
  config: RouterConfig,
  file: string,
  lines: readonly ProtectionLine[],
): ConfigWarning[] {
  const out: ConfigWarning[] = [];
  const tunnels = Object.values(config.interfaces).filter((i) => i.tunnel?.protection);
  for (const [n, l] of lines.entries()) {
    if (lines.slice(n + 1).some((x) => x.interface === l.interface)) continue; // a later line replaced it
    const iface = config.interfaces[l.interface];
    const p = iface?.tunnel?.protection;
    if (!iface || !p) continue;
    const source = resolveTunnelSource(config, iface).address;
    if (source === undefined) continue;
    const others = tunnels.filter((o) => o !== iface && resolveTunnelSource(config, o).address === source);
    if (others.length === 0) continue;
    const names = others.map((o) => o.name).join(', ');
    const at = { file, line: l.line, text: l.text };
    if (!p.shared)
      out.push({
        ...at,
        code: 'TUNNEL_PROTECTION_NOT_SHARED',
        message:
          `${iface.name} and ${names} are protected on the same tunnel source ${source}: add the keyword shared ` +
          `(tunnel protection ipsec profile ${p.profile} shared), or their IPsec SAs may attach to the wrong tunnel`,
      });
    const differ = others.filter((o) => o.tunnel!.protection!.profile !== p.profile);
    if (p.shared && differ.length > 0)
      out.push({
        ...at,
        code: 'TUNNEL_PROTECTION_PROFILE_DIFFERS',
        message:
          `${iface.name} shares tunnel source ${source} with ${differ.map((o) => o.name).join(', ')}, whose IPsec ` +
          `profile is not ${p.profile}: tunnels sharing a source need one profile to share its SAs`,
      });
  }
  return out;
}
