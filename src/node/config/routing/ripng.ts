/** `ipv6 router rip NAME` sub-mode lines and interface `ipv6 rip NAME enable|summary-address` (RIPng). */
import type { Cmd } from '../line.js';
import type { InterfaceConfig } from '../model.js';
import type { RipngConfig } from './model6.js';
import { ipv6PrefixWord } from './ipv6-prefix.js';
import { redistribute6 } from './ospf6.js';
import { setRedistribute } from './words.js';

/** Applies one line of `ipv6 router rip NAME`; returns false when the command is not one dmvpnd runs. */
export function ripngLine(cmd: Cmd, r: RipngConfig, neg: boolean): boolean {
  const w = cmd.peek();
  cmd.pos++;
  switch (w) {
    case 'split-horizon':
      cmd.end(w);
      r.splitHorizon = !neg;
      return true;
    case 'poison-reverse':
      cmd.end(w);
      r.poisonReverse = !neg;
      return true;
    case 'default-information':
      cmd.keyword(w, ['originate', 'only'] as const);
      cmd.pos = cmd.line.tokens.length;
      r.defaultOriginate = !neg;
      return true;
    case 'redistribute':
      r.redistribute = setRedistribute(r.redistribute, redistribute6(cmd), neg);
      return true;
  }
  return false;
}

/** Interface `[no] ipv6 rip NAME enable|summary-address X:X::/L`; `cmd` is on `rip`. False: not run. */
export function ripngInterfaceCommand(cmd: Cmd, iface: InterfaceConfig, neg: boolean): boolean {
  const C = 'ipv6 rip';
  cmd.pos++;
  const name = cmd.word(C, 'a RIPng process name');
  const what = cmd.peek();
  if (what !== 'enable' && what !== 'summary-address') return false;
  cmd.pos++;
  iface.ipv6Routing ??= {};
  const routing = iface.ipv6Routing;
  const r = routing.rip?.name === name ? routing.rip : { name, enabled: false, summaries: [] };
  if (what === 'enable') {
    cmd.end(C);
    r.enabled = !neg;
  } else {
    const p = ipv6PrefixWord(cmd, C);
    cmd.end(C);
    r.summaries = r.summaries.filter((s) => !(s.address === p.address && s.prefixLength === p.prefixLength));
    if (!neg) r.summaries.push(p);
  }
  if (r.enabled || r.summaries.length > 0) routing.rip = r;
  else if (routing.rip?.name === name) delete routing.rip;
  if (Object.keys(routing).length === 0) delete iface.ipv6Routing;
  return true;
}
