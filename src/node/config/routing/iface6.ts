/** Interface `ipv6 ospf …` and `ipv6 rip NAME …` lines: the IPv6 routing part of interface mode. */
import type { Cmd } from '../line.js';
import type { InterfaceConfig } from '../model.js';
import { ospf6InterfaceCommand } from './ospf6.js';
import { ripngInterfaceCommand } from './ripng.js';

/** `cmd` positioned on `ipv6`; true when the line was taken (otherwise `cmd.pos` is left as it was). */
export function ipv6RoutingIfCommand(cmd: Cmd, iface: InterfaceConfig, neg: boolean): boolean {
  const start = cmd.pos;
  const second = cmd.peek(1);
  cmd.pos++;
  if (second === 'ospf' && ospf6InterfaceCommand(cmd, iface, neg)) return true;
  if (second === 'rip' && ripngInterfaceCommand(cmd, iface, neg)) return true;
  cmd.pos = start;
  return false;
}
