/** Builders with IOS defaults, for engines and tests: packets, Hello TLVs, routes, an empty auth TLV. */
import {
  EigrpAuthType,
  EigrpOpcode,
  type ClassicMetric,
  type EigrpPacket,
  type EigrpTlv,
  type WideMetric,
} from './types.js';

type Tlv<T extends EigrpTlv['type']> = Extract<EigrpTlv, { type: T }>;

/** A packet with IOS defaults: version 2, Hello, no flags, sequence and ack 0, VRID 0, AS 1, no TLVs. */
export function makeEigrp(fields: Partial<EigrpPacket> = {}): EigrpPacket {
  return {
    version: 2,
    opcode: EigrpOpcode.Hello,
    checksum: 0,
    flags: 0,
    sequence: 0,
    ack: 0,
    vrid: 0,
    as: 1,
    tlvs: [],
    ...fields,
  };
}

/** Parameters with IOS defaults: K1 = K3 = 1, the others 0, hold time 15 s. */
export function parametersTlv(fields: Partial<Omit<Tlv<'parameters'>, 'type'>> = {}): Tlv<'parameters'> {
  return { type: 'parameters', k1: 1, k2: 0, k3: 1, k4: 0, k5: 0, k6: 0, holdTime: 15, ...fields };
}

/** The Peer Termination (goodbye) form of Parameters: K1-K6 all 255. */
export function goodbyeTlv(holdTime = 15): Tlv<'parameters'> {
  return { type: 'parameters', k1: 255, k2: 255, k3: 255, k4: 255, k5: 255, k6: 255, holdTime };
}

/** Software Version as IOS 15 sends it: release 20.0, TLV version 2.0. */
export function softwareVersionTlv(): Tlv<'softwareVersion'> {
  return { type: 'softwareVersion', releaseMajor: 20, releaseMinor: 0, tlvMajor: 2, tlvMinor: 0 };
}

/**
 * An Authentication TLV with a zero digest of the right size, to be filled by signEigrp:
 * MD5 (type 2, 16 bytes) or HMAC-SHA-256 (type 3, 32 bytes; IOS sends key ID 0).
 */
export function authTlv(
  mode: 'md5' | 'sha256',
  keyId = mode === 'md5' ? 1 : 0,
  keySequence = 0,
): Tlv<'authentication'> {
  const authType = mode === 'md5' ? EigrpAuthType.Md5 : EigrpAuthType.Sha256;
  const digest = new Uint8Array(mode === 'md5' ? 16 : 32);
  return { type: 'authentication', authType, keyId, keySequence, nullPad: new Uint8Array(8), digest };
}

/** A classic metric for a directly connected FastEthernet-like link (scaled delay 25600, bandwidth 25600). */
export function classicMetric(fields: Partial<ClassicMetric> = {}): ClassicMetric {
  return {
    delay: 25600,
    bandwidth: 25600,
    mtu: 1500,
    hopCount: 0,
    reliability: 255,
    load: 1,
    routeTag: 0,
    flags: 0,
    ...fields,
  };
}

/** A wide metric for a directly connected GigabitEthernet (delay 10 µs in ps, 1 Gbit/s). */
export function wideMetric(fields: Partial<WideMetric> = {}): WideMetric {
  return {
    priority: 0,
    reliability: 255,
    load: 1,
    mtu: 1500,
    hopCount: 0,
    delay: 10_000_000,
    bandwidth: 1_000_000,
    reserved: 0,
    flags: 0,
    attributes: new Uint8Array(0),
    ...fields,
  };
}
