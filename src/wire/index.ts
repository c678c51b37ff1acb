/** The wire layer: pure, total codecs. Each decoder returns a value or throws DecodeError, nothing else. */
export * from './errors.js';
export { Reader, Writer } from './cursor.js';
export { internetChecksum, onesSum } from './checksum.js';
export * from './ipv4.js';
export * from './ipv4-addr.js';
export * from './ipv6-addr.js';
export * from './ip-family.js';
export * from './gre.js';
export * from './nhrp/index.js';
export * from './eigrp/index.js';
export * from './pcap/index.js';
export { decodeFrameNhrp, decodeFrameEigrp, type FrameNhrp, type FrameEigrp } from './frame.js';
export * from './udp.js';
export * from './esp/index.js';
export * from './isakmp/index.js';
export * from './ikev2/index.js';
export { decodeFrameIpsec, type FrameIpsec } from './frame.js';
