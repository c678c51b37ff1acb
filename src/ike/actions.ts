/**
 * What the IKEv2 engine asks its driver to do: send a datagram, install or remove ESP SAs, report IKE SAs going
 * up and down, log (IOS syslog lines) and debug (`debug crypto ikev2` text). The engine does no I/O itself.
 */
import type { EspSa, EspSuite } from '../ipsec/index.js';
import type { TrafficSelector } from '../wire/ikev2/index.js';
import type { EspSuiteChoice } from './algorithms.js';
import type { IkeSaKeys } from './wireshark.js';

/** A UDP endpoint. */
export interface Endpoint {
  address: string;
  port: number;
}

/** A child SA as the data plane needs it: both ESP SAs, ready for EspInbound / EspOutbound. */
export interface ChildSaView {
  /** Our inbound SPI (the peer sends with it) and outbound SPI. */
  spiIn: number;
  spiOut: number;
  inbound: EspSa;
  outbound: EspSa;
  suite: EspSuite;
  algorithms: EspSuiteChoice;
  mode: 'transport' | 'tunnel';
  localTs: TrafficSelector[];
  remoteTs: TrafficSelector[];
  /** Seconds. */
  lifetime: number;
  /** UDP encapsulation (RFC 3948) when NAT was detected: the ports ESP goes between. */
  encap?: { localPort: number; peerPort: number };
}

export type IkeAction =
  /** Send `bytes` (a UDP payload: on port 4500 it starts with the non-ESP marker) from `localPort` to `to`. */
  | { kind: 'send'; localPort: number; to: Endpoint; bytes: Uint8Array }
  /** An IKE SA is up; `keys` lets a driver log it for Wireshark (`ikev2_decryption_table`). */
  | { kind: 'ikeUp'; tunnelId: number; peer: string; rekeyOf?: number; keys?: IkeSaKeys }
  | { kind: 'ikeDown'; tunnelId: number; peer: string; reason: string }
  /** A child SA is installed; `rekeyOf` is the inbound SPI of the SA it replaces (still valid until childDown). */
  | { kind: 'childUp'; tunnelId: number; peer: string; child: ChildSaView; rekeyOf?: number }
  | { kind: 'childDown'; tunnelId: number; peer: string; spiIn: number; spiOut: number; reason: string }
  /** An IOS syslog line, e.g. `%IKEV2-5-SA_UP: ...`. */
  | { kind: 'log'; text: string }
  /** One line of `debug crypto ikev2` text. */
  | { kind: 'event'; text: string };
