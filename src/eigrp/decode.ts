/** The engine's edge decoder: checksum and codec in one step, with the reason a packet is refused. */
import { DecodeError } from '../wire/errors.js';
import { decodeEigrp, eigrpChecksumOk, type EigrpPacket } from '../wire/eigrp/index.js';

export { decodeEigrp };

/** The packet, or undefined when the checksum is wrong or the codec rejects it. */
export function tryDecodeEigrp(bytes: Uint8Array): EigrpPacket | undefined {
  if (!eigrpChecksumOk(bytes)) return undefined;
  try {
    return decodeEigrp(bytes);
  } catch (e) {
    if (e instanceof DecodeError) return undefined;
    throw e;
  }
}
