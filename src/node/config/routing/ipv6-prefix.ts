/** The IPv6 prefix word of the IPv6 routing lines (`network 2001:DB8:1::/64`), reduced to its network. */
import { networkOf6, parseCidr6 } from '../../../wire/ipv6-addr.js';
import type { Cmd } from '../line.js';

/** Reads an IPv6 prefix word (`2001:DB8::/64`) from `cmd`: canonical network address and length. */
export function ipv6PrefixWord(cmd: Cmd, command: string): { address: string; prefixLength: number } {
  const expected = 'an IPv6 prefix X:X:X:X::X/<0-128>';
  const p = parseCidr6(cmd.word(command, expected));
  if (!p) cmd.invalid(command, expected, cmd.pos - 1);
  return { address: networkOf6(p.address, p.prefixLength), prefixLength: p.prefixLength };
}
