/**
 * IKEv1 refusal reasons with a stable code, and the per-reason counters `show crypto isakmp sa detail` and the
 * checks read. Input never throws: a refused message is counted under one code, logged IOS-style and, where
 * RFC 2408 says so, answered with the notify of the same meaning.
 */

export type Ikev1ErrorCode =
  /** Bytes that do not decode as ISAKMP, or a decrypted body that does not (PAYLOAD-MALFORMED). */
  | 'MALFORMED'
  /** HASH_I / HASH_R did not verify, or phase-1 auth could not be decrypted: pre-shared key mismatch. */
  | 'AUTHENTICATION_FAILED'
  /** No acceptable phase-1 policy or phase-2 transform (NO-PROPOSAL-CHOSEN). */
  | 'NO_PROPOSAL_CHOSEN'
  /** Quick mode IDs we do not protect (INVALID-ID-INFORMATION). */
  | 'INVALID_ID_INFORMATION'
  /** A quick mode / informational HASH(1..3) that did not verify (INVALID-HASH-INFORMATION). */
  | 'INVALID_HASH'
  /** A KE payload of the wrong size or form. */
  | 'INVALID_KE'
  /** No ISAKMP SA with these cookies. */
  | 'UNKNOWN_COOKIE'
  /** No `crypto isakmp key` for the peer. */
  | 'NO_PRESHARED_KEY'
  /** Aggressive mode refused (`crypto isakmp aggressive-mode disable`), or an exchange we do not run. */
  | 'UNSUPPORTED'
  /** The peer sent an error notify. */
  | 'PEER_ERROR'
  /** Retransmissions or DPD retries exhausted. */
  | 'TIMEOUT';

export const IKEV1_ERROR_CODES: readonly Ikev1ErrorCode[] = [
  'MALFORMED',
  'AUTHENTICATION_FAILED',
  'NO_PROPOSAL_CHOSEN',
  'INVALID_ID_INFORMATION',
  'INVALID_HASH',
  'INVALID_KE',
  'UNKNOWN_COOKIE',
  'NO_PRESHARED_KEY',
  'UNSUPPORTED',
  'PEER_ERROR',
  'TIMEOUT',
];

export type Ikev1Counters = Record<Ikev1ErrorCode, number>;

export function newIkev1Counters(): Ikev1Counters {
  return Object.fromEntries(IKEV1_ERROR_CODES.map((c) => [c, 0])) as Ikev1Counters;
}

/** A refusal inside a handler: caught by the engine, counted, logged. `notify` is the type to send back. */
export class Ikev1Error extends Error {
  readonly code: Ikev1ErrorCode;
  readonly notify: number | undefined;
  constructor(code: Ikev1ErrorCode, message: string, notify?: number) {
    super(message);
    this.name = 'Ikev1Error';
    this.code = code;
    this.notify = notify;
  }
}
