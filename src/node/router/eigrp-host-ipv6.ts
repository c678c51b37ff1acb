/**
 * EIGRP for IPv6 in dmvpnd (the family part of ./eigrp-host.ts): the first `ipv6 router eigrp`
 * process, its routes handed to the IPv6 table (./rib6.ts) as D / EX.
 *
 * Sockets, the same for Ethernet and Tunnel interfaces (as IPv4 EIGRP's): per interface a packet
 * socket reading next header 88 (the source is the neighbor's link-local address), and one raw IPv6
 * socket that sends to FF02::A or a neighbor scoped to the interface. On a tunnel the kernel sends
 * FF02::A out of the TAP and the data plane replicates it along the `ipv6 nhrp map multicast`
 * entries, as for OSPFv3's FF02::5; EIGRP inside GRE arrives written into the TAP.
 */
import { EIGRP_IPV6, type EigrpInterfaceInput, type EigrpRoute } from '../../eigrp/index.js';
import { Ip6ProtocolLink, Ip6SendSocket } from '../sys/ip6-socket.js';
import { kernelLinkLocal } from '../sys/link-local.js';
import { eigrp6Input } from './eigrp6-config.js';
import type { EigrpHostFamily, EigrpReceive, EigrpRouteSink, EigrpSockets } from './eigrp-host.js';
import { EigrpLinks } from './eigrp-links.js';

const PROTO_EIGRP = 88;

/** Takes the engine's routes now (replacing the previous set), with each interface's Linux device. */
export type Eigrp6Install = (routes: readonly EigrpRoute[], device: (iface: string) => string | undefined) => void;

/** EIGRP for IPv6: `ipv6 router eigrp`, speaking from link-local addresses (`linkLocal`: default the kernel's). */
export function eigrpIpv6(
  install: Eigrp6Install,
  linkLocal: (device: string) => string | undefined = kernelLinkLocal,
): EigrpHostFamily<EigrpRouteSink> {
  return {
    input: (config, waiting) => eigrp6Input(config, linkLocal, waiting),
    sockets: (receive) => new Ipv6Sockets(receive),
    routes: (device) => new Ipv6Routes(install, device),
  };
}

class Ipv6Sockets implements EigrpSockets {
  private tx: Ip6SendSocket | undefined;
  private readonly links = new EigrpLinks<Ip6ProtocolLink>();

  constructor(private readonly receive: EigrpReceive) {}

  update(interfaces: readonly EigrpInterfaceInput[], devices: ReadonlyMap<string, string>, problems: string[]): void {
    this.tx ??= new Ip6SendSocket(PROTO_EIGRP);
    const tx = this.tx;
    const wanted = interfaces.flatMap((i) => {
      const device = devices.get(i.name);
      if (!device) return [];
      const open = () => {
        const link = new Ip6ProtocolLink(tx, device, PROTO_EIGRP, [EIGRP_IPV6.multicast]);
        link.onPacket((p) => {
          if (p.source !== i.address) this.receive(i.name, p.source, p.payload);
        });
        return link;
      };
      return [{ name: i.name, key: `${device}|${i.address}`, open }];
    });
    this.links.sync(wanted, problems);
  }

  send(iface: string, destination: string, bytes: Uint8Array): void {
    this.links.get(iface)?.send(destination, bytes);
  }

  close(): void {
    this.links.close();
    this.tx?.close();
    this.tx = undefined;
  }
}

/** The engine's routes by prefix, handed whole to the IPv6 table at each commit that changed them. */
class Ipv6Routes implements EigrpRouteSink {
  private readonly installed = new Map<string, EigrpRoute>();
  private changed = false;

  constructor(
    private readonly install: Eigrp6Install,
    private readonly device: (iface: string) => string | undefined,
  ) {}

  add(route: EigrpRoute): void {
    this.installed.set(`${route.prefix}/${route.prefixLength}`, route);
    this.changed = true;
  }

  withdraw(prefix: string, prefixLength: number): void {
    this.installed.delete(`${prefix}/${prefixLength}`);
    this.changed = true;
  }

  clear(): void {
    if (this.installed.size === 0) return;
    this.installed.clear();
    this.changed = true;
  }

  commit(): void {
    if (!this.changed) return;
    this.changed = false;
    this.install([...this.installed.values()], this.device);
  }
}
