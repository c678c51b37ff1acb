/** Text helpers shared by the `show ip eigrp` renderers: IOS interface abbreviations, uptimes, columns. */

const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/^TenGigabitEthernet/i, 'Te'],
  [/^GigabitEthernet/i, 'Gi'],
  [/^FastEthernet/i, 'Fa'],
  [/^Ethernet/i, 'Et'],
  [/^Tunnel/i, 'Tu'],
  [/^Loopback/i, 'Lo'],
  [/^Serial/i, 'Se'],
];

/** `Tunnel0` → `Tu0`, as IOS prints interfaces in EIGRP tables. */
export function shortIf(name: string): string {
  for (const [re, short] of ABBREVIATIONS) if (re.test(name)) return name.replace(re, short);
  return name;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** IOS uptime: hh:mm:ss under a day, then 1d02h, then 1w2d. */
export function uptime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86400);
  if (days >= 7) return `${Math.floor(days / 7)}w${days % 7}d`;
  if (days >= 1) return `${days}d${two(Math.floor((s % 86400) / 3600))}h`;
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}

/** Left-aligned in `width` (at least one space after). */
export const col = (v: string | number, width: number): string => {
  const t = String(v);
  return t.length >= width ? `${t} ` : t.padEnd(width);
};

/** Right-aligned in `width`. */
export const rcol = (v: string | number, width: number): string => String(v).padStart(width);
