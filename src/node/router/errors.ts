/** Typed errors of the running router: a stable `code`, the thing named, and the `cause`. */

/** Stable codes a caller (the bin, the control socket, tests) can switch on. */
export type RouterErrorCode =
  /** The startup configuration has refused lines. */
  | 'CONFIG_REFUSED'
  /** A tunnel's TAP device or raw socket could not be opened. */
  | 'TUNNEL_FAILED'
  /** A control command that is not understood. */
  | 'BAD_COMMAND'
  /** The router is stopping or stopped. */
  | 'STOPPED';

/** A failure of the running router (setup, kernel, control). */
export class RouterError extends Error {
  readonly code: RouterErrorCode;
  constructor(code: RouterErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RouterError';
    this.code = code;
  }
}

/** The message of any thrown value, with its code in brackets when it has one. */
export function describeError(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return typeof e?.code === 'string' ? `${message} [${e.code}]` : message;
}
