/** Human names for IKEv1 payload types, exchanges, notify messages and phase-1 attributes, as Wireshark prints them. */
import { IsakmpExchange, IsakmpPayloadType } from './types.js';

const PAYLOAD_NAMES: Record<number, string> = {
  [IsakmpPayloadType.SecurityAssociation]: 'Security Association',
  [IsakmpPayloadType.Proposal]: 'Proposal',
  [IsakmpPayloadType.Transform]: 'Transform',
  [IsakmpPayloadType.KeyExchange]: 'Key Exchange',
  [IsakmpPayloadType.Identification]: 'Identification',
  [IsakmpPayloadType.Certificate]: 'Certificate',
  [IsakmpPayloadType.CertificateRequest]: 'Certificate Request',
  [IsakmpPayloadType.Hash]: 'Hash',
  [IsakmpPayloadType.Signature]: 'Signature',
  [IsakmpPayloadType.Nonce]: 'Nonce',
  [IsakmpPayloadType.Notification]: 'Notification',
  [IsakmpPayloadType.Delete]: 'Delete',
  [IsakmpPayloadType.VendorId]: 'Vendor ID',
  [IsakmpPayloadType.NatD]: 'NAT-D (RFC 3947)',
  [IsakmpPayloadType.NatOa]: 'NAT-OA (RFC 3947)',
};

const EXCHANGE_NAMES: Record<number, string> = {
  [IsakmpExchange.Base]: 'Base',
  [IsakmpExchange.IdentityProtection]: 'Identity Protection (Main Mode)',
  [IsakmpExchange.AuthenticationOnly]: 'Authentication Only',
  [IsakmpExchange.Aggressive]: 'Aggressive',
  [IsakmpExchange.Informational]: 'Informational',
  [IsakmpExchange.QuickMode]: 'Quick Mode',
  [IsakmpExchange.NewGroupMode]: 'New Group Mode',
};

/** Notify Message Types: RFC 2408 3.14.1 errors, RFC 2407 4.6.3 status, RFC 3706 DPD. */
export const IsakmpNotify = {
  INVALID_PAYLOAD_TYPE: 1,
  DOI_NOT_SUPPORTED: 2,
  SITUATION_NOT_SUPPORTED: 3,
  INVALID_COOKIE: 4,
  INVALID_MAJOR_VERSION: 5,
  INVALID_MINOR_VERSION: 6,
  INVALID_EXCHANGE_TYPE: 7,
  INVALID_FLAGS: 8,
  INVALID_MESSAGE_ID: 9,
  INVALID_PROTOCOL_ID: 10,
  INVALID_SPI: 11,
  INVALID_TRANSFORM_ID: 12,
  ATTRIBUTES_NOT_SUPPORTED: 13,
  NO_PROPOSAL_CHOSEN: 14,
  BAD_PROPOSAL_SYNTAX: 15,
  PAYLOAD_MALFORMED: 16,
  INVALID_KEY_INFORMATION: 17,
  INVALID_ID_INFORMATION: 18,
  INVALID_CERT_ENCODING: 19,
  INVALID_CERTIFICATE: 20,
  CERT_TYPE_UNSUPPORTED: 21,
  INVALID_CERT_AUTHORITY: 22,
  INVALID_HASH_INFORMATION: 23,
  AUTHENTICATION_FAILED: 24,
  INVALID_SIGNATURE: 25,
  ADDRESS_NOTIFICATION: 26,
  NOTIFY_SA_LIFETIME: 27,
  CERTIFICATE_UNAVAILABLE: 28,
  UNSUPPORTED_EXCHANGE_TYPE: 29,
  UNEQUAL_PAYLOAD_LENGTHS: 30,
  CONNECTED: 16384,
  RESPONDER_LIFETIME: 24576,
  REPLAY_STATUS: 24577,
  INITIAL_CONTACT: 24578,
  R_U_THERE: 36136,
  R_U_THERE_ACK: 36137,
} as const;

const NOTIFY_NAMES = new Map<number, string>(Object.entries(IsakmpNotify).map(([k, v]) => [v, k.replaceAll('_', '-')]));

/** Phase-1 (IKE) SA attribute types (RFC 2409 appendix A). */
export const IkeAttribute = {
  EncryptionAlgorithm: 1,
  HashAlgorithm: 2,
  AuthenticationMethod: 3,
  GroupDescription: 4,
  GroupType: 5,
  LifeType: 11,
  LifeDuration: 12,
  Prf: 13,
  KeyLength: 14,
  FieldSize: 15,
  GroupOrder: 16,
} as const;

const IKE_ATTRIBUTE_NAMES: Record<number, string> = {
  1: 'Encryption-Algorithm',
  2: 'Hash-Algorithm',
  3: 'Authentication-Method',
  4: 'Group-Description',
  5: 'Group-Type',
  11: 'Life-Type',
  12: 'Life-Duration',
  13: 'PRF',
  14: 'Key-Length',
  15: 'Field-Size',
  16: 'Group-Order',
};

/** "Security Association", or "payload N". */
export function isakmpPayloadName(type: number): string {
  return PAYLOAD_NAMES[type] ?? `payload ${type}`;
}

/** "Identity Protection (Main Mode)", or "exchange N". */
export function isakmpExchangeName(type: number): string {
  return EXCHANGE_NAMES[type] ?? `exchange ${type}`;
}

/** "NO-PROPOSAL-CHOSEN", "R-U-THERE", or "notify N". */
export function isakmpNotifyName(type: number): string {
  return NOTIFY_NAMES.get(type) ?? `notify ${type}`;
}

/** "Key-Length", or "attribute N", for phase-1 (KEY_IKE) transform attributes. */
export function ikeAttributeName(type: number): string {
  return IKE_ATTRIBUTE_NAMES[type] ?? `attribute ${type}`;
}
