/**
 * `ipv6 mtu N` on a tunnel: an IPv6 packet the kernel sends into the tunnel that is longer than N is not sent; the
 * sender gets an ICMPv6 Packet Too Big carrying N (RFC 4443 3.2, RFC 8201), as the kernel answers an IPv4 packet
 * longer than `ip mtu` with Fragmentation Needed. The reply is an Ethernet frame written back into the TAP.
 *
 *   Packet Too Big (RFC 4443 3.2), after the IPv6 header (src: our address, dst: the packet's source):
 *    0                   1                   2                   3
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   Type = 2    |   Code = 0    |          Checksum             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                             MTU                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |    As much of invoking packet as possible without the ICMPv6 packet exceeding the minimum IPv6 MTU  |
 */
import { IPV6_MIN_MTU } from '../../wire/ipv6-addr.js';
import { icmp6Checksum } from './ipv6-link.js';

const ETH = 14;
const ICMPV6 = 58;
const PACKET_TOO_BIG = 2;

/** Length of the IPv6 packet in an Ethernet frame (header plus Payload Length). */
export function ipv6PacketLength(frame: Uint8Array): number {
  return 40 + ((frame[ETH + 4] << 8) | frame[ETH + 5]);
}

/**
 * RFC 4443 2.4 (e): no ICMPv6 error about a packet from the unspecified or a multicast address, or about an
 * ICMPv6 error message (types 0-127).
 */
export function mayAnswerTooBig(frame: Uint8Array): boolean {
  const src = ETH + 8;
  if (frame[src] === 0xff) return false;
  let zero = true;
  for (let i = 0; i < 16; i++) if (frame[src + i] !== 0) zero = false;
  if (zero) return false;
  return !(frame[ETH + 6] === ICMPV6 && frame.length > ETH + 40 && frame[ETH + 40] < 128);
}

/**
 * The Packet Too Big frame answering `frame` (an IPv6 packet the kernel sent out of the TAP): Ethernet addresses
 * swapped, from `self` (16 bytes, our tunnel address) to the packet's source, hop limit 255, MTU `mtu`.
 */
export function packetTooBig(frame: Uint8Array, mtu: number, self: Uint8Array): Uint8Array {
  const quoted = Math.min(frame.length - ETH, IPV6_MIN_MTU - 48);
  const out = new Uint8Array(ETH + 48 + quoted);
  out.set(frame.subarray(6, 12), 0);
  out.set(frame.subarray(0, 6), 6);
  out[12] = 0x86;
  out[13] = 0xdd;
  const ip = ETH;
  out[ip] = 0x60;
  const payload = 8 + quoted;
  out[ip + 4] = payload >> 8;
  out[ip + 5] = payload & 255;
  out[ip + 6] = ICMPV6;
  out[ip + 7] = 255;
  out.set(self, ip + 8);
  out.set(frame.subarray(ETH + 8, ETH + 24), ip + 24);
  const icmp = ip + 40;
  out[icmp] = PACKET_TOO_BIG;
  out[icmp + 4] = mtu >>> 24;
  out[icmp + 5] = (mtu >>> 16) & 255;
  out[icmp + 6] = (mtu >>> 8) & 255;
  out[icmp + 7] = mtu & 255;
  out.set(frame.subarray(ETH, ETH + quoted), icmp + 8);
  icmp6Checksum(out, ip);
  return out;
}
