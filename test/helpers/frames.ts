/** Builders for the unit tests: Ethernet frames, IPv4 packets and a data plane wired to fakes. */
import { encodeIpv4, makeIpv4 } from '../../src/wire/ipv4.js';
import { FakeNbmaNetwork, FakeTap, type FakeNbmaSocket } from '../../src/node/dataplane/fakes.js';
import { TunnelDataplane, type DataplaneOptions } from '../../src/node/dataplane/tunnel.js';
import type { HairpinEvent, NhrpHooks, TunnelPortConfig } from '../../src/node/dataplane/ports.js';

/** Bytes from a hex string with optional spaces/colons. */
export function hex(s: string): Uint8Array {
  const clean = s.replace(/[\s:]/g, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}

/** Hex text of bytes, for readable assertion failures. */
export function toHex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

/** An Ethernet frame: dst, src, EtherType, payload. */
export function ethernet(dst: string, src: string, type: number, payload: Uint8Array): Uint8Array {
  const f = new Uint8Array(14 + payload.length);
  f.set(hex(dst), 0);
  f.set(hex(src), 6);
  f[12] = type >> 8;
  f[13] = type & 0xff;
  f.set(payload, 14);
  return f;
}

/** A small UDP-like IPv4 packet with a recognisable payload. */
export function ipv4(src: string, dst: string, id = 1, payloadLength = 12): Uint8Array {
  const payload = Uint8Array.from({ length: payloadLength }, (_, i) => (i * 7 + id) & 0xff);
  return encodeIpv4(makeIpv4({ src, dst, protocol: 17, id, ttl: 64, payload }));
}

/** Everything the hooks were called with, in order. */
export interface HookLog {
  unknown: string[];
  used: string[];
  hairpins: HairpinEvent[];
  nhrp: { src: string; bytes: Uint8Array }[];
}

/** A mutable NHRP view the hooks read from. */
export interface FakeNhrp {
  map: Map<string, string>;
  nhs: string | undefined;
  multicast: string[];
  reverse: Map<string, string>;
}

/** A data plane at NBMA 192.0.2.1 / tunnel 10.0.0.1/24 on fake ports, with a settable clock. */
export function rig(config: Partial<TunnelPortConfig> = {}, extra: Partial<DataplaneOptions> = {}, headroom = 20) {
  const net = new FakeNbmaNetwork();
  const socket: FakeNbmaSocket = net.socket('192.0.2.1', headroom);
  const tap = new FakeTap();
  const nhrp: FakeNhrp = { map: new Map(), nhs: undefined, multicast: [], reverse: new Map() };
  const log: HookLog = { unknown: [], used: [], hairpins: [], nhrp: [] };
  const clock = { now: 1_000 };
  const hooks: NhrpHooks = {
    nbmaFor: (a) => nhrp.map.get(a),
    nhsNbma: () => nhrp.nhs,
    multicastTargets: () => nhrp.multicast,
    tunnelAddrFor: (n) => nhrp.reverse.get(n),
    nhrpPacket: (src, bytes) => log.nhrp.push({ src, bytes }),
    nextHopUnknown: (_now, a) => log.unknown.push(a),
    used: (_now, a) => log.used.push(a),
    hairpin: (_now, e) => log.hairpins.push(e),
  };
  const dp = new TunnelDataplane({
    config: { name: 'Tunnel0', address: '10.0.0.1', prefixLength: 24, ...config },
    tap,
    socket,
    hooks,
    clock: () => clock.now,
    ...extra,
  });
  dp.start();
  return { dp, tap, socket, net, nhrp, log, clock };
}

/** The TAP MAC FakeTap uses by default, as text. */
export const TAP_MAC = '52:54:00:12:34:56';
