/** Builders with Cisco IOS defaults, for the engine and tests: packets, auth and the usual extension list. */
import { makeCie } from './cie.js';
import { NhrpType, type Cie, type Extension, type NhrpPacket } from './types.js';

export { makeCie };

/** A packet with Cisco defaults: IPv4 over IPv4, hop count 255, version 1, no CIEs, no extensions. */
export function makeNhrp(fields: Partial<NhrpPacket> = {}): NhrpPacket {
  return {
    afn: 1,
    protocolType: 0x0800,
    snap: new Uint8Array(5),
    hopCount: 255,
    checksum: 0,
    version: 1,
    type: NhrpType.RegistrationRequest,
    shtlTypeBits: 0,
    sstlTypeBits: 0,
    flags: 0,
    requestId: 0,
    srcNbma: '',
    srcNbmaSubaddress: '',
    srcProto: '',
    dstProto: '',
    cies: [],
    payload: new Uint8Array(0),
    extensions: [],
    ...fields,
  };
}

/** Cisco's cleartext Authentication extension (SPI 1, password bytes, compulsory). */
export function authExtension(password: string): Extension {
  return { type: 'authentication', compulsory: true, spi: 1, data: new TextEncoder().encode(password) };
}

/** Options for ciscoExtensions. */
export interface CiscoExtensionOptions {
  /** `ip nhrp authentication` password; no Authentication extension when absent. */
  password?: string;
  /** Cisco NAT extension CIEs; no NAT extension when absent. */
  nat?: Cie[];
  /** CIE for the Responder Address extension (empty in requests). */
  responder?: Cie[];
  forwardTransit?: Cie[];
  reverseTransit?: Cie[];
}

/** The extension list in Cisco's order: Responder, Forward Transit, Reverse Transit, Authentication, NAT, End. */
export function ciscoExtensions(o: CiscoExtensionOptions = {}): Extension[] {
  const list: Extension[] = [
    { type: 'responder', compulsory: true, cies: o.responder ?? [] },
    { type: 'forwardTransit', compulsory: true, cies: o.forwardTransit ?? [] },
    { type: 'reverseTransit', compulsory: true, cies: o.reverseTransit ?? [] },
  ];
  if (o.password !== undefined) list.push(authExtension(o.password));
  if (o.nat !== undefined) list.push({ type: 'ciscoNat', compulsory: false, cies: o.nat });
  list.push({ type: 'end', compulsory: true });
  return list;
}
