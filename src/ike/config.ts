/** IKEv2 engine configuration (IOS `crypto ikev2 proposal/policy/keyring/profile` and transform set, flattened). */
import type { EspProposalConfig, IkeProposalConfig } from './proposals.js';

/** An IKE identity (RFC 7296 3.5): ID_IPV4_ADDR (1), ID_FQDN (2), ID_IPV6_ADDR (5) or ID_KEY_ID (11). */
export interface IkeIdentity {
  type: 'ipv4' | 'fqdn' | 'ipv6' | 'keyid';
  value: string;
}

/** One peer (IOS keyring entry + profile match). */
export interface IkePeerConfig {
  /** The peer's address (NBMA); 0.0.0.0 matches any IPv4 peer, :: any IPv6 peer, without an entry of its own. */
  address: string;
  /** Pre-shared key. */
  psk: string | Uint8Array;
  /** Our identity (default ID_IPV4_ADDR or ID_IPV6_ADDR of the local address). */
  localId?: IkeIdentity;
  /** The identity the peer must present (default: any). */
  remoteId?: IkeIdentity;
  ike: IkeProposalConfig[];
  esp: EspProposalConfig[];
  /** ESP mode: transport (the DMVPN default) or tunnel. */
  mode: 'transport' | 'tunnel';
  /** IP protocol of the traffic selectors (47 GRE between the two addresses; 0 any). */
  protocol: number;
  /** IKE SA lifetime, s (IOS 86400). */
  ikeLifetime: number;
  /** Child SA lifetime, s (IOS 3600). */
  childLifetime: number;
  /** Dead peer detection (IOS `crypto ikev2 dpd INTERVAL RETRY periodic`), s; absent: off. */
  dpd?: { interval: number; retry: number };
}

export interface IkeEngineConfig {
  localAddress: string;
  peers: IkePeerConfig[];
  /** Ask every IKE_SA_INIT for a COOKIE (true), or once this many SAs are half open (a number). Default off. */
  cookies?: boolean | number;
  /** Retransmission of requests: first timeout (ms), doubled each time, and the number of retransmissions. */
  retransmit: { timeout: number; tries: number };
}

export type IkePeerConfigInput = Partial<IkePeerConfig> & Pick<IkePeerConfig, 'address' | 'psk'>;
export type IkeEngineConfigInput = Omit<Partial<IkeEngineConfig>, 'peers'> & {
  localAddress: string;
  peers: IkePeerConfigInput[];
};

/** IOS's default IKEv2 proposal (AES-CBC-256, SHA-256, DH 14 and 19) and a GCM alternative. */
export const DEFAULT_IKE: IkeProposalConfig[] = [
  {
    encr: ['aes-cbc-256', 'aes-cbc-128'],
    prf: ['sha256', 'sha384', 'sha1'],
    integ: ['sha256-128', 'sha1-96'],
    dh: [19, 14, 31],
  },
  { encr: ['aes-gcm-16-256', 'aes-gcm-16-128'], prf: ['sha256', 'sha384', 'sha1'], dh: [19, 14, 31] },
];

/** IOS's default transform set (esp-aes esp-sha-hmac), with SHA-256 and GCM first. */
export const DEFAULT_ESP: EspProposalConfig[] = [
  { encr: ['aes-gcm-16-256', 'aes-gcm-16-128'] },
  { encr: ['aes-cbc-256', 'aes-cbc-128'], integ: ['sha256-128', 'sha1-96'] },
];

/** Fills in the IOS defaults. */
export function resolveIkeConfig(c: IkeEngineConfigInput): IkeEngineConfig {
  return {
    localAddress: c.localAddress,
    cookies: c.cookies ?? false,
    retransmit: c.retransmit ?? { timeout: 2000, tries: 5 },
    peers: c.peers.map((p) => ({
      ike: DEFAULT_IKE,
      esp: DEFAULT_ESP,
      mode: 'transport',
      protocol: 47,
      ikeLifetime: 86400,
      childLifetime: 3600,
      ...p,
    })),
  };
}
