/** Typed errors of the system layer (native addon, kernel commands): a stable `code` and the `cause`. */

/** Stable codes a caller can switch on. Errors thrown by the addon itself carry the errno name instead. */
export type SysErrorCode = 'NATIVE_UNAVAILABLE' | 'COMMAND_FAILED' | 'KERNEL_FAILED' | 'BAD_ADDRESS';

/** A failure below the data plane: the addon could not load, or an `ip` command failed. */
export class SysError extends Error {
  readonly code: SysErrorCode;
  constructor(code: SysErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SysError';
    this.code = code;
  }
}

/** What the addon throws: an Error whose `code` is the errno name ('EPERM'), `errno` the negative errno. */
export interface NativeError extends Error {
  code: string;
  errno: number;
  syscall: string;
}

/** True for an error thrown by the addon (it has an errno name, a negative errno and the syscall). */
export function isNativeError(err: unknown): err is NativeError {
  return (
    err instanceof Error &&
    typeof (err as NativeError).code === 'string' &&
    typeof (err as NativeError).errno === 'number' &&
    typeof (err as NativeError).syscall === 'string'
  );
}
