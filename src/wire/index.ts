/** The wire layer: pure, total codecs. Each decoder returns a value or throws DecodeError, nothing else. */
export * from './errors.js';
export { Reader, Writer } from './cursor.js';
export { internetChecksum, onesSum } from './checksum.js';
export * from './ipv4.js';
export * from './ipv4-addr.js';
export * from './gre.js';
export * from './nhrp/index.js';
export * from './pcap/index.js';
export { decodeFrameNhrp, type FrameNhrp } from './frame.js';
