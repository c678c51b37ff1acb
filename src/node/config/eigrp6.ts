/**
 * EIGRP for IPv6 configuration lines: classic `ipv6 router eigrp AS` (the same sub-mode as `router
 * eigrp AS`: `eigrp router-id`, `[no] shutdown`, `passive-interface`, `redistribute connected|static`,
 * no `network`) and the interface lines `ipv6 eigrp AS`, `[no] ipv6 split-horizon|next-hop-self eigrp
 * AS`, `ipv6 hello-interval|hold-time eigrp AS N`, `ipv6 summary-address eigrp AS X::/len`,
 * `ipv6 authentication mode|key-chain eigrp AS …`. Named mode's `address-family ipv6` is in eigrp.ts.
 */
import { dropProcess, EIGRP_IF_WORDS, ifSetting, routerBlock } from './eigrp.js';
import { newEigrpProcess } from './eigrp-model.js';
import type { Cmd } from './line.js';
import type { InterfaceConfig } from './model.js';
import type { Session } from './session.js';

/** `[no] ipv6 router eigrp AS` (cmd at `router`). */
export function ipv6RouterEigrpCommand(cmd: Cmd, s: Session, neg: boolean): void {
  const C = 'ipv6 router eigrp';
  cmd.pos += 2;
  const as = cmd.uint(C, 'autonomous system', 1, 65535);
  cmd.end(C);
  const classic = (p: { name?: string; as: number }): boolean => p.name === undefined && p.as === as;
  if (neg) return dropProcess(s, 'eigrp6', classic);
  let proc = s.config.eigrp6?.find(classic);
  if (!proc) {
    proc = newEigrpProcess(as);
    s.config.eigrp6 = [...(s.config.eigrp6 ?? []), proc];
  }
  s.open(routerBlock(proc, cmd.line.indent, true));
}

/** True when an interface `ipv6 …` line is an EIGRP one (cmd at `ipv6`). */
export function isEigrp6IfLine(cmd: Cmd): boolean {
  const b = cmd.peek(1);
  if (b === 'eigrp') return true;
  if (b === undefined || !EIGRP_IF_WORDS.has(b)) return false;
  return cmd.peek(b === 'authentication' ? 3 : 2) === 'eigrp';
}

/** `ipv6 eigrp AS` and `ipv6 WORD eigrp AS …` on an interface (cmd at `ipv6`). */
export function eigrp6IfCommand(cmd: Cmd, iface: InterfaceConfig, neg: boolean): void {
  cmd.pos++;
  const b = cmd.peek() ?? '';
  const asAt = cmd.pos + (b === 'eigrp' ? 1 : b === 'authentication' ? 3 : 2);
  const save = cmd.pos;
  cmd.pos = asAt;
  const as = cmd.uint(`ipv6 ${b === 'eigrp' ? '' : `${b} `}eigrp`, 'autonomous system', 1, 65535);
  iface.eigrp6 ??= {};
  const all = iface.eigrp6;
  all[String(as)] ??= {};
  const set = all[String(as)];
  if (b === 'eigrp') {
    cmd.end('ipv6 eigrp');
    if (neg) delete set.enabled;
    else set.enabled = true;
  } else {
    cmd.pos = save;
    ifSetting(cmd, set, neg, b, true, true);
  }
  if (Object.keys(set).length === 0) delete all[String(as)];
  if (Object.keys(all).length === 0) delete iface.eigrp6;
}
