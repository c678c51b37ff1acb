/** Global `[no] ipv6 router ospf N | rip NAME`: opens the OSPFv3 or RIPng sub-mode. */
import { ignoreBlock } from '../ignore.js';
import type { Cmd } from '../line.js';
import type { Session } from '../session.js';
import { newOspf6, newRipng } from './model6.js';
import { ospf6Line } from './ospf6.js';
import { ripngLine } from './ripng.js';
import { routerBlock } from './router.js';
import { pruneRouting, routingOf } from './words.js';

/** Handles `[no] ipv6 router …`; `cmd` is positioned on `router`. EIGRP and others are ignored here. */
export function ipv6RouterCommand(cmd: Cmd, s: Session, neg: boolean): void {
  const C = 'ipv6 router';
  cmd.pos++;
  const kind = cmd.peek();
  if (kind !== 'ospf' && kind !== 'rip') return ignoreBlock(cmd, s, 'IPv6 routing process');
  cmd.pos++;
  const r = routingOf(s.config);
  const context = cmd.line.raw.trim();
  if (kind === 'ospf') {
    const id = cmd.uint(C, 'process id', 1, 65535);
    cmd.end(C);
    if (neg) {
      if (r.ospf6?.processId === id) delete r.ospf6;
      pruneRouting(s.config);
      return;
    }
    if (r.ospf6 && r.ospf6.processId !== id) oneProcess(cmd, 'OSPFv3', 'ospf', r.ospf6.processId, id);
    r.ospf6 ??= newOspf6(id);
    const o = r.ospf6;
    s.open(routerBlock(cmd.line.indent, context, (c, n) => ospf6Line(c, o, n)));
    return;
  }
  const name = cmd.word(C, 'a RIPng process name');
  cmd.end(C);
  if (neg) {
    if (r.ripng?.name === name) delete r.ripng;
    pruneRouting(s.config);
    return;
  }
  if (r.ripng && r.ripng.name !== name) oneProcess(cmd, 'RIPng', 'rip', r.ripng.name, name);
  r.ripng ??= newRipng(name);
  const rip = r.ripng;
  s.open(routerBlock(cmd.line.indent, context, (c, n) => ripngLine(c, rip, n)));
}

/** Refuses a second IPv6 process of one protocol (`ipv6 router ospf|rip`): one process is supported. */
function oneProcess(cmd: Cmd, label: string, kind: string, have: string | number, found: string | number): never {
  return cmd.fail(
    'CONFIG_INVALID_INPUT',
    `% ${label} process ${have} is configured; one process is supported`,
    { command: 'ipv6 router', expected: `ipv6 router ${kind} ${have}`, found: `ipv6 router ${kind} ${found}` },
    cmd.pos - 1,
  );
}
