/** The IKEv2 engine (RFC 7296): sans-IO, PSK authentication, child SAs keyed for src/ipsec. */
export { IkeEngine, type IkeEngineDeps } from './engine.js';
export type { IkeAction, ChildSaView, Endpoint } from './actions.js';
export {
  resolveIkeConfig,
  DEFAULT_ESP,
  DEFAULT_IKE,
  type IkeEngineConfig,
  type IkeEngineConfigInput,
  type IkePeerConfig,
  type IkePeerConfigInput,
  type IkeIdentity,
} from './config.js';
export type { IkeProposalConfig, EspProposalConfig } from './proposals.js';
export {
  ENCR,
  PRF,
  INTEG,
  DH_GROUPS,
  strongswanName,
  type EncrName,
  type PrfName,
  type IntegName,
  type DhGroup,
  type IkeSuite,
  type EspSuiteChoice,
} from './algorithms.js';
export { IkeError, type IkeErrorCode, type IkeCounters } from './errors.js';
export { buildSnapshot, renderIkev2Sa, type IkeSnapshot, type IkeSaEntry } from './snapshot.js';
export { ikev2DecryptionLine, type IkeSaKeys } from './wireshark.js';
export { prf, prfPlus, ikeKeys, childKeys, pskAuth } from './keymat.js';
export { dhKeyPair } from './dh.js';
export { protect, unprotect } from './sk.js';
