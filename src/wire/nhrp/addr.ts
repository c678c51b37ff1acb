/**
 * Protocol and NBMA addresses as strings, the form the NHRP model uses:
 * 4 bytes -> "192.0.2.1", 16 bytes -> RFC 5952 IPv6 text, 0 bytes -> "", any other length -> "hex:0a0b…".
 * `addrToBytes(addrFromBytes(b))` returns `b` for every byte string.
 */
import { parseIpv4, writeIpv4 } from '../ipv4-addr.js';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Text for an address of any length (see the file comment for the forms). */
export function addrFromBytes(b: Uint8Array, start = 0, len = b.length - start): string {
  if (len === 4) return `${b[start]}.${b[start + 1]}.${b[start + 2]}.${b[start + 3]}`;
  if (len === 0) return '';
  if (len === 16) return ipv6ToString(b, start);
  let s = 'hex:';
  for (let i = 0; i < len; i++) s += HEX[b[start + i]];
  return s;
}

/** Bytes of an address string; throws RangeError for text that is none of the accepted forms. */
export function addrToBytes(s: string): Uint8Array {
  if (s === '') return new Uint8Array(0);
  if (s.startsWith('hex:')) return hexToBytes(s.slice(4));
  if (s.includes(':')) return ipv6FromString(s);
  return ipv4FromString(s);
}

/** Number of bytes `addrToBytes(s)` produces, without allocating for the common forms. */
export function addrLength(s: string): number {
  if (s === '') return 0;
  if (s.startsWith('hex:')) return (s.length - 4) >> 1;
  return s.includes(':') ? 16 : 4;
}

/** Writes the address into `out` at `at` and returns the number of bytes written. */
export function writeAddr(s: string, out: Uint8Array, at: number): number {
  if (s === '') return 0;
  if (!s.startsWith('hex:') && !s.includes(':')) {
    // dotted quad fast path
    const v = parseIpv4(s);
    if (v === undefined) throw badAddr(s);
    writeIpv4(out, at, v);
    return 4;
  }
  const b = addrToBytes(s);
  out.set(b, at);
  return b.length;
}

function badAddr(s: string): RangeError {
  return new RangeError(`not an address: expected dotted quad, IPv6, '' or 'hex:…', found '${s}'`);
}

function ipv4FromString(s: string): Uint8Array {
  const out = new Uint8Array(4);
  writeAddr(s, out, 0);
  return out;
}

function hexToBytes(h: string): Uint8Array {
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) throw badAddr(`hex:${h}`);
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** RFC 5952 text: lower case, longest run (≥ 2) of zero groups as "::", first such run on a tie. */
function ipv6ToString(b: Uint8Array, start: number): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push((b[start + 2 * i] << 8) | b[start + 2 * i + 1]);
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestAt = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number): string =>
    g
      .slice(from, to)
      .map((x) => x.toString(16))
      .join(':');
  if (bestAt < 0) return hex(0, 8);
  return `${hex(0, bestAt)}::${hex(bestAt + bestLen, 8)}`;
}

function ipv6FromString(s: string): Uint8Array {
  const out = new Uint8Array(16);
  let text = s;
  const tail: number[] = [];
  // embedded IPv4 in the last 32 bits ("::ffff:192.0.2.1")
  const lastColon = text.lastIndexOf(':');
  if (text.indexOf('.', lastColon) >= 0) {
    const v4 = ipv4FromString(text.slice(lastColon + 1));
    tail.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    const head = text.slice(0, lastColon + 1);
    text = head.endsWith('::') ? head : head.slice(0, -1);
  }
  const parseGroups = (t: string): number[] => {
    if (t === '') return [];
    return t.split(':').map((x) => {
      if (!/^[0-9a-fA-F]{1,4}$/.test(x)) throw badAddr(s);
      return parseInt(x, 16);
    });
  };
  const dbl = text.indexOf('::');
  let groups: number[];
  if (dbl >= 0) {
    if (text.indexOf('::', dbl + 1) >= 0) throw badAddr(s);
    const head = parseGroups(text.slice(0, dbl));
    const rest = [...parseGroups(text.slice(dbl + 2)), ...tail];
    const zeros = 8 - head.length - rest.length;
    if (zeros < 1) throw badAddr(s);
    groups = [...head, ...new Array<number>(zeros).fill(0), ...rest];
  } else {
    groups = [...parseGroups(text), ...tail];
  }
  if (groups.length !== 8) throw badAddr(s);
  groups.forEach((v, i) => {
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  });
  return out;
}
