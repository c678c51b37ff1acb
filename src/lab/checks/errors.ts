/** Typed errors of `dmvpn-lab check`: a stable `code`, the CLI exit status, and the `cause`. */

/** The stable codes of a check run that could not happen. */
export type CheckErrorCode =
  /** `--only` named a check that does not exist. */
  | 'CHECK_UNKNOWN'
  /** The argument is neither a topology file nor a lab that is up. */
  | 'LAB_UNKNOWN'
  /** The lab could not be brought up, or its routers could not be read. */
  | 'LAB_FAILED';

/** A check run that could not take place; `exitCode` is 2 (the lab itself could not run) unless said otherwise. */
export class CheckError extends Error {
  readonly code: CheckErrorCode;
  readonly exitCode: number;
  constructor(code: CheckErrorCode, message: string, options: { cause?: unknown; exitCode?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CheckError';
    this.code = code;
    this.exitCode = options.exitCode ?? 2;
  }
}
