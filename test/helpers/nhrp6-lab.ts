/** An IPv6-overlay NHRP bench (IPv4 NBMA): hub and two spokes on 2001:db8:0:100::/64, LANs 2001:db8:N::/64. */
import type { NhrpEngineConfigInput } from '../../src/nhrp/config.js';
import type { RouteLookup } from '../../src/nhrp/routes.js';
import { inPrefix6 } from '../../src/wire/ipv6-addr.js';
import { Lab } from './nhrp-lab.js';

export const HUB6 = { protocol: '2001:db8:0:100::1', nbma: '192.0.2.1' };
export const SPOKE6_1 = { protocol: '2001:db8:0:100::2', nbma: '192.0.2.2' };
export const SPOKE6_2 = { protocol: '2001:db8:0:100::3', nbma: '192.0.2.3' };

/** An IPv6 engine config for `self` (authentication DMVPN6, /64 tunnel prefix). */
export function config6(
  self: { protocol: string; nbma: string },
  extra: Partial<NhrpEngineConfigInput> = {},
): NhrpEngineConfigInput {
  return {
    family: 'ipv6',
    protocolAddress: self.protocol,
    prefixLength: 64,
    nbmaAddress: self.nbma,
    authentication: 'DMVPN6',
    ...extra,
  };
}

/** A spoke registering to the hub (`ipv6 nhrp map` + `nhs`). */
export function spoke6(self: typeof SPOKE6_1, extra: Partial<NhrpEngineConfigInput> = {}): NhrpEngineConfigInput {
  return config6(self, {
    staticMaps: [{ protocol: HUB6.protocol, nbma: HUB6.nbma }],
    nhs: [{ protocol: HUB6.protocol }],
    multicast: { static: [HUB6.nbma] },
    ...extra,
  });
}

/** A spoke owns 2001:db8:N::/64 and reaches everything else via the hub. */
export const spokeRoutes6 =
  (n: number): RouteLookup =>
  (dst) =>
    inPrefix6(dst, `2001:db8:${n}::`, 64)
      ? { kind: 'local', prefix: `2001:db8:${n}::`, prefixLength: 64 }
      : { kind: 'tunnel', nextHop: HUB6.protocol };

/** The hub routes each spoke's LAN to that spoke. */
export const hubRoutes6: RouteLookup = (dst) =>
  inPrefix6(dst, '2001:db8:2::', 64)
    ? { kind: 'tunnel', nextHop: SPOKE6_1.protocol }
    : inPrefix6(dst, '2001:db8:3::', 64)
      ? { kind: 'tunnel', nextHop: SPOKE6_2.protocol }
      : undefined;

/** An IPv6 header + 8 bytes (ICMPv6 echo request) from `src` to `dst`. */
export function head6(src: Uint8Array, dst: Uint8Array): Uint8Array {
  const h = new Uint8Array(48);
  h.set([0x60, 0, 0, 0, 0, 16, 58, 64]);
  h.set(src, 8);
  h.set(dst, 24);
  h.set([128, 0, 0x12, 0x34, 0, 1, 0, 1], 40);
  return h;
}

/** 16 bytes of an address given as eight 16-bit groups. */
export const groups6 = (g: number[]): Uint8Array => new Uint8Array(g.flatMap((x) => [x >> 8, x & 255]));

/**
 * Hub (redirect) and two spokes (shortcut) after registration, Phase 2 resolution and a Phase 3
 * redirect: every packet type the IPv6 engine sends is in `lab.sent`.
 */
export function lab6(opts: { redirect?: boolean; shortcut?: boolean } = {}): Lab {
  const lab = new Lab({ latencyMs: 0 });
  lab.add('hub', config6(HUB6, { multicast: { dynamic: true }, redirect: opts.redirect }), hubRoutes6);
  lab.add('spoke1', spoke6(SPOKE6_1, { shortcut: opts.shortcut }), spokeRoutes6(2));
  lab.add('spoke2', spoke6(SPOKE6_2, { shortcut: opts.shortcut }), spokeRoutes6(3));
  lab.runTo(1);
  return lab;
}

/** The bytes of every IPv6 NHRP packet of a registration, Phase 2 and Phase 3 run (fuzzing seeds). */
export function ipv6NhrpSeeds(): Uint8Array<ArrayBuffer>[] {
  const lab = lab6({ redirect: true, shortcut: true });
  lab.input('spoke1', (e, now) => e.nextHopUnknown(now, SPOKE6_2.protocol));
  const src = groups6([0x2001, 0xdb8, 2, 0, 0, 0, 0, 10]);
  const dst = groups6([0x2001, 0xdb8, 3, 0, 0, 0, 0, 10]);
  lab.input('hub', (e, now) => e.hairpin(now, { fromNbma: SPOKE6_1.nbma, ipPacketHead: head6(src, dst) }));
  lab.runTo(3);
  lab.input('spoke2', (e, now) => e.purge(now, '2001:db8:3::', 64));
  lab.runTo(4);
  return lab.sent.map((s) => Uint8Array.from(s.bytes));
}
