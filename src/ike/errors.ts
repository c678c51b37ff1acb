/**
 * IKE errors with a stable code, and the per-reason counters of an engine. The engine never throws on
 * input: a refused message is counted under one of these codes and, where RFC 7296 says so, answered
 * with the matching notify.
 */

export type IkeErrorCode =
  /** Bytes that do not decode as IKEv2 (or a decrypted SK body that does not). */
  | 'MALFORMED'
  /** A payload the exchange needs is missing or of the wrong form (INVALID_SYNTAX). */
  | 'INVALID_SYNTAX'
  /** The SK payload's ICV did not verify, or its padding is wrong. */
  | 'ICV_MISMATCH'
  /** No IKE SA with these SPIs. */
  | 'UNKNOWN_SPI'
  /** A message ID outside the window, or a response to no request. */
  | 'INVALID_MESSAGE_ID'
  /** No proposal acceptable (NO_PROPOSAL_CHOSEN). */
  | 'NO_PROPOSAL_CHOSEN'
  /** A KE payload of the wrong group or size (INVALID_KE_PAYLOAD). */
  | 'INVALID_KE'
  /** The peer's AUTH payload did not verify (AUTHENTICATION_FAILED). */
  | 'AUTHENTICATION_FAILED'
  /** Traffic selectors that do not match the configuration (TS_UNACCEPTABLE). */
  | 'TS_UNACCEPTABLE'
  /** A request without the COOKIE we asked for, or with a wrong one. */
  | 'COOKIE_REQUIRED'
  /** No configured peer for this address / identity. */
  | 'NO_PEER_CONFIG'
  /** The peer answered with an error notify. */
  | 'PEER_ERROR'
  /** Retransmissions exhausted: the peer is unreachable (or dead, for DPD). */
  | 'TIMEOUT'
  /** A message of an exchange we do not handle here (IKEv1, EAP, fragments...). */
  | 'UNSUPPORTED';

export const IKE_ERROR_CODES: readonly IkeErrorCode[] = [
  'MALFORMED',
  'INVALID_SYNTAX',
  'ICV_MISMATCH',
  'UNKNOWN_SPI',
  'INVALID_MESSAGE_ID',
  'NO_PROPOSAL_CHOSEN',
  'INVALID_KE',
  'AUTHENTICATION_FAILED',
  'TS_UNACCEPTABLE',
  'COOKIE_REQUIRED',
  'NO_PEER_CONFIG',
  'PEER_ERROR',
  'TIMEOUT',
  'UNSUPPORTED',
];

/** An IKE failure: a code, a message naming what was expected and found, and an optional cause. */
export class IkeError extends Error {
  readonly code: IkeErrorCode;
  constructor(code: IkeErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'IkeError';
    this.code = code;
  }
}

/** Messages refused, per reason. */
export type IkeCounters = Record<IkeErrorCode, number>;

export function newCounters(): IkeCounters {
  return Object.fromEntries(IKE_ERROR_CODES.map((c) => [c, 0])) as IkeCounters;
}
