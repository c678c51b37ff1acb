/** ESP on the wire: the header codec and UDP encapsulation for NAT traversal (RFC 4303, RFC 3948). */
export { decodeEsp, encodeEsp, ESP_HEADER_LENGTH, type EspPacket } from './header.js';
export { decodeNatT, encapsulateIke, NAT_KEEPALIVE, NON_ESP_MARKER, type NatTPayload } from './udp-encap.js';
