/**
 * IPv6 addresses and prefixes as the IPv6 routing lines write them (`network 2001:DB8:1::/64`,
 * `neighbor 2001:DB8::1 remote-as 1`): checked, put in canonical lower-case RFC 5952 text, and a
 * prefix reduced to its network.
 */
import { isIPv6 } from 'node:net';
import type { Cmd } from '../line.js';

/** The 16 bytes of an IPv6 address in text form, or undefined. */
export function ipv6Bytes(text: string): Uint8Array | undefined {
  if (!isIPv6(text) || text.includes('%')) return undefined;
  let t = text;
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(t);
  if (v4) {
    const q = v4[2].split('.').map(Number);
    t = `${v4[1]}${((q[0] << 8) | q[1]).toString(16)}:${((q[2] << 8) | q[3]).toString(16)}`;
  }
  const [head, tail] = t.includes('::') ? t.split('::') : [t, undefined];
  const h = head === '' ? [] : head.split(':');
  const l = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - l.length).fill('0'), ...l];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = Number.parseInt(g, 16);
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  });
  return out;
}

/** RFC 5952 text of 16 bytes: lower case, the longest run (2 or more) of zero groups as `::`. */
export function formatIpv6(b: Uint8Array): string {
  const g = Array.from({ length: 8 }, (_, i) => (b[2 * i] << 8) | b[2 * i + 1]);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** Canonical text of an IPv6 address, or undefined when `text` is not one. */
export function canonicalIpv6(text: string): string | undefined {
  const b = ipv6Bytes(text);
  return b && formatIpv6(b);
}

/** `X:X::X/LEN` → the network (host bits cleared, canonical) and its length, or undefined. */
export function parseIpv6Prefix(text: string): { address: string; prefixLength: number } | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const len = Number(m[2]);
  const b = ipv6Bytes(m[1]);
  if (!b || len > 128) return undefined;
  for (let i = 0; i < 16; i++) {
    const keep = Math.max(0, Math.min(8, len - 8 * i));
    b[i] &= (0xff00 >> keep) & 0xff;
  }
  return { address: formatIpv6(b), prefixLength: len };
}

/** Reads an IPv6 prefix word (`2001:DB8::/64`) from `cmd`. */
export function ipv6PrefixWord(cmd: Cmd, command: string): { address: string; prefixLength: number } {
  const expected = 'an IPv6 prefix X:X:X:X::X/<0-128>';
  const p = parseIpv6Prefix(cmd.word(command, expected));
  if (!p) cmd.invalid(command, expected, cmd.pos - 1);
  return p;
}
