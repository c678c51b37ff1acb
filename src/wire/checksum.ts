/**
 * RFC 1071 Internet checksum, shared by IPv4, GRE and NHRP.
 *
 * The one's-complement sum of 16-bit big-endian words; an odd trailing byte is padded with a zero
 * byte. A buffer whose checksum field is correct sums to 0xffff, so `internetChecksum` returns 0.
 */

/** One's-complement sum (folded to 16 bits) of buf[start, end), plus `initial`. */
export function onesSum(buf: Uint8Array, start = 0, end = buf.length, initial = 0): number {
  let sum = initial;
  let i = start;
  const last = end - 1;
  for (; i < last; i += 2) sum += (buf[i] << 8) | buf[i + 1];
  if (i < end) sum += buf[i] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** The checksum to store in a zeroed checksum field of buf[start, end); 0 when verifying a correct buffer. */
export function internetChecksum(buf: Uint8Array, start = 0, end = buf.length): number {
  return ~onesSum(buf, start, end) & 0xffff;
}
