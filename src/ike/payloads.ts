/**
 * Small builders and readers of the payloads the exchanges use: notifies, identities, NAT detection hashes
 * (RFC 7296 2.23), traffic selectors for one address and protocol, SPIs as numbers.
 */
import { createHash } from 'node:crypto';
import { addrFromBytes, addrToBytes } from '../wire/nhrp/addr.js';
import { Ikev2Notify, TsType, type Ikev2Payload, type TrafficSelector } from '../wire/ikev2/index.js';
import type { IkeIdentity } from './config.js';

export type NotifyPayload = Extract<Ikev2Payload, { kind: 'notify' }>;

export function notify(
  notifyType: number,
  data: Uint8Array = new Uint8Array(0),
  protocolId = 0,
  spi: Uint8Array = new Uint8Array(0),
): NotifyPayload {
  return { critical: false, kind: 'notify', protocolId, spi, notifyType, data };
}

/** The first notify of `type` among `payloads`. */
export function findNotify(payloads: readonly Ikev2Payload[], type: number): NotifyPayload | undefined {
  return payloads.find((p): p is NotifyPayload => p.kind === 'notify' && p.notifyType === type);
}

/** The first error notify (types 1-16383), if any. */
export function errorNotify(payloads: readonly Ikev2Payload[]): NotifyPayload | undefined {
  return payloads.find((p): p is NotifyPayload => p.kind === 'notify' && p.notifyType > 0 && p.notifyType < 16384);
}

export function find<K extends Ikev2Payload['kind']>(
  payloads: readonly Ikev2Payload[],
  kind: K,
): (Ikev2Payload & { kind: K }) | undefined {
  return payloads.find((p) => p.kind === kind) as (Ikev2Payload & { kind: K }) | undefined;
}

const ID_TYPES = { ipv4: 1, fqdn: 2, ipv6: 5, keyid: 11 } as const;

/** The address identity of `address`: ID_IPV4_ADDR, or ID_IPV6_ADDR for an IPv6 address (3.5). */
export function addressId(address: string): IkeIdentity {
  return { type: address.includes(':') ? 'ipv6' : 'ipv4', value: address };
}

/** ID payload fields for an identity. */
export function idFields(id: IkeIdentity): { idType: number; data: Uint8Array } {
  const data = id.type === 'ipv4' || id.type === 'ipv6' ? addrToBytes(id.value) : Buffer.from(id.value);
  return { idType: ID_TYPES[id.type], data };
}

/** RestOfInitIDPayload / RestOfRespIDPayload (2.15): ID Type | RESERVED (3) | Identification Data. */
export function idBody(p: { idType: number; data: Uint8Array }): Uint8Array {
  const out = new Uint8Array(4 + p.data.length);
  out[0] = p.idType;
  out.set(p.data, 4);
  return out;
}

/** The identity an ID payload carries, as text ("192.0.2.1", "2001:db8::1", "hub.example", "key-1"). */
export function idText(p: { idType: number; data: Uint8Array }): string {
  if ((p.idType === 1 && p.data.length === 4) || (p.idType === 5 && p.data.length === 16)) return addrFromBytes(p.data);
  return Buffer.from(p.data).toString('utf8');
}

export function idMatches(p: { idType: number; data: Uint8Array }, want: IkeIdentity): boolean {
  const f = idFields(want);
  return p.idType === f.idType && Buffer.compare(Buffer.from(p.data), Buffer.from(f.data)) === 0;
}

/** NAT detection hash: SHA-1(SPIi | SPIr | IP | Port) (2.23). */
export function natHash(spiI: Uint8Array, spiR: Uint8Array, address: string, port: number): Uint8Array {
  const p = Buffer.alloc(2);
  p.writeUInt16BE(port);
  return createHash('sha1').update(spiI).update(spiR).update(addrToBytes(address)).update(p).digest();
}

/** A selector for one address and protocol, all ports: TS_IPV4_ADDR_RANGE, or TS_IPV6_ADDR_RANGE for IPv6. */
export function hostSelector(address: string, ipProtocol: number): TrafficSelector {
  return {
    tsType: address.includes(':') ? TsType.Ipv6AddrRange : TsType.Ipv4AddrRange,
    ipProtocol,
    startPort: 0,
    endPort: 65535,
    startAddress: address,
    endAddress: address,
  };
}

/** Orders two addresses of one family by their bytes. */
function compareAddr(a: string, b: string): number {
  return Buffer.compare(Buffer.from(addrToBytes(a)), Buffer.from(addrToBytes(b)));
}

/**
 * The part of `offered` that `want` allows (2.9 narrowing): protocol 0 is any, address and port ranges intersect
 * (both TS_IPV4_ADDR_RANGE or both TS_IPV6_ADDR_RANGE). Undefined when nothing is left.
 */
export function narrow(offered: TrafficSelector, want: TrafficSelector): TrafficSelector | undefined {
  if ('data' in offered || 'data' in want || want.tsType !== offered.tsType) return undefined;
  if (offered.ipProtocol !== 0 && want.ipProtocol !== 0 && offered.ipProtocol !== want.ipProtocol) return undefined;
  const lo = compareAddr(offered.startAddress, want.startAddress) >= 0 ? offered.startAddress : want.startAddress;
  const hi = compareAddr(offered.endAddress, want.endAddress) <= 0 ? offered.endAddress : want.endAddress;
  const plo = Math.max(offered.startPort, want.startPort);
  const phi = Math.min(offered.endPort, want.endPort);
  if (compareAddr(lo, hi) > 0 || plo > phi) return undefined;
  return {
    tsType: offered.tsType,
    ipProtocol: offered.ipProtocol || want.ipProtocol,
    startPort: plo,
    endPort: phi,
    startAddress: lo,
    endAddress: hi,
  };
}

/** "192.0.2.1/32[47]", "2001:db8::1/128[47]" or "192.0.2.1-192.0.2.9[any]". */
export function tsText(ts: TrafficSelector): string {
  if ('data' in ts) return `type ${ts.tsType}`;
  const host = ts.tsType === TsType.Ipv6AddrRange ? 128 : 32;
  const range =
    ts.startAddress === ts.endAddress ? `${ts.startAddress}/${host}` : `${ts.startAddress}-${ts.endAddress}`;
  return `${range}[${ts.ipProtocol || 'any'}]`;
}

export function spiBytes(spi: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, spi);
  return b;
}

export function spiNumber(b: Uint8Array): number {
  return b.length === 4 ? ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0 : 0;
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

export { Ikev2Notify };
