/**
 * The IKEv1 / ISAKMP message model (RFC 2408, RFC 2409, IPsec DOI RFC 2407, NAT-T RFC 3947).
 * Byte fields are views into the decoded input. RESERVED fields are ignored on receipt and sent as zero.
 */
import type { Attribute } from './attributes.js';

/** Payload types (RFC 2408 3.1, RFC 3947 3.2 and 5.2). */
export const IsakmpPayloadType = {
  None: 0,
  SecurityAssociation: 1,
  Proposal: 2,
  Transform: 3,
  KeyExchange: 4,
  Identification: 5,
  Certificate: 6,
  CertificateRequest: 7,
  Hash: 8,
  Signature: 9,
  Nonce: 10,
  Notification: 11,
  Delete: 12,
  VendorId: 13,
  NatD: 20,
  NatOa: 21,
} as const;

/** Exchange types (RFC 2408 3.1, RFC 2409 Quick and New Group Mode). */
export const IsakmpExchange = {
  Base: 1,
  IdentityProtection: 2,
  AuthenticationOnly: 3,
  Aggressive: 4,
  Informational: 5,
  QuickMode: 32,
  NewGroupMode: 33,
} as const;

/** Header flags (RFC 2408 3.1). */
export const IsakmpFlags = { Encryption: 0x01, Commit: 0x02, AuthenticationOnly: 0x04 } as const;

/** Domain of Interpretation: IPsec (RFC 2407). */
export const DOI_IPSEC = 1;
/** IPsec DOI situation bit SIT_IDENTITY_ONLY (RFC 2407 4.2); SECRECY and INTEGRITY add labelled-domain data. */
export const SIT_IDENTITY_ONLY = 0x01;

/** A transform (RFC 2408 3.6): its number, Transform ID (KEY_IKE = 1 in phase 1) and SA attributes. */
export interface IsakmpTransform {
  number: number;
  transformId: number;
  attributes: Attribute[];
}

/** A proposal (RFC 2408 3.5): protocol (1 ISAKMP, 2 AH, 3 ESP, 4 IPCOMP), SPI and transforms. */
export interface IsakmpProposal {
  number: number;
  protocolId: number;
  spi: Uint8Array;
  transforms: IsakmpTransform[];
}

/** One payload of an IKEv1 message. `unknown` keeps any other type (and SA of another DOI) raw. */
export type IsakmpPayload =
  | { kind: 'sa'; doi: number; situation: number; proposals: IsakmpProposal[] }
  | { kind: 'ke'; data: Uint8Array }
  | { kind: 'id'; idType: number; protocolId: number; port: number; data: Uint8Array }
  | { kind: 'cert'; encoding: number; data: Uint8Array }
  | { kind: 'certreq'; encoding: number; data: Uint8Array }
  | { kind: 'hash'; data: Uint8Array }
  | { kind: 'sig'; data: Uint8Array }
  | { kind: 'nonce'; data: Uint8Array }
  | { kind: 'notify'; doi: number; protocolId: number; notifyType: number; spi: Uint8Array; data: Uint8Array }
  | { kind: 'delete'; doi: number; protocolId: number; spiSize: number; spis: Uint8Array[] }
  | { kind: 'vendorId'; data: Uint8Array }
  | { kind: 'natD'; hash: Uint8Array }
  | { kind: 'natOa'; idType: number; address: string }
  | { kind: 'unknown'; type: number; body: Uint8Array };

/** A whole IKEv1 message. With the E flag the body stays ciphertext in `encrypted` and `payloads` is empty. */
export interface IsakmpMessage {
  initiatorSpi: Uint8Array;
  responderSpi: Uint8Array;
  minorVersion: number;
  exchangeType: number;
  flags: number;
  messageId: number;
  payloads: IsakmpPayload[];
  /** Present exactly when the E flag is set: the type of the first payload inside, and the ciphertext. */
  encrypted?: { firstPayload: number; ciphertext: Uint8Array };
}
