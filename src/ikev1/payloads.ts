/** Small builders and readers of IKEv1 payloads the exchanges share. */
import { Writer } from '../wire/cursor.js';
import { encodeIsakmpPayloads, IsakmpNotify, type IsakmpPayload } from '../wire/isakmp/index.js';
import { addrFromBytes, addrToBytes } from '../wire/nhrp/addr.js';
import { ipv4 } from './context.js';
import { u32 } from './keymat.js';

export const ID_IPV4_ADDR = 1;
export const ID_IPV6_ADDR = 5;
const DOI = 1;

/**
 * An ID payload of an address (RFC 2407 4.6.2.1 ID_IPV4_ADDR, 4.6.2.6 ID_IPV6_ADDR for an IPv6 address) with
 * protocol and port.
 */
export function idPayload(address: string, protocolId = 0, port = 0): IsakmpPayload {
  if (address.includes(':')) return { kind: 'id', idType: ID_IPV6_ADDR, protocolId, port, data: addrToBytes(address) };
  const a = ipv4(address) ?? 0;
  return { kind: 'id', idType: ID_IPV4_ADDR, protocolId, port, data: u32(a) };
}

/** The address an ID_IPV4_ADDR or ID_IPV6_ADDR payload names, or undefined. */
export function idAddress(p: IsakmpPayload | undefined): string | undefined {
  if (p?.kind !== 'id') return undefined;
  if ((p.idType === ID_IPV4_ADDR && p.data.length === 4) || (p.idType === ID_IPV6_ADDR && p.data.length === 16))
    return addrFromBytes(p.data);
  return undefined;
}

/** The bytes of a payload chain as sent (generic headers included). */
export function chainBytes(payloads: IsakmpPayload[]): Uint8Array {
  const w = new Writer(256);
  encodeIsakmpPayloads(w, payloads);
  return w.finish();
}

/** The body of a single payload as sent (SAi_b, IDii_b). */
export function bodyBytes(p: IsakmpPayload): Uint8Array {
  return chainBytes([p]).slice(4);
}

export function find<K extends IsakmpPayload['kind']>(
  payloads: IsakmpPayload[],
  kind: K,
): Extract<IsakmpPayload, { kind: K }> | undefined {
  return payloads.find((p) => p.kind === kind) as Extract<IsakmpPayload, { kind: K }> | undefined;
}

/** A notify about the ISAKMP SA (SPI = both cookies) or of no SA (empty SPI). */
export function notifyPayload(
  type: number,
  spi: Uint8Array = new Uint8Array(0),
  data: Uint8Array = new Uint8Array(0),
): IsakmpPayload {
  return { kind: 'notify', doi: DOI, protocolId: 1, notifyType: type, spi, data };
}

export function initialContact(ckyI: Uint8Array, ckyR: Uint8Array): IsakmpPayload {
  return notifyPayload(IsakmpNotify.INITIAL_CONTACT, Buffer.concat([ckyI, ckyR]));
}

/** Delete of ESP SAs (our inbound SPIs) or of the ISAKMP SA (its cookies). */
export function deleteEsp(spis: number[]): IsakmpPayload {
  return { kind: 'delete', doi: DOI, protocolId: 3, spiSize: 4, spis: spis.map((s) => u32(s)) };
}

export function deleteIsakmp(ckyI: Uint8Array, ckyR: Uint8Array): IsakmpPayload {
  return { kind: 'delete', doi: DOI, protocolId: 1, spiSize: 16, spis: [Buffer.concat([ckyI, ckyR])] };
}
