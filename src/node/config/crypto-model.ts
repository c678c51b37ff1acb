/**
 * Crypto (IKE and IPsec) settings recorded from an IOS config; a tunnel with `tunnel protection ipsec profile` runs
 * them (src/node/ipsec/ike-config.ts): IKEv2 with `set ikev2-profile`, IKEv1 (isakmp) without.
 */

/** `crypto isakmp policy N` (IKEv1). */
export interface IsakmpPolicy {
  priority: number;
  encryption?: string;
  hash?: string;
  authentication?: string;
  group?: number;
  lifetime?: number;
}

/** `crypto isakmp key KEY address A [MASK]`, or `address ipv6 X:X::X/N`. */
export interface IsakmpKey {
  key: string;
  /** A, or an IPv6 `X:X::X/N` (from `address ipv6 …`). */
  address: string;
  mask?: string;
}

/** `crypto ipsec transform-set NAME T1 [T2 …]` with its `mode`. */
export interface TransformSet {
  name: string;
  transforms: string[];
  mode: 'tunnel' | 'transport';
}

/** `crypto ipsec profile NAME`. */
export interface IpsecProfile {
  name: string;
  transformSets: string[];
  ikev2Profile?: string;
  pfs?: string;
  /** `set security-association lifetime seconds N`. */
  lifetimeSeconds?: number;
}

/** `crypto ikev2 proposal NAME`. */
export interface Ikev2Proposal {
  name: string;
  encryption: string[];
  integrity: string[];
  group: number[];
  /** `prf …` (absent: from the integrity algorithms). */
  prf?: string[];
}

/** `crypto ikev2 policy NAME`. */
export interface Ikev2Policy {
  name: string;
  proposals: string[];
}

/** A `peer` inside `crypto ikev2 keyring`. */
export interface Ikev2KeyringPeer {
  name: string;
  /** `address A [M]`: A; `address X:X::X/N` (IPv6): the prefix as written. */
  address?: string;
  mask?: string;
  preSharedKey?: string;
}

/** `crypto ikev2 keyring NAME`. */
export interface Ikev2Keyring {
  name: string;
  peers: Ikev2KeyringPeer[];
}

/** `crypto ikev2 profile NAME`. */
export interface Ikev2Profile {
  name: string;
  matchRemoteAddresses: string[];
  authenticationLocal?: string;
  authenticationRemote?: string;
  keyring?: string;
  /** `dpd INTERVAL RETRY on-demand|periodic`. */
  dpd?: { interval: number; retry: number };
  /** `lifetime N` (IKE SA, seconds). */
  lifetime?: number;
}

/** Every recorded crypto block. */
export interface CryptoConfig {
  isakmpPolicies: IsakmpPolicy[];
  isakmpKeys: IsakmpKey[];
  transformSets: TransformSet[];
  ipsecProfiles: IpsecProfile[];
  ikev2Proposals: Ikev2Proposal[];
  ikev2Policies: Ikev2Policy[];
  ikev2Keyrings: Ikev2Keyring[];
  ikev2Profiles: Ikev2Profile[];
  /** `crypto isakmp keepalive S [R] [periodic|on-demand]` (DPD). */
  isakmpKeepalive?: { interval: number; retry: number; mode?: 'periodic' | 'on-demand' };
  /** `crypto isakmp nat keepalive S`. */
  isakmpNatKeepalive?: number;
  /** `crypto isakmp aggressive-mode disable`. */
  isakmpAggressiveDisable?: boolean;
  /** `crypto ikev2 nat keepalive N`: seconds between NAT keepalives (RFC 3948 4) when behind a NAT. */
  ikev2NatKeepalive?: number;
}

/** No crypto configured. */
export function emptyCrypto(): CryptoConfig {
  return {
    isakmpPolicies: [],
    isakmpKeys: [],
    transformSets: [],
    ipsecProfiles: [],
    ikev2Proposals: [],
    ikev2Policies: [],
    ikev2Keyrings: [],
    ikev2Profiles: [],
  };
}
