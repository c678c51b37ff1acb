/** Typed errors of the ESP transform: one stable code per reason a packet is refused. */

/** Why an inbound ESP packet was dropped, or an outbound one could not be sent. */
export type EspErrorCode =
  /** Shorter than header + IV + one block + ICV. */
  | 'TRUNCATED'
  /** The ciphertext is not a whole number of cipher blocks. */
  | 'BAD_LENGTH'
  /** The SPI is not this SA's. */
  | 'SPI_MISMATCH'
  /** Sequence number 0, left of the anti-replay window, or already received (RFC 4303 3.4.3). */
  | 'REPLAYED'
  /** Integrity check failed: HMAC mismatch, or the AES-GCM tag did not verify (RFC 4303 3.4.4). */
  | 'ICV_MISMATCH'
  /** Pad Length longer than the plaintext, or padding bytes other than 1, 2, 3... (RFC 4303 2.4). */
  | 'MALFORMED_TRAILER'
  /** Outbound: the 32-bit sequence number would cycle; the SA must be rekeyed (RFC 4303 3.3.3). */
  | 'SEQUENCE_EXHAUSTED';

/** An ESP packet refused: the code, the SPI and sequence number when known, and a message saying what was found. */
export class EspError extends Error {
  readonly code: EspErrorCode;
  readonly spi: number;
  readonly sequence: number | undefined;
  constructor(
    code: EspErrorCode,
    spi: number,
    sequence: number | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    const where = `SPI 0x${spi.toString(16).padStart(8, '0')}${sequence === undefined ? '' : ` seq ${sequence}`}`;
    super(`ESP ${where}: ${message}`, options);
    this.name = 'EspError';
    this.code = code;
    this.spi = spi;
    this.sequence = sequence;
  }
}
