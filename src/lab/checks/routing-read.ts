/**
 * What the routing check asks routers, through their control sockets only: the JSON forms of the
 * routing protocols' show commands (docs/show-json.md), and the IOS text lines of a show command that
 * mention an address, to cite as evidence.
 */
import { controlJson, sendControl } from '../../node/api/index.js';
import type {
  BgpSummaryJson,
  EigrpNeighborsJson,
  OspfNeighborJson,
  ProtocolsJson,
  RipDatabaseJson,
} from '../../node/api/index.js';
import type { RoutingProtocol } from './routing-packets.js';

/** One neighbor as a router shows it: its address and its state (OSPF FULL/DR, BGP Established, EIGRP up). */
export interface NeighborRow {
  address: string;
  state: string;
}

/** The show command that lists a protocol's neighbors (RIP: the routes it learned, by next hop). */
export const NEIGHBOR_COMMAND: Record<RoutingProtocol, string> = {
  ospf: 'show ip ospf neighbor',
  bgp: 'show ip bgp summary',
  eigrp: 'show ip eigrp neighbors',
  rip: 'show ip rip database',
};

const TIMEOUT_MS = 4000;

/** A router's neighbors in protocol `p` (RIP: each next hop it has routes from, state `updates`). */
export async function readNeighbors(control: string, p: RoutingProtocol): Promise<NeighborRow[]> {
  const json = await controlJson(control, NEIGHBOR_COMMAND[p], TIMEOUT_MS);
  if (p === 'ospf') return (json as OspfNeighborJson).neighbors.map((n) => ({ address: n.address, state: n.state }));
  if (p === 'bgp') return (json as BgpSummaryJson).peers.map((n) => ({ address: n.neighbor, state: n.state }));
  if (p === 'eigrp')
    return (json as EigrpNeighborsJson).neighbors.map((n) => ({ address: n.address, state: n.up ? 'up' : 'init' }));
  const hops = (json as RipDatabaseJson).routes.flatMap((r) => (r.nextHop ? [r.nextHop] : []));
  return [...new Set(hops)].map((address) => ({ address, state: 'updates' }));
}

/** `show ip protocols json`. */
export async function readProtocols(control: string): Promise<ProtocolsJson> {
  return (await controlJson(control, 'show ip protocols', TIMEOUT_MS)) as ProtocolsJson;
}

/** The lines of `command`'s IOS text that contain one of `needles` as a whole address or prefix. */
export async function showLines(control: string, command: string, needles: string[]): Promise<string[]> {
  const text = await sendControl(control, command, [], undefined, TIMEOUT_MS).catch(() => '');
  const hit = (line: string) =>
    needles.some((n) => {
      const at = line.indexOf(n);
      return at >= 0 && !/[\d.]/.test(line[at + n.length] ?? ' ') && !/[\d.]/.test(line[at - 1] ?? ' ');
    });
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(hit);
}
