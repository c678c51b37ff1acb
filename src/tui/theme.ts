/**
 * Colours: only the terminal's named ANSI colours (green, red, yellow, cyan), which every palette adapts to
 * light and dark backgrounds; none at all under NO_COLOR (bold, dim and inverse stay: they are not colour).
 */
import type { Tone } from './topology.js';

/** Text props of a tone. */
export interface ToneStyle {
  color?: string;
  dimColor?: boolean;
  bold?: boolean;
}

/** Whether colour is off (https://no-color.org: NO_COLOR set to anything but the empty string). */
export function noColor(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '';
}

const COLORS: Record<Tone, ToneStyle> = {
  ok: { color: 'green' },
  bad: { color: 'red', bold: true },
  warn: { color: 'yellow' },
  accent: { color: 'cyan' },
  dim: { dimColor: true },
  plain: {},
};

const MONO: Record<Tone, ToneStyle> = {
  ok: {},
  bad: { bold: true },
  warn: {},
  accent: {},
  dim: { dimColor: true },
  plain: {},
};

/** The style of `tone` (colourless under NO_COLOR). */
export function toneStyle(tone: Tone, env: NodeJS.ProcessEnv = process.env): ToneStyle {
  return (noColor(env) ? MONO : COLORS)[tone];
}
