/** Checks shared by the CML and GNS3 readers: an IOS config reads as IOS, interface names a node kind can use, host addresses. */
import { kindOf } from '../kinds/index.js';
import type { KindName } from '../topology/schema.js';
import type { ImportIssue } from './errors.js';
import { readHostAddressing } from './host-config.js';

/** Lines that only an IOS configuration has at the start of a line. */
const IOS_LINE = /^(hostname|interface|version|router|ip|no|end|crypto|line|service|enable|!)\b/;

/** Why `text` is not an IOS configuration, or undefined when it reads as one (or is empty). */
export function notIos(text: string): string | undefined {
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('!') && !l.startsWith(' '));
  if (lines.length === 0) return undefined;
  const ios = lines.filter((l) => IOS_LINE.test(l)).length;
  if (ios === 0 || !/^(hostname|interface)\b/m.test(text))
    return `does not read as an IOS configuration (no "hostname" or "interface" line; first line: "${lines[0]!.slice(0, 60)}")`;
  return undefined;
}

/** The interface name to write for a link end of a node of `kind`, from the source's label; undefined when none fits. */
export function endpointName(kind: KindName, label: string, index: number): string | undefined {
  const k = kindOf(kind);
  if (k.ifname(label) !== undefined) return label;
  if (kind === 'dmvpn') return undefined;
  const fallback = kind === 'switch' ? `port${index}` : `eth${index}`;
  return k.ifname(fallback) !== undefined ? fallback : undefined;
}

/**
 * A host's addressing from its boot lines, limited to the interfaces it is linked on (`linked`: name in
 * the source -> name written here). Adds an issue for a linked interface without an address.
 */
export function hostAddressing(
  text: string,
  linked: Map<string, string>,
  where: string,
  field: string,
  issues: ImportIssue[],
): { interfaces: Record<string, string>; gateway?: string; ipv6?: Record<string, string>; ipv6Gateway?: string } {
  const only = linked.size === 1 ? [...linked.values()][0] : undefined;
  const read = readHostAddressing(text, only);
  const interfaces: Record<string, string> = {};
  for (const [source, written] of linked) {
    const a =
      read.interfaces[source] ?? read.interfaces[written] ?? (only ? Object.values(read.interfaces)[0] : undefined);
    if (a === undefined) {
      issues.push({
        where,
        field,
        message:
          `no address for ${source} (expected a line "ip address add A/LEN dev ${source}", ` +
          `"ifconfig ${source} A netmask M" or, for VPCS, "ip A/LEN GATEWAY")`,
      });
    } else interfaces[written] = a;
  }
  const ipv6: Record<string, string> = {};
  for (const [source, written] of linked) {
    const a = read.ipv6[source] ?? read.ipv6[written] ?? (only ? Object.values(read.ipv6)[0] : undefined);
    if (a !== undefined) ipv6[written] = a;
  }
  return {
    interfaces,
    ...(read.gateway !== undefined ? { gateway: read.gateway } : {}),
    ...(Object.keys(ipv6).length > 0 ? { ipv6 } : {}),
    ...(read.ipv6Gateway !== undefined ? { ipv6Gateway: read.ipv6Gateway } : {}),
  };
}
