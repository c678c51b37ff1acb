/** Typed errors of the data plane: a stable `code`, the thing named, and the `cause`. */

/** Stable codes a caller can switch on. */
export type DataplaneErrorCode = 'BAD_CONFIG' | 'ALREADY_STARTED';

/** A data plane that cannot be built or started as asked. */
export class DataplaneError extends Error {
  readonly code: DataplaneErrorCode;
  constructor(code: DataplaneErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DataplaneError';
    this.code = code;
  }
}
