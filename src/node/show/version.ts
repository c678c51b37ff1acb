/** `show version`: what runs, since when, and the interfaces it has; and its JSON form. */
import type { RouterConfig } from '../config/model.js';
import { iosUptimeWords } from './format.js';
import type { VersionJson } from '../api/schema/interfaces.js';

export type { VersionJson };

/** dmvpnd's version when the router does not give one. */
export const DEFAULT_VERSION = '0.1.0';

/** `show version` as JSON. */
export function versionJson(config: RouterConfig, uptimeSec: number, version = DEFAULT_VERSION): VersionJson {
  const all = Object.values(config.interfaces);
  const count = (k: string) => all.filter((i) => i.kind === k).length;
  return {
    software: 'dmvpnd',
    version,
    hostname: config.hostname,
    uptimeSec: Math.max(0, Math.floor(uptimeSec)),
    interfaces: { ethernet: count('ethernet'), loopback: count('loopback'), tunnel: count('tunnel') },
  };
}

const plural = (n: number, what: string) => `${n} ${what} interface${n === 1 ? '' : 's'}`;

/** `show version` text. */
export function versionText(v: VersionJson): string[] {
  const out = [
    `dmvpnd DMVPN router (mGRE and NHRP in user space), Version ${v.version}`,
    'Configured in Cisco IOS syntax (the DMVPN subset of IOS 15)',
    '',
    `${v.hostname} uptime is ${iosUptimeWords(v.uptimeSec)}`,
    'System image file is "dmvpnd"',
    '',
  ];
  if (v.interfaces.ethernet > 0) out.push(plural(v.interfaces.ethernet, 'Ethernet'));
  if (v.interfaces.loopback > 0) out.push(plural(v.interfaces.loopback, 'Loopback'));
  if (v.interfaces.tunnel > 0) out.push(plural(v.interfaces.tunnel, 'Tunnel'));
  return out;
}
