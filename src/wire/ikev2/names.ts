/** Human names for IKEv2 payloads, exchanges, notify types and transforms (IANA IKEv2 registries). */
import { Ikev2Exchange, Ikev2PayloadType, TransformType } from './types.js';

/** Notify Message Types (RFC 7296 3.10.1, RFC 4555, 5685, 7383, 7427). */
export const Ikev2Notify = {
  UNSUPPORTED_CRITICAL_PAYLOAD: 1,
  INVALID_IKE_SPI: 4,
  INVALID_MAJOR_VERSION: 5,
  INVALID_SYNTAX: 7,
  INVALID_MESSAGE_ID: 9,
  INVALID_SPI: 11,
  NO_PROPOSAL_CHOSEN: 14,
  INVALID_KE_PAYLOAD: 17,
  AUTHENTICATION_FAILED: 24,
  SINGLE_PAIR_REQUIRED: 34,
  NO_ADDITIONAL_SAS: 35,
  INTERNAL_ADDRESS_FAILURE: 36,
  FAILED_CP_REQUIRED: 37,
  TS_UNACCEPTABLE: 38,
  INVALID_SELECTORS: 39,
  TEMPORARY_FAILURE: 43,
  CHILD_SA_NOT_FOUND: 44,
  INITIAL_CONTACT: 16384,
  SET_WINDOW_SIZE: 16385,
  ADDITIONAL_TS_POSSIBLE: 16386,
  IPCOMP_SUPPORTED: 16387,
  NAT_DETECTION_SOURCE_IP: 16388,
  NAT_DETECTION_DESTINATION_IP: 16389,
  COOKIE: 16390,
  USE_TRANSPORT_MODE: 16391,
  HTTP_CERT_LOOKUP_SUPPORTED: 16392,
  REKEY_SA: 16393,
  ESP_TFC_PADDING_NOT_SUPPORTED: 16394,
  NON_FIRST_FRAGMENTS_ALSO: 16395,
  MOBIKE_SUPPORTED: 16396,
  AUTH_LIFETIME: 16403,
  MULTIPLE_AUTH_SUPPORTED: 16404,
  ANOTHER_AUTH_FOLLOWS: 16405,
  REDIRECT_SUPPORTED: 16406,
  IKEV2_FRAGMENTATION_SUPPORTED: 16430,
  SIGNATURE_HASH_ALGORITHMS: 16431,
} as const;

const NOTIFY_NAMES = new Map<number, string>(Object.entries(Ikev2Notify).map(([k, v]) => [v, k]));

const PAYLOAD_NAMES = new Map<number, string>([
  [Ikev2PayloadType.SecurityAssociation, 'SA'],
  [Ikev2PayloadType.KeyExchange, 'KE'],
  [Ikev2PayloadType.IdInitiator, 'IDi'],
  [Ikev2PayloadType.IdResponder, 'IDr'],
  [Ikev2PayloadType.Certificate, 'CERT'],
  [Ikev2PayloadType.CertificateRequest, 'CERTREQ'],
  [Ikev2PayloadType.Authentication, 'AUTH'],
  [Ikev2PayloadType.Nonce, 'Ni, Nr'],
  [Ikev2PayloadType.Notify, 'N'],
  [Ikev2PayloadType.Delete, 'D'],
  [Ikev2PayloadType.VendorId, 'V'],
  [Ikev2PayloadType.TsInitiator, 'TSi'],
  [Ikev2PayloadType.TsResponder, 'TSr'],
  [Ikev2PayloadType.Encrypted, 'SK'],
  [Ikev2PayloadType.Configuration, 'CP'],
  [Ikev2PayloadType.Eap, 'EAP'],
  [Ikev2PayloadType.EncryptedFragment, 'SKF'],
]);

const EXCHANGE_NAMES = new Map<number, string>([
  [Ikev2Exchange.IkeSaInit, 'IKE_SA_INIT'],
  [Ikev2Exchange.IkeAuth, 'IKE_AUTH'],
  [Ikev2Exchange.CreateChildSa, 'CREATE_CHILD_SA'],
  [Ikev2Exchange.Informational, 'INFORMATIONAL'],
]);

const TRANSFORM_TYPE_NAMES = new Map<number, string>([
  [TransformType.Encryption, 'ENCR'],
  [TransformType.Prf, 'PRF'],
  [TransformType.Integrity, 'INTEG'],
  [TransformType.DiffieHellman, 'DH'],
  [TransformType.Esn, 'ESN'],
]);

/** Transform IDs per transform type (the ones IOS and strongSwan offer). */
const TRANSFORM_IDS: Record<number, Record<number, string>> = {
  [TransformType.Encryption]: {
    3: 'ENCR_3DES',
    12: 'ENCR_AES_CBC',
    13: 'ENCR_AES_CTR',
    18: 'ENCR_AES_GCM_8',
    19: 'ENCR_AES_GCM_12',
    20: 'ENCR_AES_GCM_16',
    28: 'ENCR_CHACHA20_POLY1305',
  },
  [TransformType.Prf]: {
    1: 'PRF_HMAC_MD5',
    2: 'PRF_HMAC_SHA1',
    5: 'PRF_HMAC_SHA2_256',
    6: 'PRF_HMAC_SHA2_384',
    7: 'PRF_HMAC_SHA2_512',
  },
  [TransformType.Integrity]: {
    0: 'NONE',
    1: 'AUTH_HMAC_MD5_96',
    2: 'AUTH_HMAC_SHA1_96',
    12: 'AUTH_HMAC_SHA2_256_128',
    13: 'AUTH_HMAC_SHA2_384_192',
    14: 'AUTH_HMAC_SHA2_512_256',
  },
  [TransformType.DiffieHellman]: {
    0: 'NONE',
    1: 'MODP_768',
    2: 'MODP_1024',
    5: 'MODP_1536',
    14: 'MODP_2048',
    15: 'MODP_3072',
    16: 'MODP_4096',
    19: 'ECP_256',
    20: 'ECP_384',
    21: 'ECP_521',
    31: 'CURVE25519',
  },
  [TransformType.Esn]: { 0: 'NO_ESN', 1: 'ESN' },
};

/** "NO_PROPOSAL_CHOSEN", "NAT_DETECTION_SOURCE_IP", or "notify N". */
export function ikev2NotifyName(type: number): string {
  return NOTIFY_NAMES.get(type) ?? `notify ${type}`;
}

/** True for the error range (1-16383) of Notify Message Types (RFC 7296 3.10.1). */
export function isErrorNotify(type: number): boolean {
  return type >= 1 && type < 16384;
}

/** "SA", "KE", "SK"..., RFC 7296's notation, or "payload N". */
export function ikev2PayloadName(type: number): string {
  return PAYLOAD_NAMES.get(type) ?? `payload ${type}`;
}

/** "IKE_SA_INIT", or "exchange N". */
export function ikev2ExchangeName(type: number): string {
  return EXCHANGE_NAMES.get(type) ?? `exchange ${type}`;
}

/** "ENCR", "PRF"..., or "transform type N". */
export function transformTypeName(type: number): string {
  return TRANSFORM_TYPE_NAMES.get(type) ?? `transform type ${type}`;
}

/** "ENCR_AES_GCM_16", "MODP_2048"..., or "ID N" for an ID this table does not hold. */
export function transformIdName(type: number, id: number): string {
  return TRANSFORM_IDS[type]?.[id] ?? `ID ${id}`;
}
