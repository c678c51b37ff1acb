/** The NHRP codec: decodeNhrp / encodeNhrp / nhrpChecksumOk, address helpers, builders and the shared model. */
export * from './types.js';
export { decodeNhrp, nhrpChecksumOk, hasCies, NHRP_FIXED_LENGTH, type DecodeNhrpOptions } from './decode.js';
export { encodeNhrp, nhrpEncodingLength } from './encode.js';
export { addrFromBytes, addrToBytes, addrLength } from './addr.js';
export { decodeCie, decodeCies, encodeCie, cieLength, makeCie } from './cie.js';
export { decodeExtension, decodeExtensions, encodeExtension, extensionTypeField } from './extensions.js';
export { makeNhrp, authExtension, ciscoExtensions, type CiscoExtensionOptions } from './build.js';
export { nhrpTypeName, nhrpFlagNames, cieCodeName, errorCodeName, extensionName } from './names.js';
export {
  nhrpToJson,
  cieToJson,
  extensionToJson,
  type NhrpPacketJson,
  type CieJson,
  type ExtensionJson,
} from './json.js';
