/**
 * EIGRP for IPv4 in dmvpnd (the family part of ./eigrp-host.ts): raw IPv4 sockets for protocol 88 in
 * the router's namespace, routes as a RouteSource of the routing table (EigrpSource).
 *
 * Sockets, the same for Ethernet and Tunnel interfaces (a tunnel is a TAP device: the kernel sends
 * 224.0.0.10 out tunN like any multicast, and the data plane replicates it along the
 * `ip nhrp map multicast` entries; EIGRP inside GRE arrives written into the TAP):
 * - one unbound receive socket, a member of 224.0.0.10 on every interface EIGRP speaks on; the
 *   interface of a packet is the one whose subnet holds its source;
 * - one send socket per interface, bound to the interface address: the kernel sends multicast out
 *   the interface that owns a bound source (TTL 1), unicast by the route to the neighbor.
 */
import { EIGRP_IPV4, type EigrpInterfaceInput } from '../../eigrp/index.js';
import { formatIpv4, networkBits, parseIpv4 } from '../../wire/ipv4-addr.js';
import { EigrpSource } from '../rib/eigrp.js';
import { joinGroup } from '../sys/native.js';
import { RawSocket } from '../sys/raw-socket.js';
import { eigrpInput } from './eigrp-config.js';
import type { EigrpHostFamily, EigrpReceive, EigrpSockets } from './eigrp-host.js';
import { EigrpLinks } from './eigrp-links.js';
import { describeError } from './errors.js';

const PROTO_EIGRP = 88;

/** EIGRP for IPv4: `router eigrp`, its routes an EigrpSource read by the routing table. */
export function eigrpIpv4(clock: () => number): EigrpHostFamily<EigrpSource> {
  return {
    input: (config) => eigrpInput(config),
    sockets: (receive) => new Ipv4Sockets(receive),
    routes: (device) => new EigrpSource(device, clock),
  };
}

/** One interface's send socket and the subnet that tells its received packets. */
interface Link {
  name: string;
  address: string;
  net: number;
  prefixLength: number;
  tx: RawSocket;
  close(): void;
}

class Ipv4Sockets implements EigrpSockets {
  private rx: RawSocket | undefined;
  private readonly links = new EigrpLinks<Link>();
  private readonly joined = new Set<string>();

  constructor(private readonly receive: EigrpReceive) {}

  update(interfaces: readonly EigrpInterfaceInput[], _devices: ReadonlyMap<string, string>, problems: string[]): void {
    if (!this.rx) {
      const rx = RawSocket.open({ protocol: PROTO_EIGRP, batchSends: false, bufferBytes: 1 << 20 });
      this.rx = rx;
      rx.onPacket((src, payload) => this.onPacket(src, payload));
    }
    const wanted = interfaces.map((i) => ({
      name: i.name,
      key: `${i.address}/${i.prefixLength}`,
      open: (): Link => {
        const tx = RawSocket.open({ protocol: PROTO_EIGRP, bind: i.address, batchSends: false, bufferBytes: 1 << 20 });
        const net = networkBits(parseIpv4(i.address)!, i.prefixLength);
        return { name: i.name, address: i.address, net, prefixLength: i.prefixLength, tx, close: () => tx.close() };
      },
    }));
    // A bind failure means the address is not on the device (a tunnel whose TAP failed): EIGRP stays off it.
    this.links.sync(wanted, problems);
    for (const l of this.links) {
      const key = `${l.name}|${l.address}`;
      if (this.joined.has(key)) continue;
      try {
        joinGroup(this.rx.fd, parseIpv4(EIGRP_IPV4.multicast)!, parseIpv4(l.address)!);
        this.joined.add(key);
      } catch (err) {
        problems.push(`%EIGRP-4-JOIN: ${l.name}: ${describeError(err)}`);
      }
    }
  }

  send(iface: string, destination: string, bytes: Uint8Array): void {
    this.links.get(iface)?.tx.send(parseIpv4(destination)!, bytes);
  }

  close(): void {
    this.rx?.close();
    this.rx = undefined;
    this.links.close();
    this.joined.clear();
  }

  private onPacket(src: number, payload: Uint8Array): void {
    let link: Link | undefined;
    for (const l of this.links) {
      if (parseIpv4(l.address) === src) return; // our own multicast
      if (networkBits(src, l.prefixLength) === l.net && (!link || l.prefixLength > link.prefixLength)) link = l;
    }
    if (link) this.receive(link.name, formatIpv4(src), Uint8Array.from(payload));
  }
}
