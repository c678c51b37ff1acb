/**
 * One IKE SA (RFC 7296 2): SPIs, role, ports and NAT state, negotiated suite and keys, the nonces and first
 * messages AUTH signs, message IDs (window 1: one request of ours outstanding, others queued), the cached last
 * response, and its child SAs.
 */
import type { IkeSuite } from './algorithms.js';
import type { ChildSa } from './child-sa.js';
import type { IkePeerConfig } from './config.js';
import type { DhKeyPair } from './dh.js';
import type { IkeKeys } from './keymat.js';
import { hex } from './payloads.js';
import type { SkKeys } from './sk.js';
import type { Ikev2Message, Ikev2Payload } from '../wire/ikev2/index.js';

/**
 * init: IKE_SA_INIT sent or answered; auth: IKE_AUTH sent (initiator); established; deleting: our DELETE of it
 * is outstanding.
 */
export type IkeSaState = 'init' | 'auth' | 'established' | 'deleting';

/** Our request waiting for its response. */
export interface Outstanding {
  id: number;
  exchange: number;
  bytes: Uint8Array;
  /** Retransmissions so far. */
  tries: number;
  /** Timeout before the next retransmission, ms. */
  timeout: number;
  /** Fixed retransmission interval (DPD's retry), instead of doubling. */
  fixed?: number;
  what: string;
  onResponse(payloads: Ikev2Payload[], msg: Ikev2Message): void;
  /** Retransmissions exhausted (default: the SA is torn down as unreachable). */
  onTimeout?(): void;
}

/** A request waiting for the window. */
export interface Queued {
  exchange: number;
  what: string;
  /** Builds the payloads when it is the request's turn (so nonces and SPIs are fresh). */
  build(): Ikev2Payload[] | undefined;
  onResponse(payloads: Ikev2Payload[], msg: Ikev2Message): void;
  onTimeout?(): void;
  fixed?: number;
  /** Moves to the IKE SA that rekeys this one (child SA work), instead of dying with it. */
  follows?: boolean;
}

export class IkeSa {
  readonly id: number;
  readonly peer: IkePeerConfig;
  /** We are the original initiator (the I flag on what we send). */
  readonly initiator: boolean;
  spiI: Uint8Array;
  spiR: Uint8Array = new Uint8Array(8);
  state: IkeSaState = 'init';
  localPort = 500;
  peerPort = 500;
  /** NAT between us: our address is translated (natLocal) / the peer's is (natRemote). */
  natLocal = false;
  natRemote = false;
  suite?: IkeSuite;
  keys?: IkeKeys;
  ni: Uint8Array = new Uint8Array(0);
  nr: Uint8Array = new Uint8Array(0);
  dh?: DhKeyPair;
  /** The IKE_SA_INIT request and response as sent (AUTH signs them). */
  initRequest: Uint8Array = new Uint8Array(0);
  initResponse: Uint8Array = new Uint8Array(0);
  cookie?: Uint8Array;
  cookieTries = 0;
  /** Our next request's message ID, and the peer's next one we expect. */
  nextId = 0;
  expectId = 0;
  outstanding?: Outstanding;
  readonly queue: Queued[] = [];
  lastResponse?: { id: number; bytes: Uint8Array };
  readonly children: ChildSa[] = [];
  createdAt: number;
  establishedAt?: number;
  /** Last authenticated message from the peer (DPD). */
  lastHeard: number;
  /** Tunnel-id of the SA that rekeyed this one (its children moved there). */
  replacedBy?: number;
  /** The peer's identity, once authenticated. */
  remoteId = '';

  constructor(id: number, peer: IkePeerConfig, initiator: boolean, spiI: Uint8Array, now: number) {
    this.id = id;
    this.peer = peer;
    this.initiator = initiator;
    this.spiI = spiI;
    this.createdAt = now;
    this.lastHeard = now;
  }

  /** Our SPI: the key our SA table uses. */
  get ourSpi(): Uint8Array {
    return this.initiator ? this.spiI : this.spiR;
  }

  get key(): string {
    return hex(this.ourSpi);
  }

  /** Keys for what we send, and for what we receive. */
  get sendKeys(): SkKeys {
    const k = this.keys!;
    return this.initiator ? { encKey: k.skEi, integKey: k.skAi } : { encKey: k.skEr, integKey: k.skAr };
  }

  get receiveKeys(): SkKeys {
    const k = this.keys!;
    return this.initiator ? { encKey: k.skEr, integKey: k.skAr } : { encKey: k.skEi, integKey: k.skAi };
  }

  get peerEndpoint(): { address: string; port: number } {
    return { address: this.peer.address, port: this.peerPort };
  }
}
