/**
 * Live configuration: lines typed at `configure` (as in `configure terminal`) applied to a running
 * router's config. The caller keeps its config immutable: it gets a new one plus the semantic changes
 * (NHRP redirect/shortcut toggled, NHS added, tunnel shut …) to act on without a restart.
 */
import type { ConfigChange } from './diff.js';
import { diffConfig } from './diff.js';
import type { ConfigError } from './errors.js';
import { globalCommand } from './global.js';
import type { RouterConfig } from './model.js';
import type { ConfigWarning, IgnoredLine } from './result.js';
import { Session } from './session.js';
import { validateConfig } from './validate.js';
import { sharedProtectionWarnings } from './validate-shared.js';
import { checkNbmaFamilies } from './validate-nbma.js';

/** What applyLines returns. */
export interface ApplyResult {
  /** The new config (the input is not modified). Refused lines are skipped, the others take effect, as on IOS. */
  config: RouterConfig;
  changes: ConfigChange[];
  ignored: IgnoredLine[];
  errors: ConfigError[];
  /** Warnings about the lines, plus whole-config warnings that these lines introduced. */
  warnings: ConfigWarning[];
}

/**
 * Applies `lines` in global configuration mode. `source` names the input in messages
 * (e.g. "configure (control socket)"); line numbers count from 1 within `lines`.
 */
export function applyLines(config: RouterConfig, lines: readonly string[], source = 'configure'): ApplyResult {
  const next = structuredClone(config);
  const s = new Session(next, source, true, globalCommand);
  lines.forEach((line, i) => s.feed(line, i + 1));
  s.finish();
  const refused = checkNbmaFamilies(next, source, s.nbmaLines);
  const known = new Set(validateConfig(config, source).map(key));
  const introduced = validateConfig(next, source).filter((w) => !known.has(key(w)));
  return {
    config: next,
    changes: diffConfig(config, next),
    ignored: s.ignored,
    errors: [...s.errors, ...refused].sort((a, b) => a.line - b.line),
    warnings: [...s.warnings, ...introduced, ...sharedProtectionWarnings(next, source, s.protectionLines)],
  };
}

function key(w: ConfigWarning): string {
  return `${w.code}\u0000${w.text}\u0000${w.message}`;
}
