/** The options after `ping TARGET` (IOS's one-line form): `repeat N`, `size N`, `timeout S`, `source ADDR`. */
import type { PingOptions } from './backend.js';

/** IOS's defaults: five 100-byte echoes, 2 s timeout. */
export const PING_DEFAULTS: PingOptions = { repeat: 5, size: 100, timeoutSec: 2 };

const LIMITS = { repeat: [1, 2147483647], size: [36, 18024], timeout: [0, 3600] } as const;

/** Reads the option words; a bad one gives the IOS message instead. */
export function parsePingOptions(words: readonly string[]): PingOptions | string {
  const o: PingOptions = { ...PING_DEFAULTS };
  for (let i = 0; i < words.length; i += 2) {
    const w = words[i]!.toLowerCase();
    const name = (['repeat', 'size', 'timeout', 'source'] as const).find((k) => k.startsWith(w));
    const value = words[i + 1];
    if (!name) return `% Invalid input detected at '${words[i]}'.\n`;
    if (value === undefined) return '% Incomplete command.\n';
    if (name === 'source') {
      o.source = value;
      continue;
    }
    const n = Number(value);
    const [min, max] = LIMITS[name];
    if (!/^\d+$/.test(value) || n < min || n > max) return `% Invalid ${name} value '${value}' (${min}-${max}).\n`;
    if (name === 'repeat') o.repeat = n;
    else if (name === 'size') o.size = n;
    else o.timeoutSec = n;
  }
  return o;
}
