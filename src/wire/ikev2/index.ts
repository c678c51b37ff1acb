/** The IKEv2 codec: decodeIkev2 / encodeIkev2, the model, critical-payload check and names. */
export * from './types.js';
export { decodeIkev2, decodeIkev2Payloads, unsupportedCriticalPayload } from './decode.js';
export { encodeIkev2, encodeIkev2Payloads } from './encode.js';
export { ikev2PayloadType } from './payloads.js';
export {
  Ikev2Notify,
  ikev2NotifyName,
  isErrorNotify,
  ikev2PayloadName,
  ikev2ExchangeName,
  transformTypeName,
  transformIdName,
} from './names.js';
