/** Text helpers shared by the show renderers: IOS time formats, columns, address order. */
import { parseIpv4 } from '../../wire/ipv4-addr.js';

const two = (n: number) => String(n).padStart(2, '0');

/**
 * An elapsed or remaining time as IOS prints it in show output: `00:00:34` under a day, `1d02h`
 * under a week, `2w3d` under a year, `1y2w` beyond.
 */
export function iosTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86400);
  if (days === 0) return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  if (days < 7) return `${days}d${two(Math.floor((s % 86400) / 3600))}h`;
  if (days < 365) return `${Math.floor(days / 7)}w${days % 7}d`;
  return `${Math.floor(days / 365)}y${Math.floor((days % 365) / 7)}w`;
}

/** An uptime in words as `show version` prints it: `1 week, 0 days, 3 hours, 8 minutes`. */
export function iosUptimeWords(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const units: Array<[string, number]> = [
    ['year', Math.floor(s / (365 * 86400))],
    ['week', Math.floor((s % (365 * 86400)) / (7 * 86400))],
    ['day', Math.floor((s % (7 * 86400)) / 86400)],
    ['hour', Math.floor((s % 86400) / 3600)],
    ['minute', Math.floor((s % 3600) / 60)],
  ];
  const first = units.findIndex(([, n]) => n > 0);
  const shown = first < 0 ? units.slice(-1) : units.slice(first);
  return shown.map(([u, n]) => `${n} ${u}${n === 1 ? '' : 's'}`).join(', ');
}

/** An NBMA address as IOS prints it: an IPv6 one in upper case (JSON keeps the canonical lower case). */
export function nbmaText(addr: string): string {
  return addr.includes(':') ? addr.toUpperCase() : addr;
}

/** Left-aligned in `width` columns (never truncated, as IOS lets long values push the line). */
export function left(text: string, width: number): string {
  return text.padEnd(width);
}

/** Right-aligned in `width` columns. */
export function right(text: string | number, width: number): string {
  return String(text).padStart(width);
}

/** Lines joined with a final newline, trailing blanks of each line dropped; an empty list is the empty string. */
export function lines(out: string[]): string {
  return out.length === 0 ? '' : `${out.map((l) => l.trimEnd()).join('\n')}\n`;
}

/** Orders addresses numerically (anything not a dotted quad first), then by prefix length. */
export function byAddress(
  a: { address: string; prefixLength?: number },
  b: { address: string; prefixLength?: number },
): number {
  return (parseIpv4(a.address) ?? 0) - (parseIpv4(b.address) ?? 0) || (a.prefixLength ?? 32) - (b.prefixLength ?? 32);
}

/** Splits camelCase into IOS words: `authFailure` → `Auth Failure`. */
export function words(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/^./, (c) => c.toUpperCase())
    .replace(/\b(Nhrp|Nhs|Nbma|Gre|Arp|Mac|Tap)\b/g, (w) => w.toUpperCase());
}

/**
 * Counters laid out as IOS does in `show ip nhrp traffic`: `N Label` items, two spaces apart,
 * `perLine` to a line, each line indented by `indent`.
 */
export function counterLines(items: Array<[number, string]>, indent: string, perLine = 3): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length; i += perLine) {
    out.push(
      indent +
        items
          .slice(i, i + perLine)
          .map(([n, label]) => `${n} ${label}`)
          .join('  '),
    );
  }
  return out;
}
