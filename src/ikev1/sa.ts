/** The state of one ISAKMP (phase-1) SA and of its quick mode exchanges and IPsec SAs. */
import type { IkeAction } from '../ike/actions.js';
import type { EspSa } from '../ipsec/index.js';
import type { IsakmpPayload } from '../wire/isakmp/index.js';
import type { EspSuiteChoice } from '../ike/algorithms.js';
import type { IsakmpPolicyConfig } from './config.js';
import type { V1KeyPair } from './dh.js';
import type { Phase1Keys } from './keymat.js';

/** IOS `show crypto isakmp sa` states. */
export type P1State =
  | 'MM_NO_STATE'
  | 'MM_SA_SETUP'
  | 'MM_KEY_EXCH'
  | 'AG_NO_STATE'
  | 'AG_INIT_EXCH'
  | 'QM_IDLE'
  | 'MM_NO_STATE_DELETED';

/** One IPsec SA pair made by quick mode. */
export interface V1Child {
  spiIn: number;
  spiOut: number;
  algorithms: EspSuiteChoice;
  mode: 'transport' | 'tunnel';
  udpEncap: boolean;
  inbound: EspSa;
  outbound: EspSa;
  createdAt: number;
  lifetime: number;
  /** We ran the quick mode that made it (so we rekey it). */
  ours: boolean;
  retiring: boolean;
}

/** A quick mode exchange in progress (by message ID). */
export interface QuickMode {
  msgId: number;
  initiator: boolean;
  /** CBC state of this exchange. */
  iv: Uint8Array;
  ni: Uint8Array;
  nr?: Uint8Array;
  dh?: V1KeyPair;
  spiIn: number;
  /** The child SA this one replaces (rekey). */
  rekeyOf?: number;
  /** Responder: what QM2 agreed, installed on QM3. */
  agreed?: { choice: EspSuiteChoice; spiOut: number; udpEncap: boolean; lifetime: number; pfsSecret?: Uint8Array };
  lastSent?: Uint8Array;
  tries: number;
  startedAt: number;
}

export interface P1Sa {
  /** IOS conn-id. */
  id: number;
  initiator: boolean;
  aggressive: boolean;
  ckyI: Uint8Array;
  ckyR: Uint8Array;
  peer: string;
  peerPort: number;
  localPort: 500 | 4500;
  psk: Uint8Array;
  state: P1State;
  policy?: IsakmpPolicyConfig;
  /** The initiator's SA payload body (SAi_b). */
  saiBody?: Uint8Array;
  dh?: V1KeyPair;
  gxi?: Uint8Array;
  gxr?: Uint8Array;
  ni?: Uint8Array;
  nr?: Uint8Array;
  keys?: Phase1Keys;
  /** Phase-1 CBC chain; after phase 1, its last block (the seed of every phase-2 IV). */
  iv?: Uint8Array;
  /** Peer vendor IDs seen. */
  peerNatT: boolean;
  peerDpd: boolean;
  nat: { local: boolean; peer: boolean };
  /** Retransmission of our last phase-1 message, and the responder's answer to a repeated request. */
  lastSent?: Uint8Array;
  /** Answers to the last messages received (by a digest of their bytes), resent when one comes again. */
  replies: Map<string, IkeAction | undefined>;
  tries: number;
  createdAt: number;
  establishedAt?: number;
  lastHeard: number;
  dpd: { seq: number; outstanding?: number; misses: number };
  quick: Map<number, QuickMode>;
  children: V1Child[];
  /** Aggressive mode responder: the initiator's ID from AM1 (HASH_I covers it). */
  amIdi?: IsakmpPayload;
  /** Quick mode to start once phase 1 is up (the initiator's first). */
  pendingQuick: boolean;
}
