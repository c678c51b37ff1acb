/** The EIGRP codec: decodeEigrp / encodeEigrp / eigrpChecksumOk, IOS digests, builders, names and JSON. */
export * from './types.js';
export { decodeEigrp, eigrpChecksumOk, EIGRP_HEADER_LENGTH, EIGRP_VERSION, type DecodeEigrpOptions } from './decode.js';
export { encodeEigrp, eigrpEncodingLength } from './encode.js';
export { decodeTlv, decodeTlvs, encodeTlv, tlvTypeCode, tlvValueLength } from './tlv.js';
export { findDigest } from './auth.js';
export {
  eigrpDigest,
  eigrpMd5Digest,
  eigrpSha256Digest,
  signEigrp,
  verifyEigrpDigest,
  type EigrpAuthKey,
} from './digest.js';
export {
  makeEigrp,
  parametersTlv,
  goodbyeTlv,
  softwareVersionTlv,
  authTlv,
  classicMetric,
  wideMetric,
} from './build.js';
export {
  eigrpOpcodeName,
  eigrpPacketName,
  eigrpFlagNames,
  eigrpTlvName,
  eigrpAuthTypeName,
  externalProtocolName,
  routeFlagNames,
  isGoodbye,
} from './names.js';
export { eigrpToJson, eigrpTlvToJson, type EigrpJson, type EigrpTlvJson } from './json.js';
