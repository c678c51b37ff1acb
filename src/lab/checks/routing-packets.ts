/**
 * Routing protocol packets carried in GRE, as the routing check cites them: OSPF (IP protocol 89),
 * EIGRP (88), BGP (TCP port 179) and RIP (UDP port 520), each with its message type. Only the first
 * bytes that name the message are read; a packet too short to say is left unclassified.
 */
import { IpProto } from '../../wire/index.js';
import type { Packet } from './packets.js';

/** The routing protocols the checks know. */
export type RoutingProtocol = 'ospf' | 'bgp' | 'eigrp' | 'rip';

/** A routing message: its protocol and type name (Hello, Update, Keepalive …). */
export interface RoutingMessage {
  protocol: RoutingProtocol;
  type: string;
}

const OSPF_PROTO = 89;
const BGP_PORT = 179;
const RIP_PORT = 520;

/*
 * OSPFv2 header (RFC 2328 A.3.1):  version(1) type(1) length(2) router-id(4) area(4) …
 * EIGRP header (RFC 7868 6.5):     version(1) opcode(1) checksum(2) flags(4) …
 * BGP message (RFC 4271 4.1):      marker(16) length(2) type(1)
 * RIP (RFC 2453 4):                command(1) version(1) zero(2) …
 */
const OSPF_TYPES = ['', 'Hello', 'Database Description', 'LS Request', 'LS Update', 'LS Acknowledgment'];
const EIGRP_OPCODES: Record<number, string> = { 1: 'Update', 3: 'Query', 4: 'Reply', 5: 'Hello', 10: 'SIA-Query' };
const BGP_TYPES = ['', 'Open', 'Update', 'Notification', 'Keepalive', 'Route-Refresh'];
const RIP_COMMANDS = ['', 'Request', 'Response'];

/** The routing message an IPv4 payload carries (`protocol` from the IPv4 header), or undefined. */
export function routingMessage(protocol: number, body: Uint8Array): RoutingMessage | undefined {
  if (protocol === OSPF_PROTO && body.length >= 2 && body[0] === 2)
    return { protocol: 'ospf', type: OSPF_TYPES[body[1]!] ?? `type ${body[1]}` };
  if (protocol === IpProto.Eigrp && body.length >= 2)
    return { protocol: 'eigrp', type: EIGRP_OPCODES[body[1]!] ?? `opcode ${body[1]}` };
  if (protocol === IpProto.Udp && body.length >= 9) {
    const [src, dst] = [(body[0]! << 8) | body[1]!, (body[2]! << 8) | body[3]!];
    if (src === RIP_PORT || dst === RIP_PORT)
      return { protocol: 'rip', type: RIP_COMMANDS[body[8]!] ?? `command ${body[8]}` };
  }
  if (protocol === IpProto.Tcp && body.length >= 20) {
    const [src, dst] = [(body[0]! << 8) | body[1]!, (body[2]! << 8) | body[3]!];
    if (src !== BGP_PORT && dst !== BGP_PORT) return undefined;
    const at = (body[12]! >> 4) * 4;
    // a segment without a whole BGP header (a bare ACK, SYN) is still BGP's transport
    if (body.length < at + 19) return { protocol: 'bgp', type: 'TCP' };
    return { protocol: 'bgp', type: BGP_TYPES[body[at + 18]!] ?? `type ${body[at + 18]}` };
  }
  return undefined;
}

/** What to match on a routing packet: protocol, types, inner (tunnel) source, outer destination, time. */
export interface RoutingMatch {
  protocol: RoutingProtocol;
  types?: string[];
  innerSrc?: string;
  innerDst?: string;
  /** Outer (NBMA) destination: the router the copy went to. */
  dst?: string;
  from?: number;
}

/** The routing packets of `ps` that match. */
export function routingOf(ps: Packet[], m: RoutingMatch): Packet[] {
  return ps.filter((p) => {
    const r = p.inner?.routing;
    return (
      r !== undefined &&
      r.protocol === m.protocol &&
      (m.types === undefined || m.types.includes(r.type)) &&
      (m.innerSrc === undefined || p.inner!.src === m.innerSrc) &&
      (m.innerDst === undefined || p.inner!.dst === m.innerDst) &&
      (m.dst === undefined || p.dst === m.dst) &&
      (m.from === undefined || p.timeMs >= m.from)
    );
  });
}
