/** `show clock`: the router's time as IOS prints it (`*22:10:42.123 UTC Tue Dec 1 2026`), and its JSON form. */

import type { ClockJson } from '../api/schema/system.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** `show clock` as JSON, for wall-clock time `ms` (ms since 1970). */
export function clockJson(ms: number): ClockJson {
  const d = new Date(ms);
  const hms = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  const date = `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()}`;
  return { time: d.toISOString(), timezone: 'UTC', authoritative: false, text: `*${hms} UTC ${date}` };
}

/** IOS's `! Last configuration change at 22:10:42 UTC Tue Dec 1 2026` line of `show running-config`. */
export function lastChangeLine(ms: number): string {
  const text = clockJson(ms).text;
  return `! Last configuration change at ${text.slice(1).replace(/\.\d{3} /, ' ')}`;
}

/** `show clock` text. */
export function clockText(j: ClockJson): string[] {
  return [j.text];
}
