/** `banner TYPE <d>text<d>`: finding the delimiter so the banner's lines can be skipped as one block. */
import type { ConfigLine } from './line.js';

const BANNER_TYPES = new Set(['exec', 'incoming', 'login', 'motd', 'prompt-timeout', 'slip-ppp', 'config-save']);

/** The delimiter of a banner line and whether the banner already ends on that line. */
export function bannerStart(line: ConfigLine): { delimiter: string; done: boolean } {
  const t = line.tokens;
  let i = t[0].text.toLowerCase() === 'no' ? 2 : 1;
  if (i === 2) return { delimiter: '', done: true };
  if (t[i] && BANNER_TYPES.has(t[i].text.toLowerCase())) i++;
  const tok = t[i];
  if (!tok) return { delimiter: '', done: true };
  const text = line.raw.slice(tok.col - 1);
  const delimiter = text.startsWith('^C') ? '^C' : text[0];
  const after = text.slice(delimiter.length);
  return { delimiter, done: after.includes(delimiter) };
}
