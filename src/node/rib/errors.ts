/** Typed errors of the routing table: a stable `code` and the thing named. */

/** Stable codes a caller can switch on. */
export type RibErrorCode =
  /** A route kind whose name or code another kind already has. */
  | 'ROUTE_KIND_CONFLICT'
  /** A source added twice, or a second source of the same kind. */
  | 'ROUTE_SOURCE_DUPLICATE';

/** A route source or kind the table cannot take. */
export class RibError extends Error {
  readonly code: RibErrorCode;
  constructor(code: RibErrorCode, message: string) {
    super(message);
    this.name = 'RibError';
    this.code = code;
  }
}
