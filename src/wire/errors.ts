/** Stable codes for every way a decoder can reject its input. */
export type DecodeErrorCode = 'TRUNCATED' | 'BAD_LENGTH' | 'BAD_VERSION' | 'BAD_VALUE' | 'BAD_CHECKSUM' | 'UNSUPPORTED';

/** The only error a decoder in src/wire ever throws: what was wrong, and at which byte. */
export class DecodeError extends Error {
  readonly code: DecodeErrorCode;
  readonly offset: number;
  constructor(code: DecodeErrorCode, offset: number, message: string, options?: { cause?: unknown }) {
    super(`${message} (at byte ${offset})`, options);
    this.name = 'DecodeError';
    this.code = code;
    this.offset = offset;
  }
}

/** A decode result that never throws: the value, or the DecodeError that stopped it. */
export type Decoded<T> = { ok: true; value: T } | { ok: false; error: DecodeError };

/** Runs a throwing decoder and turns its DecodeError into a value; anything else is a bug and rethrown. */
export function tryDecode<T>(fn: () => T): Decoded<T> {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    if (err instanceof DecodeError) return { ok: false, error: err };
    throw err;
  }
}
