/** `show ipv6 route WORD`: the route codes each word lists (the table itself is rendered by ./ipv6.ts). */

/** `show ipv6 route WORD` → the IOS codes it lists. */
export const IPV6_ROUTE_WORDS: Record<string, readonly string[]> = {
  connected: ['C', 'L'],
  local: ['L'],
  static: ['S'],
  ospf: ['O', 'OI', 'OE1', 'OE2', 'ON1', 'ON2'],
  bgp: ['B'],
  rip: ['R'],
  eigrp: ['D', 'EX'],
  nhrp: ['H'],
};

/** IOS's IPv6 code of a route kind's code and OSPF sub-code: `O` + `IA` → `OI`, `O` + `E2` → `OE2`. */
export function ipv6Code(code: string, suffix?: string): string {
  if (suffix === undefined || code !== 'O') return code;
  return `O${suffix === 'IA' ? 'I' : suffix}`;
}
