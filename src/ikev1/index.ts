/** The IKEv1 engine (RFC 2408/2409, NAT-T RFC 3947, DPD RFC 3706): sans-IO, PSK, IPsec SAs for src/ipsec. */
export { Ikev1Engine, type Ikev1EngineDeps, type Ikev1KeyEvent } from './engine.js';
export {
  resolveIkev1Config,
  DEFAULT_POLICY,
  type Ikev1Config,
  type Ikev1ConfigInput,
  type IsakmpPolicyConfig,
  type IsakmpKeyConfig,
  type EspOffer,
} from './config.js';
export {
  V1_ENCR,
  V1_HASH,
  V1_GROUPS,
  isV1Group,
  strongswanV1Name,
  type V1Encr,
  type V1Hash,
  type V1Group,
} from './algorithms.js';
export { Ikev1Error, IKEV1_ERROR_CODES, type Ikev1ErrorCode, type Ikev1Counters } from './errors.js';
export { buildIsakmpSnapshot, renderIsakmpSa, type IsakmpSnapshot, type IsakmpSaEntry } from './snapshot.js';
export { phase1Keys, extendKey, keymat, prf1 } from './keymat.js';
