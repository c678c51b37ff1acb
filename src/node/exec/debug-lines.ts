/**
 * Which router log and debug lines each `debug …` command of the control socket streams. The router's log fans
 * every line out to debug subscribers; each command keeps its own kind:
 *
 *   debug crypto ikev2   IKEv2's debug text (`IKEv2:(SA ID = 1):…`) and syslog (`%IKEV2-5-SA_UP: …`)
 *   debug crypto isakmp  IKEv1's debug text (`ISAKMP:(1): …`, `ISAKMP (0): …`) and syslog (`%CRYPTO-6-IKMP_…`)
 *   debug crypto ipsec   IPsec SA events (`IPSEC(create_sa): …`) and ESP errors (`%CRYPTO-4-PKT_REPLAY_ERR: …`)
 *   debug eigrp packets  EIGRP packets and DUAL log lines
 *   debug nhrp           everything else (NHRP events, state changes, syslog)
 */

/** IKEv2's debug and log lines. */
export const IKEV2_LINE = /IKEv2|%IKEV2-/;
/** IKEv1's (ISAKMP) debug and log lines. */
export const ISAKMP_LINE = /ISAKMP|%CRYPTO-\d-IKMP_/;
/** IPsec's. */
export const IPSEC_LINE = /IPSEC\(|%CRYPTO-/;
/** EIGRP's. */
export const EIGRP_LINE = /EIGRP|%DUAL-/;
/** Crypto debug lines (not syslog), which `debug nhrp` leaves out. */
const CRYPTO_DEBUG = /: (IKEv2|ISAKMP|IPSEC\()/;

/** The lines `debug nhrp` streams: all but EIGRP's and the crypto debug text. */
export const nhrpDebugLine = (l: string): boolean => !EIGRP_LINE.test(l) && !CRYPTO_DEBUG.test(l);
