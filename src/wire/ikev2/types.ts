/**
 * The IKEv2 message model (RFC 7296). Byte fields are views into the decoded input. Every payload keeps its
 * critical bit; RESERVED fields are ignored on receipt and sent as zero.
 */
import type { Attribute } from '../isakmp/attributes.js';

/** Payload types (RFC 7296 3.2, RFC 7383 for SKF). */
export const Ikev2PayloadType = {
  None: 0,
  SecurityAssociation: 33,
  KeyExchange: 34,
  IdInitiator: 35,
  IdResponder: 36,
  Certificate: 37,
  CertificateRequest: 38,
  Authentication: 39,
  Nonce: 40,
  Notify: 41,
  Delete: 42,
  VendorId: 43,
  TsInitiator: 44,
  TsResponder: 45,
  Encrypted: 46,
  Configuration: 47,
  Eap: 48,
  EncryptedFragment: 53,
} as const;

/** Exchange types (RFC 7296 3.1). */
export const Ikev2Exchange = { IkeSaInit: 34, IkeAuth: 35, CreateChildSa: 36, Informational: 37 } as const;

/** Header flags (RFC 7296 3.1): Initiator, Version, Response. */
export const Ikev2Flags = { Initiator: 0x08, Version: 0x10, Response: 0x20 } as const;

/** Transform types (RFC 7296 3.3.2). */
export const TransformType = { Encryption: 1, Prf: 2, Integrity: 3, DiffieHellman: 4, Esn: 5 } as const;

/** Protocol IDs of proposals, notifies and deletes (RFC 7296 3.3.1). */
export const Ikev2Protocol = { Ike: 1, Ah: 2, Esp: 3 } as const;

/** Traffic selector types (RFC 7296 3.13.1). */
export const TsType = { Ipv4AddrRange: 7, Ipv6AddrRange: 8 } as const;

/** One transform (RFC 7296 3.3.2): its type, ID and attributes (Key Length, 14, in practice). */
export interface Ikev2Transform {
  type: number;
  id: number;
  attributes: Attribute[];
}

/** One proposal (RFC 7296 3.3.1). */
export interface Ikev2Proposal {
  number: number;
  protocolId: number;
  spi: Uint8Array;
  transforms: Ikev2Transform[];
}

/** A traffic selector: an address range (types 7 and 8) or another type kept raw. */
export type TrafficSelector =
  | { tsType: 7 | 8; ipProtocol: number; startPort: number; endPort: number; startAddress: string; endAddress: string }
  | { tsType: number; ipProtocol: number; data: Uint8Array };

/** One payload of an IKEv2 message. */
export type Ikev2Payload = { critical: boolean } & (
  | { kind: 'sa'; proposals: Ikev2Proposal[] }
  | { kind: 'ke'; group: number; data: Uint8Array }
  | { kind: 'idi' | 'idr'; idType: number; data: Uint8Array }
  | { kind: 'cert' | 'certreq'; encoding: number; data: Uint8Array }
  | { kind: 'auth'; method: number; data: Uint8Array }
  | { kind: 'nonce'; data: Uint8Array }
  | { kind: 'notify'; protocolId: number; spi: Uint8Array; notifyType: number; data: Uint8Array }
  | { kind: 'delete'; protocolId: number; spiSize: number; spis: Uint8Array[] }
  | { kind: 'vendorId'; data: Uint8Array }
  | { kind: 'tsi' | 'tsr'; selectors: TrafficSelector[] }
  /** Encrypted and Authenticated (3.14): IV, ciphertext, padding and ICV as one raw field; always the last payload. */
  | { kind: 'sk'; firstPayload: number; data: Uint8Array }
  | { kind: 'unknown'; type: number; body: Uint8Array }
);

/** A whole IKEv2 message. */
export interface Ikev2Message {
  initiatorSpi: Uint8Array;
  responderSpi: Uint8Array;
  minorVersion: number;
  exchangeType: number;
  flags: number;
  messageId: number;
  payloads: Ikev2Payload[];
}
