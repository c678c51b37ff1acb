/**
 * The address and gateway of a lab host, read from the shell lines a course lab boots it with (CML
 * server/desktop/alpine boot scripts, GNS3 VPCS startup.vpc): `ip address add A/L dev IF`,
 * `ifconfig IF A netmask M`, `ip route add default via G`, `route add default gw G`, VPCS `ip A/L G`;
 * and IPv6: `ip -6 address add A/L dev IF`, `ifconfig IF inet6 add A/L`, `ip -6 route add default via G`,
 * `route -A inet6 add default gw G`, VPCS `ip A/L` with an IPv6 address.
 */
import { lengthOfMaskString, parseCidr } from '../../wire/ipv4-addr.js';
import { isIpv6, parseCidr6 } from '../../wire/ipv6-addr.js';

/** What a host's boot lines say. */
export interface HostAddressing {
  /** Interface (as written) -> address/prefix. */
  interfaces: Record<string, string>;
  gateway?: string;
  /** Interface (as written) -> IPv6 address/prefix. */
  ipv6: Record<string, string>;
  ipv6Gateway?: string;
}

function cidr(address: string, prefix: number | undefined): string | undefined {
  if (prefix === undefined) return undefined;
  const text = `${address}/${prefix}`;
  return parseCidr(text) ? text : undefined;
}

/** Reads the addressing lines of a host's boot script; `defaultIface` names VPCS's single interface. */
export function readHostAddressing(text: string, defaultIface = 'eth0'): HostAddressing {
  const out: HostAddressing = { interfaces: {}, ipv6: {} };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (readIpv6Line(line, out, defaultIface)) continue;
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

/** An IPv6 addressing line read into `out`; false when `line` is not one. */
function readIpv6Line(line: string, out: HostAddressing, defaultIface: string): boolean {
  const cidr6 = (a: string, len: string): string | undefined => (parseCidr6(`${a}/${len}`) ? `${a}/${len}` : undefined);
  let m =
    /^(?:sudo\s+)?ip\s+-6\s+a(?:ddr(?:ess)?)?\s+add\s+([0-9a-fA-F:.]+)\/(\d+)\s+.*?dev\s+(\S+)/.exec(line) ??
    /^(?:sudo\s+)?ip\s+a(?:ddr(?:ess)?)?\s+add\s+([0-9a-fA-F]*:[0-9a-fA-F:.]*)\/(\d+)\s+.*?dev\s+(\S+)/.exec(line);
  if (m) {
    const c = cidr6(m[1]!, m[2]!);
    if (c) out.ipv6[m[3]!] = c;
    return true;
  }
  m = /^(?:sudo\s+)?ifconfig\s+(\S+)\s+inet6\s+add\s+([0-9a-fA-F:.]+)\/(\d+)/.exec(line);
  if (m) {
    const c = cidr6(m[2]!, m[3]!);
    if (c) out.ipv6[m[1]!] = c;
    return true;
  }
  m =
    /^(?:sudo\s+)?ip\s+-6\s+route\s+add\s+(?:default|::\/0)\s+via\s+(\S+)/.exec(line) ??
    /^(?:sudo\s+)?route\s+-A\s+inet6\s+add\s+(?:default|::\/0)\s+gw\s+(\S+)/.exec(line);
  if (m) {
    if (isIpv6(m[1]!)) out.ipv6Gateway = m[1]!;
    return true;
  }
  // VPCS: `ip 2001:db8:1:1::10/64`
  m = /^ip\s+([0-9a-fA-F]*:[0-9a-fA-F:.]*)\/(\d+)\s*$/.exec(line);
  if (m) {
    const c = cidr6(m[1]!, m[2]!);
    if (c) out.ipv6[defaultIface] = c;
    return true;
  }
  return false;
}
