/** Loading a startup-config: text or file in, RouterConfig plus ignored lines, errors and warnings out. */
import { readFileSync } from 'node:fs';
import { ConfigError } from './errors.js';
import { globalCommand } from './global.js';
import { emptyConfig, type RouterConfig } from './model.js';
import type { AddressLine, ParseResult } from './result.js';
import { Session } from './session.js';
import { validateConfig } from './validate.js';
import { sharedProtectionWarnings } from './validate-shared.js';
import { checkNbmaFamilies } from './validate-nbma.js';

/** Options for parseConfig. */
export interface ParseOptions {
  /** Name used in messages (default "startup-config"). */
  file?: string;
  /** Start from this config instead of an empty one (it is not modified). */
  base?: RouterConfig;
}

/** Parses a whole IOS configuration. Every valid line takes effect even when other lines are refused, as on IOS. */
export function parseConfig(text: string, options: ParseOptions = {}): ParseResult {
  const file = options.file ?? 'startup-config';
  const config = options.base ? structuredClone(options.base) : emptyConfig();
  const s = new Session(config, file, false, globalCommand);
  splitText(text).forEach((line, i) => s.feed(line, i + 1));
  s.finish();
  const refused = checkNbmaFamilies(config, file, s.nbmaLines);
  const warnings = [
    ...s.warnings,
    ...validateConfig(config, file),
    ...sharedProtectionWarnings(config, file, s.protectionLines),
  ];
  const inForce = (a: AddressLine): boolean => {
    const i = config.interfaces[a.interface];
    const v6 = i?.ipv6;
    return (
      (i?.addresses.some((x) => x.address === a.address && x.prefixLength === a.prefixLength) ?? false) ||
      v6?.linkLocal === a.address ||
      (v6?.addresses.some((x) => x.address === a.address && x.prefixLength === a.prefixLength) ?? false)
    );
  };
  const errors = [...s.errors, ...refused].sort((a, b) => a.line - b.line);
  return { config, ignored: s.ignored, errors, warnings, addressLines: s.addressLines.filter(inForce) };
}

/** Reads and parses `path`; an unreadable file comes back as a CONFIG_FILE_UNREADABLE error, never a throw. */
export function loadConfigFile(path: string): ParseResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const err = new ConfigError(
      {
        code: 'CONFIG_FILE_UNREADABLE',
        file: path,
        line: 0,
        column: 0,
        text: '',
        ios: `%Error opening ${path} (${(e as NodeJS.ErrnoException).code ?? 'I/O error'})`,
        fault: { command: 'load', expected: 'a readable configuration file', found: (e as Error).message },
      },
      e,
    );
    return { config: emptyConfig(), ignored: [], errors: [err], warnings: [] };
  }
  return parseConfig(text, { file: path });
}

/** Lines of a text, without a byte-order mark or carriage returns. */
export function splitText(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
