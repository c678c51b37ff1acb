/** The IKEv1 / ISAKMP codec: decodeIsakmp / encodeIsakmp, the model, names, and the header shared with IKEv2. */
export * from './types.js';
export { decodeIsakmp, decodeIsakmpPayloads } from './decode.js';
export { encodeIsakmp, encodeIsakmpPayloads } from './encode.js';
export { isakmpPayloadType } from './payloads.js';
export { decodeAttributes, encodeAttributes, attributesLength, attributeValue, type Attribute } from './attributes.js';
export { decodeIkeHeader, IKE_HEADER_LENGTH, type IkeHeader } from './header.js';
export {
  IsakmpNotify,
  IkeAttribute,
  isakmpPayloadName,
  isakmpExchangeName,
  isakmpNotifyName,
  ikeAttributeName,
} from './names.js';
