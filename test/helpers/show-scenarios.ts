/** DMVPN situations built with real engines: Phase 2 resolution, Phase 3 shortcut, a spoke behind NAT. */
import type { RouteLookup } from '../../src/nhrp/routes.js';
import { HUB, hubConfig, ios, Net, SPOKE1, SPOKE2, spokeConfig } from './show-engines.js';

/** IOS configs matching the engines' addresses (the Cisco captures' lab). */
export const HUB_CFG = ios(`hostname hub
interface GigabitEthernet0/1
 ip address 192.168.123.1 255.255.255.0
interface Tunnel0
 ip address 172.16.123.1 255.255.255.0
 ip nhrp map multicast dynamic
 ip nhrp network-id 1
 ip nhrp redirect
 tunnel source GigabitEthernet0/1
 tunnel mode gre multipoint
`);

export const SPOKE1_CFG = ios(`hostname spoke1
interface Loopback0
 ip address 2.2.2.2 255.255.255.0
interface GigabitEthernet0/1
 ip address 192.168.123.2 255.255.255.0
interface Tunnel0
 ip address 172.16.123.2 255.255.255.0
 ip nhrp map 172.16.123.1 192.168.123.1
 ip nhrp map multicast 192.168.123.1
 ip nhrp network-id 1
 ip nhrp nhs 172.16.123.1
 ip nhrp shortcut
 tunnel source GigabitEthernet0/1
 tunnel mode gre multipoint
 tunnel key 1000
ip route 0.0.0.0 0.0.0.0 192.168.123.254
`);

/** Phase 2 at 15 s: spokes registered at 0 s; at 10 s spoke1 resolved spoke2 and, in vain, 172.16.123.99. */
export function phase2(): Net {
  const net = new Net();
  net.add('hub', hubConfig());
  net.add('spoke1', spokeConfig(SPOKE1));
  net.add('spoke2', spokeConfig(SPOKE2));
  net.runTo(10);
  net.input('spoke1', (e, now) => e.nextHopUnknown(now, SPOKE2.protocol));
  net.input('spoke1', (e, now) => e.nextHopUnknown(now, '172.16.123.99'));
  net.runTo(15);
  return net;
}

/** IPv4 header + 8 bytes of a packet 2.2.2.2 → 3.3.3.3 (the Cisco Traffic Indication's payload). */
const HEAD = Uint8Array.from(Buffer.from('4500001c036400000111ac640202020203030303c011829d0008b325', 'hex'));

/** Owns `net/len`, sends everything else over the tunnel to `via`. */
function owns(net: string, len: number, via: string): RouteLookup {
  const prefix = `${net
    .split('.')
    .slice(0, len / 8)
    .join('.')}.`;
  return (dst) =>
    dst.startsWith(prefix) ? { kind: 'local', prefix: net, prefixLength: len } : { kind: 'tunnel', nextHop: via };
}

/** Phase 3 at 8 s: at 5 s the hub saw 2.2.2.2 → 3.3.3.3 hairpin; spoke1 now has a shortcut to 3.3.3.0/24. */
export function phase3(): Net {
  const net = new Net();
  const hubRoutes: RouteLookup = (d) =>
    d.startsWith('3.3.3.')
      ? { kind: 'tunnel', nextHop: SPOKE2.protocol }
      : d.startsWith('2.2.2.')
        ? { kind: 'tunnel', nextHop: SPOKE1.protocol }
        : undefined;
  net.add('hub', hubConfig({ redirect: true }), hubRoutes);
  net.add('spoke1', spokeConfig(SPOKE1, { shortcut: true }), owns('2.2.2.0', 24, HUB.protocol));
  net.add('spoke2', spokeConfig(SPOKE2, { shortcut: true }), owns('3.3.3.0', 24, HUB.protocol));
  net.runTo(5);
  net.input('hub', (e, now) => e.hairpin(now, { fromNbma: SPOKE1.nbma, ipPacketHead: HEAD }));
  net.runTo(8);
  return net;
}

/** At 12 s: spoke1 sits behind a NAT (outside 203.0.113.2); at 10 s spoke2 resolved it. */
export function natted(): Net {
  const net = new Net();
  net.add('hub', hubConfig());
  net.add('spoke1', spokeConfig(SPOKE1), undefined, '203.0.113.2');
  net.add('spoke2', spokeConfig(SPOKE2));
  net.runTo(10);
  net.input('spoke2', (e, now) => e.nextHopUnknown(now, SPOKE1.protocol));
  net.runTo(12);
  return net;
}
