/**
 * The `adjacency` assertion: a routing protocol's neighbors as the router shows them, up when OSPF
 * says FULL, BGP Established, EIGRP up (`show ip ospf neighbor`, `show ip bgp summary`,
 * `show ip eigrp neighbors`, JSON forms).
 */
import type { CheckContext } from '../checks/context.js';
import type { Expectation } from './model.js';
import { type Attempt, resolve, showJson } from './ask.js';

/** The fields read of the routing protocols' neighbor lists (docs/show-json.md). */
interface OspfNeighborJson {
  neighbors: Array<{ neighborId: string; address: string; state: string }>;
}
interface BgpSummaryJson {
  peers: Array<{ neighbor: string; state: string }>;
}
interface EigrpNeighborsJson {
  neighbors: Array<{ address: string; up: boolean }>;
}

/** One neighbor: its id, the addresses it is known by, up or not, and its state as shown. */
interface Neighbor {
  id: string;
  addresses: string[];
  up: boolean;
  state: string;
}

/** One try: enough neighbors of the protocol up (the one named, or at least N). */
export async function adjacencyAttempt(
  ctx: CheckContext,
  s: Extract<Expectation, { kind: 'adjacency' }>['spec'],
): Promise<Attempt> {
  const peer = s.with === undefined ? undefined : resolve(ctx, s.with);
  let rows: Neighbor[];
  let output: string;
  if (s.adjacency === 'ospf') {
    const r = await showJson(ctx, s.on, 'show ip ospf neighbor');
    output = r.output;
    rows = (r.doc as OspfNeighborJson).neighbors.map((n) => ({
      id: n.neighborId,
      addresses: [n.address, n.neighborId],
      up: n.state.startsWith('FULL'),
      state: n.state,
    }));
  } else if (s.adjacency === 'bgp') {
    const r = await showJson(ctx, s.on, 'show ip bgp summary');
    output = r.output;
    rows = (r.doc as BgpSummaryJson).peers.map((p) => ({
      id: p.neighbor,
      addresses: [p.neighbor],
      up: p.state === 'Established',
      state: p.state,
    }));
  } else {
    const r = await showJson(ctx, s.on, 'show ip eigrp neighbors');
    output = r.output;
    rows = (r.doc as EigrpNeighborsJson).neighbors.map((n) => ({
      id: n.address,
      addresses: [n.address],
      up: n.up,
      state: n.up ? 'up' : 'init',
    }));
  }
  const mine = peer === undefined ? rows : rows.filter((r) => r.addresses.includes(peer));
  const up = mine.filter((r) => r.up);
  const need = s.atLeast ?? 1;
  const list = mine.map((r) => `${r.id} ${r.state}`).join(', ') || 'none';
  const what = peer === undefined ? `${s.adjacency} neighbors` : `${s.adjacency} neighbor ${peer}`;
  return up.length >= need
    ? { ok: true, found: `${s.on}: ${up.length} ${what} up (${list})`, output, figures: { up: up.length } }
    : {
        ok: false,
        found: `${s.on}: ${up.length} ${what} up, expected ${need} (${list})`,
        output,
        figures: { up: up.length },
      };
}
