/**
 * The address and gateway of a lab host, read from the shell lines a course lab boots it with (CML
 * server/desktop/alpine boot scripts, GNS3 VPCS startup.vpc): `ip address add A/L dev IF`,
 * `ifconfig IF A netmask M`, `ip route add default via G`, `route add default gw G`, VPCS `ip A/L G`.
 */
import { lengthOfMaskString, parseCidr } from '../../wire/ipv4-addr.js';

/** What a host's boot lines say. */
export interface HostAddressing {
  /** Interface (as written) -> address/prefix. */
  interfaces: Record<string, string>;
  gateway?: string;
}

function cidr(address: string, prefix: number | undefined): string | undefined {
  if (prefix === undefined) return undefined;
  const text = `${address}/${prefix}`;
  return parseCidr(text) ? text : undefined;
}

/** Reads the addressing lines of a host's boot script; `defaultIface` names VPCS's single interface. */
export function readHostAddressing(text: string, defaultIface = 'eth0'): HostAddressing {
  const out: HostAddressing = { interfaces: {} };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    let m = /^(?:sudo\s+)?ip\s+(?:-4\s+)?a(?:ddr(?:ess)?)?\s+add\s+(\S+)\/(\d+)\s+.*?dev\s+(\S+)/.exec(line);
    if (m) {
      const c = cidr(m[1]!, Number(m[2]));
      if (c) out.interfaces[m[3]!] = c;
      continue;
    }
    m = /^(?:sudo\s+)?ifconfig\s+(\S+)\s+(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?(?:\s+netmask\s+(\S+))?/.exec(line);
    if (m) {
      const c = cidr(m[2]!, m[3] !== undefined ? Number(m[3]) : lengthOfMaskString(m[4] ?? '255.255.255.0'));
      if (c) out.interfaces[m[1]!] = c;
      continue;
    }
    m = /^(?:sudo\s+)?(?:ip\s+route\s+add\s+default\s+via|route\s+add\s+default\s+gw)\s+(\d+\.\d+\.\d+\.\d+)/.exec(
      line,
    );
    if (m) {
      out.gateway = m[1]!;
      continue;
    }
    // VPCS: `ip 10.1.1.10/24 10.1.1.1` or `ip 10.1.1.10 255.255.255.0 10.1.1.1`
    m = /^ip\s+(\d+\.\d+\.\d+\.\d+)(?:\/(\d+)|\s+(\d+\.\d+\.\d+\.\d+))?(?:\s+(\d+\.\d+\.\d+\.\d+))?\s*$/.exec(line);
    if (m) {
      const c = cidr(m[1]!, m[2] !== undefined ? Number(m[2]) : lengthOfMaskString(m[3] ?? '255.255.255.0'));
      if (c) out.interfaces[defaultIface] = c;
      if (m[4] !== undefined) out.gateway = m[4];
    }
  }
  return out;
}
