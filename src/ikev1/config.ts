/** IKEv1 engine configuration: IOS `crypto isakmp policy/key/keepalive`, transform set and ipsec profile. */
import type { EncrName, IntegName } from '../ike/algorithms.js';
import type { V1Encr, V1Group, V1Hash } from './algorithms.js';

/** `crypto isakmp policy N`. */
export interface IsakmpPolicyConfig {
  priority: number;
  encr: V1Encr;
  hash: V1Hash;
  group: V1Group;
  /** Seconds (IOS default 86400). */
  lifetime: number;
}

/**
 * `crypto isakmp key K address A [M]`: A/M 0.0.0.0/0.0.0.0 matches every IPv4 peer; `address ipv6 X/N`: address X,
 * mask the prefix length N as text (`::` and `0` match every IPv6 peer).
 */
export interface IsakmpKeyConfig {
  address: string;
  mask: string;
  psk: string | Uint8Array;
}

/** One ESP offer (a transform set): AES-CBC with an integrity algorithm, or AES-GCM. */
export interface EspOffer {
  encr: EncrName;
  integ?: IntegName;
}

export interface Ikev1Config {
  localAddress: string;
  policies: IsakmpPolicyConfig[];
  keys: IsakmpKeyConfig[];
  esp: EspOffer[];
  mode: 'transport' | 'tunnel';
  /** IP protocol of the quick mode IDs (47: GRE between the two addresses; 0: any). */
  protocol: number;
  /** `set pfs groupN`. */
  pfs?: V1Group;
  /** IPsec SA lifetime, s (IOS 3600). */
  childLifetime: number;
  /** `crypto isakmp keepalive S [R]`: DPD R-U-THERE after S s of silence, retried every R s (IOS: 2). */
  dpd?: { interval: number; retry: number };
  /** `crypto isakmp nat keepalive S`: a NAT-keepalive every S s when behind a NAT. */
  natKeepalive?: number;
  /** Accept aggressive mode as responder (`crypto isakmp aggressive-mode disable` turns it off). */
  acceptAggressive: boolean;
  /** Start phase 1 in aggressive mode instead of main mode. */
  initiateAggressive: boolean;
  /** Offer the NAT-T vendor IDs and NAT-D (RFC 3947). */
  natTraversal: boolean;
  /** First retransmission timeout (ms), doubled each time, and the number of retransmissions. */
  retransmit: { timeout: number; tries: number };
}

export type Ikev1ConfigInput = Partial<Ikev1Config> & Pick<Ikev1Config, 'localAddress' | 'keys'>;

/** IOS's default policy 65007 family, cut to one: AES-256, SHA-256, group 14. */
export const DEFAULT_POLICY: IsakmpPolicyConfig = {
  priority: 65535,
  encr: 'aes-256',
  hash: 'sha256',
  group: 14,
  lifetime: 86400,
};

export function resolveIkev1Config(c: Ikev1ConfigInput): Ikev1Config {
  return {
    policies: [DEFAULT_POLICY],
    esp: [{ encr: 'aes-cbc-256', integ: 'sha256-128' }],
    mode: 'transport',
    protocol: 47,
    childLifetime: 3600,
    acceptAggressive: true,
    initiateAggressive: false,
    natTraversal: true,
    retransmit: { timeout: 2000, tries: 5 },
    ...c,
  };
}
