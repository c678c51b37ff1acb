/**
 * RFC 1071 Internet checksum, shared by IPv4, GRE and NHRP.
 *
 * The one's-complement sum of 16-bit big-endian words; an odd trailing byte is padded with a zero
 * byte. A buffer whose checksum field is correct sums to 0xffff, so `internetChecksum` returns 0.
 */

/** Whether Uint32Array words are little-endian here (they are on every machine we run on). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
/** Below this many bytes the word-wise loop is not worth a typed-array view. */
const WIDE_MIN = 64;

/** One's-complement sum (folded to 16 bits) of buf[start, end), plus `initial`. */
export function onesSum(buf: Uint8Array, start = 0, end = buf.length, initial = 0): number {
  let sum = initial;
  let i = start;
  // RFC 1071 2(B): the sum is byte-order independent, so 4-byte-aligned words may be added as the machine reads
  // them (32 bits at a time into a double, exact below 2^53) and folded and swapped back once.
  if (end - i >= WIDE_MIN && ((buf.byteOffset + i) & 1) === 0) {
    if (((buf.byteOffset + i) & 2) !== 0) {
      sum += (buf[i] << 8) | buf[i + 1];
      i += 2;
    }
    const n = (end - i) >>> 2;
    const words = new Uint32Array(buf.buffer, buf.byteOffset + i, n);
    let wide = 0;
    for (let k = 0; k < n; k++) wide += words[k];
    while (wide > 0xffff) wide = (wide % 0x10000) + Math.floor(wide / 0x10000);
    sum += LITTLE_ENDIAN ? ((wide & 0xff) << 8) | (wide >>> 8) : wide;
    i += n << 2;
  }
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
