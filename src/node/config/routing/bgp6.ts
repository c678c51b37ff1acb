/**
 * Lines of `address-family ipv6 [unicast]` in `router bgp`: `neighbor X activate`, `neighbor X
 * next-hop-self|route-reflector-client`, `network X:X::/L`, `aggregate-address X:X::/L …`,
 * `redistribute …`. Neighbors themselves (IPv4 or IPv6 addresses, peer-groups) are defined in the
 * router block as for IPv4.
 */
import type { Cmd } from '../line.js';
import type { BgpFamily } from './bgp.js';
import type { BgpConfig } from './model.js';
import { newBgpIpv6 } from './model6.js';
import { canonicalIpv6 } from '../../../wire/ipv6-addr.js';
import { ipv6PrefixWord } from './ipv6-prefix.js';
import { redistribute6 } from './ospf6.js';
import { setRedistribute } from './words.js';

/** One line inside `address-family ipv6`; false when dmvpnd does not run it. */
export function bgpIpv6Line(cmd: Cmd, b: BgpConfig, neg: boolean, _at: BgpFamily): boolean {
  b.ipv6 ??= newBgpIpv6();
  const v6 = b.ipv6;
  const w = cmd.peek();
  cmd.pos++;
  switch (w) {
    case 'network': {
      const p = ipv6PrefixWord(cmd, 'network');
      cmd.end('network');
      v6.networks = v6.networks.filter((n) => !(n.address === p.address && n.prefixLength === p.prefixLength));
      if (!neg) v6.networks.push(p);
      return true;
    }
    case 'aggregate-address': {
      const C = 'aggregate-address';
      const p = ipv6PrefixWord(cmd, C);
      const agg = { ...p, summaryOnly: false, asSet: false };
      while (cmd.left > 0) {
        if (cmd.keyword(C, ['summary-only', 'as-set'] as const) === 'summary-only') agg.summaryOnly = true;
        else agg.asSet = true;
      }
      v6.aggregates = v6.aggregates.filter((a) => !(a.address === p.address && a.prefixLength === p.prefixLength));
      if (!neg) v6.aggregates.push(agg);
      return true;
    }
    case 'redistribute':
      v6.redistribute = setRedistribute(v6.redistribute, redistribute6(cmd), neg);
      return true;
    case 'neighbor': {
      const C = 'neighbor';
      const word = cmd.word(C, 'a neighbor address or peer-group name');
      const id = canonicalIpv6(word) ?? word;
      const known = b.neighbors.some((n) => n.address === id) || b.peerGroups.some((g) => g.name === id);
      if (!known) cmd.invalid(C, `a configured neighbor or peer-group (neighbor ${word} remote-as first)`, cmd.pos - 1);
      const what = cmd.peek();
      if (what !== 'activate' && what !== 'next-hop-self' && what !== 'route-reflector-client') return false;
      cmd.pos++;
      if (what === 'next-hop-self') cmd.accept('all');
      cmd.end(C);
      const key = (
        {
          activate: 'activated',
          'next-hop-self': 'nextHopSelf',
          'route-reflector-client': 'routeReflectorClients',
        } as const
      )[what];
      v6[key] = v6[key].filter((x) => x !== id);
      if (!neg) v6[key].push(id);
      return true;
    }
  }
  return false;
}
