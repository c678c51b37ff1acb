/** IPsec data-plane pieces that do no I/O: the ESP transform, its anti-replay window, and the Wireshark SA line. */
export {
  EspOutbound,
  EspInbound,
  sealEsp,
  openEsp,
  espSealedLength,
  type EspOpened,
  type EspInboundCounters,
} from './esp-transform.js';
export { espKeys, nodeEspCipher, type EspCipher, type EspCipherFactory, type EspKeys } from './esp-cipher.js';
export { EspError, type EspErrorCode } from './errors.js';
export { ReplayWindow, type ReplayVerdict } from './replay-window.js';
export { SUITES, aesKeyLength, type EspSa, type EspSuite, type SuiteInfo } from './suites.js';
export { espSaUatLine } from './wireshark.js';
export {
  EspKeyring,
  parseEspSaUatLine,
  unwrapEsp,
  unwrapFrame,
  type EspSaRecord,
  type Unwrapped,
  type UnwrappedFrame,
} from './capture.js';
